import { describe, expect, it } from 'vitest';
import { readPages, type Page } from './pages';

const pagesOf =
  (items: number[], size: number) =>
  async (after: string | null): Promise<Page<number>> => {
    const start = after === null ? 0 : Number(after);
    const end = Math.min(items.length, start + size);
    return { items: items.slice(start, end), pageInfo: { hasNextPage: end < items.length, endCursor: String(end) }, totalCount: items.length };
  };

describe('reading a whole connection', () => {
  const items = Array.from({ length: 250 }, (_, i) => i);

  it('follows the cursors to the last page, reporting progress', async () => {
    const progress: number[] = [];
    const read = await readPages(pagesOf(items, 100), { onPage: (loaded) => progress.push(loaded.length) });
    expect(read).toEqual({ items, complete: true });
    expect(progress).toEqual([100, 200, 250]);
  });

  it('stops at maxPages or when aborted, and says it is not complete', async () => {
    expect(await readPages(pagesOf(items, 100), { maxPages: 2 })).toEqual({ items: items.slice(0, 200), complete: false });
    const abort = new AbortController();
    abort.abort();
    expect(await readPages(pagesOf(items, 100), { signal: abort.signal })).toEqual({ items: items.slice(0, 100), complete: false });
  });
});
