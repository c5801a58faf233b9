// How fast one graphql-ws connection is sent subscription messages: at most WS_MAX_MESSAGES_PER_SECOND
// in any second, all its subscriptions together. Past that, delivery is paced, not refused: the
// subscription's iterator is not pulled again until its message may go, so the feed behind it
// reads no further meanwhile (back-pressure) and nothing is dropped. A dashboard catching up
// with `after: "0"` gets every event, in order, just not faster than the pace.
// Issue 13: one socket held 100 subscriptions and was sent 21,500 messages in 4 s.

/** A sliding window over the last `perSecond` messages' send times: message i goes no sooner than 1 s after message i - perSecond. */
export class MessagePace {
  private readonly sent: Float64Array;
  private oldest = 0;

  constructor(
    perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.sent = new Float64Array(perSecond).fill(Number.NEGATIVE_INFINITY);
  }

  /**
   * Books the next message's send time and answers how many milliseconds to wait for it (0: at
   * once). Booked in call order, so subscriptions sharing the connection take turns; a booking
   * whose message is never sent (its subscription ended meanwhile) only counts as sent.
   */
  reserve(): number {
    const now = this.now();
    const at = Math.max(now, this.sent[this.oldest]! + 1000);
    this.sent[this.oldest] = at;
    this.oldest = (this.oldest + 1) % this.sent.length;
    return at - now;
  }
}

/**
 * The iterator of a subscription's results, paced: each result is pulled, then held until the
 * pace lets it go. `return()` (the client completed the subscription, or the socket closed) ends
 * a wait at once instead of sending a result no one expects.
 */
export const paced = <T>(source: AsyncIterator<T>, pace: MessagePace): AsyncIterableIterator<T> => {
  let closed = false;
  let endWait: (() => void) | null = null;
  const done = (): IteratorResult<T, undefined> => ({ value: undefined, done: true });
  const finish = (): void => {
    closed = true;
    endWait?.();
  };
  const iterator: AsyncIterableIterator<T> = {
    async next() {
      if (closed) return done();
      const item = await source.next();
      if (item.done === true || closed) return done();
      const delay = pace.reserve();
      if (delay > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          endWait = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        endWait = null;
      }
      return closed ? done() : item;
    },
    async return() {
      finish();
      await source.return?.();
      return done();
    },
    async throw(error: unknown) {
      finish();
      if (source.throw) await source.throw(error);
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
};
