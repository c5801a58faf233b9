// One way to page a list, forward only: fetch one row more than asked (`fetchSize`); that row
// is not shown, it only tells that another page follows. Each list decides what its cursor holds.
import { InvalidCursor, parsePositionCursor, positionCursor } from './cursors';

export interface PageRequest {
  first: number;
  /** Opaque cursor of the last item of the previous page. */
  after: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Page<T> {
  items: Edge<T>[];
  /** Counted only when called: a count scans every match, a page stops at `first`. */
  totalCount: () => number;
  hasNextPage: boolean;
}

/** How many rows to fetch for a page (the LIMIT). */
export const fetchSize = (request: PageRequest): number => request.first + 1;

/** The page of rows fetched with at most `fetchSize(request)` rows. */
export const toPage = <R, T>(rows: readonly R[], request: PageRequest, edge: (row: R, index: number) => Edge<T>, totalCount: () => number): Page<T> => ({
  items: rows.slice(0, request.first).map(edge),
  totalCount,
  hasNextPage: rows.length > request.first,
});

/** A page over a list held in memory; the cursor is the index of the last item seen. */
export const pageOfList = <T>(list: readonly T[], request: PageRequest): Page<T> => {
  const start = request.after === null ? 0 : afterIndex(request.after, list.length);
  return toPage(
    list.slice(start, start + fetchSize(request)),
    request,
    (node, i) => ({ cursor: positionCursor(start + i), node }),
    () => list.length,
  );
};

const afterIndex = (cursor: string, length: number): number => {
  const index = parsePositionCursor(cursor);
  if (index >= length) throw new InvalidCursor();
  return index + 1;
};
