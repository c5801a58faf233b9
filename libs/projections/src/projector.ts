// Keeps the read model caught up: subscribes to the global log from the stored checkpoint
// and applies each event. Callers can wait until a position is visible (read-your-writes).
import type { EventStore, RecordedEvent, Subscription } from '@rolebook/event-store';
import type { OrgReadModel } from './org-read-model';

export class ProjectionTimeout extends Error {
  constructor(position: number) {
    super(`Position ${position} was not projected in time`);
    this.name = 'ProjectionTimeout';
  }
}

interface Waiter {
  position: number;
  resolve: () => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout;
}

export class Projector {
  private subscription: Subscription | null = null;
  private position: number | null = null;
  private failure: { error: unknown } | null = null;
  private readonly waiters = new Set<Waiter>();
  private readonly listeners = new Set<(position: number, event: RecordedEvent) => void>();

  constructor(
    private readonly store: EventStore,
    private readonly readModel: OrgReadModel,
    private readonly onFailure: (error: unknown) => void = () => undefined,
  ) {}

  start(): void {
    if (this.subscription) return;
    this.position = this.readModel.checkpoint();
    this.subscription = this.store.subscribe(
      (recorded) => {
        const event = this.readModel.apply(recorded);
        this.position = event.position;
        this.release();
        for (const listener of this.listeners) listener(event.position, event);
      },
      { after: this.position, onError: (error) => this.fail(error) },
    );
  }

  /** The last position applied; null before the first event. */
  get projectedPosition(): number | null {
    return this.position;
  }

  get healthy(): boolean {
    return this.subscription !== null && this.failure === null;
  }

  /** Resolves once `position` is applied; rejects on timeout or if the projection has failed. */
  waitFor(position: number, timeoutMs = 10_000): Promise<void> {
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.position !== null && this.position >= position) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        position,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new ProjectionTimeout(position));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Calls `listener` after each applied event; answers the function that unsubscribes it. */
  onApplied(listener: (position: number, event: RecordedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Waits until everything in the store when called is applied. */
  async catchUp(timeoutMs?: number): Promise<void> {
    const head = await this.store.headPosition();
    if (head !== null) await this.waitFor(head, timeoutMs);
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
  }

  private release(): void {
    for (const waiter of this.waiters) {
      if (this.position !== null && this.position >= waiter.position) {
        clearTimeout(waiter.timer);
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  private fail(error: unknown): void {
    this.failure = { error };
    this.onFailure(error);
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    this.waiters.clear();
  }
}
