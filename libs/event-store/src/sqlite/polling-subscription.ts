// A catch-up subscription over a pull API: reads batches after the last delivered position,
// delivers them one at a time in order, then sleeps until woken by a local append or the poll
// interval (which picks up appends made by other processes on the same file).
// Reads and handlers here are synchronous underneath, so a long catch-up gives the event loop a
// turn every SLICE_MS: requests (and /health/live) are answered while thousands of events apply.
import type { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EventHandler, RecordedEvent, Subscription } from '../port';
import { wakeableSleep } from '../wakeable-sleep';

export interface PollingSubscriptionOptions {
  read: (after: number | null) => Promise<RecordedEvent[]>;
  handler: EventHandler;
  after: number | null;
  onError?: (error: unknown) => void;
  pollIntervalMs: number;
  wake: EventEmitter;
}

const SLICE_MS = 20;

export const pollingSubscription = (options: PollingSubscriptionOptions): Subscription => {
  let stopped = false;
  let after = options.after;
  const idle = wakeableSleep();
  // set by an append that lands while the loop is reading, so the next sleep is skipped
  let pending = false;
  const onAppend = () => {
    pending = true;
    idle.wake();
  };
  options.wake.on('appended', onAppend);

  const loop = async () => {
    let slice = performance.now();
    while (!stopped) {
      pending = false;
      const batch = await options.read(after);
      for (const event of batch) {
        if (stopped) return;
        await options.handler(event);
        after = event.position;
        if (performance.now() - slice > SLICE_MS) {
          await nextTurn();
          slice = performance.now();
        }
      }
      if (batch.length === 0 && !stopped && !pending) await idle.sleep(options.pollIntervalMs);
    }
  };

  const running = loop()
    .catch((error: unknown) => {
      stopped = true;
      options.onError?.(error);
    })
    .finally(() => options.wake.off('appended', onAppend));

  return {
    stop: async () => {
      stopped = true;
      idle.wake();
      await running;
    },
  };
};
