import { eventFeed, type FeedSource } from './event-feed';
import type { HistoryEntry } from './event-queries';

const entry = (position: number, type = 'RoleDefined') => ({ position, type }) as HistoryEntry;

const source = () => {
  const log: HistoryEntry[] = [];
  const listeners = new Set<() => void>();
  const feed: FeedSource = {
    read: (after) => log.filter((e) => e.position > after).slice(0, 2),
    onApplied: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { feed, listeners, append: (e: HistoryEntry) => (log.push(e), listeners.forEach((l) => l())) };
};

describe('eventFeed', () => {
  it('replays what came after the start position, then follows live events, in order', async () => {
    const s = source();
    [1, 2, 3].forEach((p) => s.append(entry(p)));
    const feed = eventFeed(s.feed, 1, () => true);
    expect((await feed.next()).value.position).toBe(2);
    expect((await feed.next()).value.position).toBe(3);
    const live = feed.next();
    s.append(entry(4));
    expect((await live).value.position).toBe(4);
    await feed.return!();
  });

  it('skips what the filter refuses without losing its place', async () => {
    const s = source();
    [entry(1, 'A'), entry(2, 'B'), entry(3, 'B'), entry(4, 'A')].forEach(s.append);
    const feed = eventFeed(s.feed, 0, (e) => e.type === 'A');
    expect([(await feed.next()).value.position, (await feed.next()).value.position]).toEqual([1, 4]);
    await feed.return!();
  });

  it('ends a waiting read when the client unsubscribes, and stops listening', async () => {
    const s = source();
    const feed = eventFeed(s.feed, 0, () => true);
    const waiting = feed.next();
    expect(s.listeners.size).toBe(1);
    await feed.return!();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(s.listeners.size).toBe(0);
  });
});
