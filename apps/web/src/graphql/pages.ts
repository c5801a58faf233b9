// Reading a whole connection (first / after) page by page, the one way the dashboard does it.
import type { CombinedError } from 'urql';

/** A failed query, carrying urql's error so the page can say what it means (describeError). */
export class QueryFailed extends Error {
  constructor(readonly error: CombinedError) {
    super(error.message);
  }
}

/** The data of a query result, or QueryFailed. */
export const dataOf = <T>(result: { data?: T; error?: CombinedError }): T => {
  if (result.error) throw new QueryFailed(result.error);
  if (result.data === undefined) throw new Error('The API answered no data');
  return result.data;
};

export interface Page<T> {
  items: T[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  totalCount?: number;
}

export interface ReadPagesOptions<T> {
  /** Stop after this many pages (the result says it is not complete). */
  maxPages?: number;
  signal?: AbortSignal;
  onPage?: (loaded: T[], totalCount: number | undefined) => void;
}

export const readPages = async <T>(
  fetchPage: (after: string | null) => Promise<Page<T>>,
  options: ReadPagesOptions<T> = {},
): Promise<{ items: T[]; complete: boolean }> => {
  const items: T[] = [];
  let after: string | null = null;
  for (let page = 0; page < (options.maxPages ?? Infinity); page++) {
    const { items: pageItems, pageInfo, totalCount }: Page<T> = await fetchPage(after);
    items.push(...pageItems);
    options.onPage?.(items, totalCount);
    if (!pageInfo.hasNextPage || !pageInfo.endCursor) return { items, complete: true };
    if (options.signal?.aborted) return { items, complete: false };
    after = pageInfo.endCursor;
  }
  return { items, complete: false };
};
