// Keeps the read model caught up: subscribes to the global log from the stored checkpoint and
// applies the events delivered in one turn of the event loop together, in one transaction (at
// most MAX_BATCH at once). Callers can wait until a position is visible (read-your-writes):
// they are released once the transaction holding it has committed.
import type { EventStore, RecordedEvent, Subscription } from '@rolebook/event-store';
import type { OrgReadModel } from './org-read-model';

export class ProjectionTimeout extends Error {
  constructor(position: number) {
    super(`Position ${position} was not projected in time`);
    this.name = 'ProjectionTimeout';
  }
}

/** At most this many events per transaction: a batch is applied in one go, so it bounds how long the event loop waits. */
const MAX_BATCH = 250;

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
  /** Delivered, not applied yet. */
  private pending: RecordedEvent[] = [];
  private scheduled: NodeJS.Immediate | null = null;

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
        this.pending.push(recorded);
        if (this.pending.length >= MAX_BATCH) this.flush();
        else this.scheduled ??= setImmediate(() => this.flushLater());
      },
      { after: this.position, onError: (error) => this.fail(error) },
    );
  }

  /** Applies what was delivered, in one transaction, then tells the waiters and listeners. */
  private flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0 || this.failure) return;
    const applied = this.readModel.applyAll(batch);
    this.position = applied[applied.length - 1]!.position;
    this.release();
    for (const event of applied) for (const listener of this.listeners) listener(event.position, event);
  }

  /** A flush outside the subscription's handler: a failure there stops the subscription as a handler's would. */
  private flushLater(): void {
    try {
      this.flush();
    } catch (error) {
      this.fail(error);
      void this.subscription?.stop();
    }
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
    this.flushLater(); // what was delivered before the stop
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
