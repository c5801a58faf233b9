// A catch-up subscription to $all that survives the server going away: when the gRPC stream
// fails or ends, it waits (doubling up to 5 s) and subscribes again after the last event it
// finished with, so nothing is skipped and nothing is delivered twice. A handler that throws
// stops it for good and is reported, and so does a refusal no retry can cure (access denied on
// $all, a start position that is not one of this log's): a failing connection is retried.
import type { AllStreamResolvedEvent, AllStreamSubscription } from '@kurrent/kurrentdb-client';
import type { EventHandler, RecordedEvent, Subscription } from '../port';
import { wakeableSleep } from '../wakeable-sleep';
import { permanentRefusal } from './kurrentdb-errors';

export interface ResubscribingOptions {
  open: (after: number | null) => AllStreamSubscription;
  positionOf: (resolved: AllStreamResolvedEvent) => number;
  /** The event to hand to the handler, or null for a record that is skipped (its position is still passed). */
  toRecorded: (resolved: AllStreamResolvedEvent) => RecordedEvent | null;
  handler: EventHandler;
  after: number | null;
  onError?: (error: unknown) => void;
  reconnectDelayMs: number;
  onReconnect?: (attempt: number, error: unknown) => void;
}

const MAX_DELAY_MS = 5000;

class Stopping extends Error {
  constructor(readonly error: unknown) {
    super('subscription stopped for good');
  }
}

export const resubscribingSubscription = (options: ResubscribingOptions): Subscription => {
  let stopped = false;
  let after = options.after;
  let current: AllStreamSubscription | null = null;
  const backoff = wakeableSleep();

  const deliver = async (resolved: AllStreamResolvedEvent) => {
    let event: RecordedEvent | null;
    try {
      event = options.toRecorded(resolved);
      if (event) await options.handler(event);
    } catch (error) {
      throw new Stopping(error);
    }
    after = event?.position ?? options.positionOf(resolved);
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
        if (error instanceof Stopping) throw error.error;
        if (stopped) break;
        const refusal = permanentRefusal(error);
        if (refusal) throw refusal;
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
