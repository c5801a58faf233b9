// A live feed of a tenant's events for subscriptions: reads the event table after a position
// (so a client that reconnects with its last position misses nothing), then waits for the
// projector to apply more. Pull-based: a slow client only delays its own reads.
import type { HistoryEntry } from './event-queries';

export interface FeedSource {
  /** Events strictly after `position`, oldest first. */
  read(after: number): HistoryEntry[];
  onApplied(listener: () => void): () => void;
}

export const eventFeed = (source: FeedSource, start: number, accept: (entry: HistoryEntry) => boolean): AsyncIterableIterator<HistoryEntry> => {
  let cursor = start;
  let buffer: HistoryEntry[] = [];
  let closed = false;
  // set by an event applied while reading, so the next wait is skipped
  let pending = false;
  let wake: (() => void) | null = null;
  const unsubscribe = source.onApplied(() => {
    pending = true;
    wake?.();
  });

  const close = (): IteratorResult<HistoryEntry> => {
    closed = true;
    unsubscribe();
    wake?.();
    return { value: undefined, done: true };
  };

  const iterator: AsyncIterableIterator<HistoryEntry> = {
    async next() {
      while (!closed) {
        const entry = buffer.shift();
        if (entry) return { value: entry, done: false };
        pending = false;
        const batch = source.read(cursor);
        if (batch.length > 0) {
          cursor = batch[batch.length - 1]!.position;
          buffer = batch.filter(accept);
          continue;
        }
        if (!pending) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
      return { value: undefined, done: true };
    },
    async return() {
      return close();
    },
    async throw(error?: unknown) {
      close();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
};

/** Maps a feed, skipping what `map` turns into null; closing it closes the feed at once. */
export const mapFeed = <T, U>(feed: AsyncIterableIterator<T>, map: (item: T) => U | null): AsyncIterableIterator<U> => {
  const iterator: AsyncIterableIterator<U> = {
    async next() {
      for (;;) {
        const item = await feed.next();
        if (item.done) return { value: undefined, done: true };
        const mapped = map(item.value);
        if (mapped !== null) return { value: mapped, done: false };
      }
    },
    async return() {
      await feed.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
};
