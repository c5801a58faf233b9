// The subscriptions a store has handed out, so that close() stops every one still running.
import type { Subscription } from './port';

export class SubscriptionSet {
  private readonly live = new Set<Subscription>();

  /** Tracks a subscription; stopping the returned one also forgets it. */
  track(subscription: Subscription): Subscription {
    this.live.add(subscription);
    return {
      stop: async () => {
        this.live.delete(subscription);
        await subscription.stop();
      },
    };
  }

  async stopAll(): Promise<void> {
    const running = [...this.live];
    this.live.clear();
    await Promise.all(running.map((s) => s.stop()));
  }
}
