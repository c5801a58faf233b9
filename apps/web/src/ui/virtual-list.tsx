// A long list that renders only the rows in view (@tanstack/react-virtual), so 10,000 rows scroll like 10.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';

export interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  /** Visible height of the list, in pixels. */
  height: number;
  label: string;
  keyOf: (item: T) => string;
  children: (item: T) => ReactNode;
}

export const VirtualList = <T,>({ items, rowHeight, height, label, keyOf, children }: VirtualListProps<T>) => {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 8 });
  const rows = virtualizer.getVirtualItems();
  return (
    <div ref={scroller} className="virtual-list" style={{ height, overflowY: 'auto' }} tabIndex={0} aria-label={label}>
      <ul role="list" aria-setsize={items.length} style={{ height: virtualizer.getTotalSize(), position: 'relative', margin: 0, padding: 0 }}>
        {rows.map((row) => {
          const item = items[row.index]!;
          return (
            <li
              key={keyOf(item)}
              aria-posinset={row.index + 1}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: row.size, transform: `translateY(${row.start}px)`, listStyle: 'none' }}
            >
              {children(item)}
            </li>
          );
        })}
      </ul>
    </div>
  );
};
