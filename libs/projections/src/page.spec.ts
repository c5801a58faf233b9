import { InvalidCursor } from './cursors';
import { fetchSize, pageOfList, toPage } from './page';

describe('paging', () => {
  const request = { first: 2, after: null };
  const edge = (n: number) => ({ cursor: String(n), node: n });

  it('fetches one row more than asked and shows only what was asked', () => {
    expect(fetchSize(request)).toBe(3);
    const page = toPage([1, 2, 3], request, edge, () => 9);
    expect(page.items.map((i) => i.node)).toEqual([1, 2]);
    expect(page.hasNextPage).toBe(true);
    expect(page.totalCount()).toBe(9);
  });
  it('has no next page when the extra row did not come', () => expect(toPage([1, 2], request, edge, () => 2).hasNextPage).toBe(false));

  it('pages a list in memory by index', () => {
    const list = ['a', 'b', 'c', 'd', 'e'];
    const first = pageOfList(list, request);
    expect(first.items).toEqual([
      { cursor: '0', node: 'a' },
      { cursor: '1', node: 'b' },
    ]);
    const last = pageOfList(list, { first: 10, after: first.items[1]!.cursor });
    expect(last.items.map((i) => i.node)).toEqual(['c', 'd', 'e']);
    expect([first.hasNextPage, last.hasNextPage, last.totalCount()]).toEqual([true, false, 5]);
  });
  it('refuses an index cursor past the list or not an index', () => {
    expect(() => pageOfList(['a'], { first: 1, after: '1' })).toThrow(InvalidCursor);
    expect(() => pageOfList(['a'], { first: 1, after: 'x' })).toThrow(InvalidCursor);
  });
});
