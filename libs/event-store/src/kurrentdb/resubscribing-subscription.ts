// A catch-up subscription to $all that survives the server going away: when the gRPC stream
// fails or ends, it waits (doubling up to 5 s) and subscribes again after the last event its
// handler finished, so nothing is skipped and nothing is delivered twice. A handler that throws
// stops it for good and is reported; a failing connection is not, it is retried.
import type { AllStreamResolvedEvent, AllStreamSubscription } from '@kurrent/kurrentdb-client';
import type { EventHandler, RecordedEvent, Subscription } from '../port';
import { wakeableSleep } from '../wakeable-sleep';

export interface ResubscribingOptions {
  open: (after: number | null) => AllStreamSubscription;
  toRecorded: (resolved: AllStreamResolvedEvent) => RecordedEvent;
  handler: EventHandler;
  after: number | null;
  onError?: (error: unknown) => void;
  reconnectDelayMs: number;
  onReconnect?: (attempt: number, error: unknown) => void;
}

const MAX_DELAY_MS = 5000;

class HandlerFailed extends Error {
  constructor(readonly error: unknown) {
    super('subscription handler failed');
  }
}

export const resubscribingSubscription = (options: ResubscribingOptions): Subscription => {
  let stopped = false;
  let after = options.after;
  let current: AllStreamSubscription | null = null;
  const backoff = wakeableSleep();

  const deliver = async (resolved: AllStreamResolvedEvent) => {
    const event = options.toRecorded(resolved);
    try {
      await options.handler(event);
    } catch (error) {
      throw new HandlerFailed(error);
    }
    after = event.position;
  };

  const loop = async () => {
    let attempt = 0;
    while (!stopped) {
      const subscription = options.open(after);
      current = subscription;
      try {
        for await (const resolved of subscription) {
          if (stopped) break;
          attempt = 0;
          await deliver(resolved);
        }
        if (stopped) break;
        throw new Error('subscription ended by the server');
      } catch (error) {
        if (error instanceof HandlerFailed) throw error.error;
        if (stopped) break;
        attempt += 1;
        options.onReconnect?.(attempt, error);
        await backoff.sleep(Math.min(options.reconnectDelayMs * 2 ** (attempt - 1), MAX_DELAY_MS));
      } finally {
        current = null;
        await subscription.unsubscribe().catch(() => undefined);
        subscription.destroy();
      }
    }
  };

  const running = loop().catch((error: unknown) => {
    stopped = true;
    options.onError?.(error);
  });

  return {
    stop: async () => {
      stopped = true;
      backoff.wake();
      current?.destroy();
      await running;
    },
  };
};
