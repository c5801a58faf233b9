import { MessagePace, paced } from './message-pace';

describe('MessagePace', () => {
  it('lets the first messages of a second go at once, then each one 1 s after the one `perSecond` before it', () => {
    let now = 10_000;
    const pace = new MessagePace(3, () => now);
    expect([pace.reserve(), pace.reserve(), pace.reserve()]).toEqual([0, 0, 0]);
    expect(pace.reserve()).toBe(1000);
    now += 400;
    expect(pace.reserve()).toBe(600);
    expect(pace.reserve()).toBe(600);
    expect(pace.reserve()).toBe(1600);
  });

  it('never books more than `perSecond` messages in any second', () => {
    let now = 0;
    const pace = new MessagePace(5, () => now);
    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      now += i % 7 === 0 ? 130 : 3; // bursts and lulls
      times.push(now + pace.reserve());
    }
    for (const start of times) expect(times.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(5);
  });

  it('lets a slow stream through without waiting', () => {
    let now = 0;
    const pace = new MessagePace(2, () => now);
    for (let i = 0; i < 10; i++) {
      now += 600;
      expect(pace.reserve()).toBe(0);
    }
  });
});

describe('paced', () => {
  const counting = (n: number) => {
    let pulled = 0;
    let returned = false;
    const source: AsyncIterator<number> = {
      next: () => Promise.resolve(pulled < n ? { value: pulled++, done: false } : { value: undefined, done: true }),
      return: () => {
        returned = true;
        return Promise.resolve({ value: undefined, done: true });
      },
    };
    return { source, pulled: () => pulled, returned: () => returned };
  };

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('delivers every item in order, holding those past the pace without pulling further meanwhile', async () => {
    const feed = counting(5);
    const iterator = paced(feed.source, new MessagePace(2));
    expect(await iterator.next()).toEqual({ value: 0, done: false });
    expect(await iterator.next()).toEqual({ value: 1, done: false });
    let third: IteratorResult<number> | undefined;
    void iterator.next().then((item) => (third = item));
    await jest.advanceTimersByTimeAsync(999);
    expect(third).toBeUndefined();
    expect(feed.pulled()).toBe(3); // the held item only: the source waits
    await jest.advanceTimersByTimeAsync(1);
    expect(third).toEqual({ value: 2, done: false });
    const rest: number[] = [];
    const all = (async () => {
      for await (const item of iterator) rest.push(item);
    })();
    await jest.advanceTimersByTimeAsync(2000);
    await all;
    expect(rest).toEqual([3, 4]);
  });

  it('ends a wait at once when returned, sending nothing more, and closes the source', async () => {
    const feed = counting(5);
    const iterator = paced(feed.source, new MessagePace(1));
    await iterator.next();
    const held = iterator.next();
    await jest.advanceTimersByTimeAsync(10);
    await iterator.return!();
    expect(await held).toEqual({ value: undefined, done: true });
    expect(feed.returned()).toBe(true);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    expect(jest.getTimerCount()).toBe(0);
  });

  it('shares one pace between the iterators of a connection', async () => {
    const pace = new MessagePace(2);
    const a = paced(counting(5).source, pace);
    const b = paced(counting(5).source, pace);
    await a.next();
    await b.next();
    let next: IteratorResult<number> | undefined;
    void a.next().then((item) => (next = item));
    await jest.advanceTimersByTimeAsync(500);
    expect(next).toBeUndefined();
    await jest.advanceTimersByTimeAsync(500);
    expect(next).toEqual({ value: 1, done: false });
  });
});
