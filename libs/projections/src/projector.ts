// Keeps the read model caught up: subscribes to the global log from the stored checkpoint and
// applies the events delivered in one turn of the event loop together (at most MAX_BATCH at
// once). Callers can wait until a position is visible (read-your-writes).
// Commits are grouped: the batches applied within COMMIT_AFTER_MS share one write transaction on
// the read model's connection, which every query of this process reads through, so a batch is
// visible as soon as it is applied and its waiters are released then. The read model is only
// this process's, and the checkpoint moves in the same transaction as the events, so a crash
// before the commit loses nothing: the projector resumes from the committed checkpoint.
import type { EventStore, RecordedEvent, Subscription } from '@rolebook/event-store';
import type { OrgReadModel } from './org-read-model';
import type { ReadModelDb } from './read-model-db';

export class ProjectionTimeout extends Error {
  constructor(position: number) {
    super(`Position ${position} was not projected in time`);
    this.name = 'ProjectionTimeout';
  }
}

/** At most this many events per batch: a batch is applied in one go, so it bounds how long the event loop waits. */
const MAX_BATCH = 250;
/**
 * How long applied batches may wait for their commit (and at most how many events): a commit
 * writes every page the batch touched, most of them the same index pages for every batch, so
 * one commit for the many small batches of dense writes costs a fraction of one each.
 */
const COMMIT_AFTER_MS = 100;
const COMMIT_EVERY = 5_000;
/** Events applied between refreshes of the query planner's statistics (only outside a transaction). */
const OPTIMIZE_EVERY = 10_000;

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
  /** Applied in the open transaction, not committed yet; and the timer that commits them. */
  private uncommitted = 0;
  private commitTimer: NodeJS.Timeout | null = null;
  private sinceOptimize = 0;

  /** @param db the read model's connection (the one `readModel` writes through and queries read through) */
  constructor(
    private readonly store: EventStore,
    private readonly readModel: OrgReadModel,
    private readonly db: ReadModelDb,
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

  /** Applies what was delivered in the open transaction, then tells the waiters and listeners. */
  private flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0 || this.failure) return;
    if (!this.db.inTransaction) this.db.exec('BEGIN IMMEDIATE');
    // nested in the open transaction: a batch that fails rolls back alone (to its savepoint)
    const applied = this.readModel.applyAll(batch);
    this.uncommitted += applied.length;
    this.position = applied[applied.length - 1]!.position;
    if (this.uncommitted >= COMMIT_EVERY) this.commit();
    else this.commitTimer ??= setTimeout(() => this.commitLater(), COMMIT_AFTER_MS);
    this.release();
    for (const event of applied) for (const listener of this.listeners) listener(event.position, event);
  }

  /** Commits the open transaction: what was applied becomes durable as far as the read model is. */
  private commit(): void {
    if (this.commitTimer) clearTimeout(this.commitTimer);
    this.commitTimer = null;
    if (!this.db.inTransaction) return;
    this.db.exec('COMMIT');
    this.sinceOptimize += this.uncommitted;
    this.uncommitted = 0;
    if (this.sinceOptimize >= OPTIMIZE_EVERY) {
      // the planner's statistics follow the model's growth (cheap: sampled, and only where stale)
      this.sinceOptimize = 0;
      this.db.pragma('optimize');
    }
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

  private commitLater(): void {
    try {
      this.commit();
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

  /** Stops following the log once what was delivered is applied and committed. */
  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
    this.flushLater(); // what was delivered before the stop
    this.commitLater();
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
    if (this.failure) return;
    this.failure = { error };
    // the batches applied before the failure were reported visible: kept (a failed batch rolled back alone)
    try {
      this.commit();
    } catch {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
    }
    this.onFailure(error);
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    this.waiters.clear();
  }
}
