// Keeps the read model caught up: subscribes to the global log from the stored checkpoint and
// applies the events delivered in one turn of the event loop together, in one transaction (at
// most MAX_BATCH at once). Callers can wait until a position is visible (read-your-writes):
// they are released once the transaction holding it has committed. A read model rebuilt beside
// this one can take its place while it runs (switchTo).
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
  /** Set once switched away from (a follower's, after its read model was taken over): deliveries are ignored. */
  private detached = false;
  /** The projector of a read model being brought up to this one's position (switchTo). */
  private follower: Projector | null = null;

  constructor(
    private readonly store: EventStore,
    private readModel: OrgReadModel,
    private readonly onFailure: (error: unknown) => void = () => undefined,
  ) {}

  start(): void {
    if (this.subscription) return;
    this.position = this.readModel.checkpoint();
    const readModel = this.readModel;
    this.subscription = this.store.subscribe(
      (recorded) => {
        // a subscription of the read model switched away from, stopping: what it delivers is not for the new one
        if (this.detached || this.readModel !== readModel) return;
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
    if (batch.length === 0 || this.failure || this.detached) return;
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

  /**
   * Carries on with `next`, a read model of the same log built beside this one (rebuild --beside):
   * brings it up to this projector's position (and this one up to where `next` was built), in
   * turns, while this one goes on applying and its read model answering; then, in one synchronous
   * step, applies to `next` from its checkpoint on and calls `switched` (where the caller moves its
   * queries to `next`), before any waiter is released or listener told again. No event is applied twice to a read model or skipped, the
   * position never goes back, and the listeners hear every event once (those `next` applied ahead
   * of this projector are told after the step). On failure this projector carries on as it was.
   */
  async switchTo(next: OrgReadModel, switched: () => void, timeoutMs = 600_000): Promise<void> {
    if (this.failure) throw this.failure.error;
    if (this.follower) throw new Error('a switch of read model is in progress already');
    // events up to where `next` was built are told by this projector: it reaches there before the switch
    const built = next.checkpoint();
    const follower = (this.follower = new Projector(this.store, next));
    const ahead: RecordedEvent[] = [];
    const unlisten = follower.onApplied((position, event) => {
      if (position > (this.position ?? 0)) ahead.push(event);
    });
    follower.start();
    try {
      for (;;) {
        const failure = follower.failure ?? this.failure;
        if (failure) throw failure.error;
        if (built !== null && (this.position ?? 0) < built) {
          await this.waitFor(built, timeoutMs);
          continue;
        }
        const target = this.position;
        if (target === null || (follower.position ?? 0) >= target) break;
        await follower.waitFor(target, timeoutMs);
      }
    } catch (error) {
      follower.detach();
      throw error;
    } finally {
      unlisten();
      this.follower = null;
    }
    // from here on synchronous: nothing else runs until the switch is done
    const from = this.position;
    follower.detach();
    const old = this.subscription;
    this.subscription = null;
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    this.pending = []; // after `from`: the new subscription delivers them again
    this.readModel = next;
    this.start();
    void old?.stop();
    switched();
    this.release();
    for (const event of ahead) {
      if (from !== null && event.position <= from) continue;
      for (const listener of this.listeners) listener(event.position, event);
    }
  }

  /** Stops applying and delivering, at once, leaving the read model as it is (its subscription stops in the background). */
  private detach(): void {
    this.detached = true;
    this.pending = [];
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    void this.subscription?.stop();
    this.subscription = null;
  }

  async stop(): Promise<void> {
    this.follower?.fail(new Error('the projector stopped before the switch of read model'));
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
