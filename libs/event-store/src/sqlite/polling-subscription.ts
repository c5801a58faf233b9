// A catch-up subscription over a pull API: reads batches after the last delivered position,
// delivers them one at a time in order, then sleeps until woken by a local append or the poll
// interval (which picks up appends made by other processes on the same file).
import type { EventEmitter } from 'node:events';
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
    while (!stopped) {
      pending = false;
      const batch = await options.read(after);
      for (const event of batch) {
        if (stopped) return;
        await options.handler(event);
        after = event.position;
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
