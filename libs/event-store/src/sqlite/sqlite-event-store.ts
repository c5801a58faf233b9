// EventStore on an SQLite file (better-sqlite3): WAL, synchronous=FULL so an acknowledged
// append survives a crash, BEGIN IMMEDIATE so concurrent writers serialise on the file lock.
// Group commit: the appends that arrive in one turn of the event loop are written in one
// transaction (one sync to disk), each in its own savepoint so it checks its expected revision
// and fails alone; each is acknowledged only once that transaction has committed.
import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import {
  matchesExpected,
  WrongExpectedVersion,
  type AppendResult,
  type EventHandler,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type RecordedEvent,
  type StreamAppend,
  type SubscribeOptions,
  type Subscription,
} from '../port';
import { eventStoreSchema } from './schema';
import { SubscriptionSet } from '../subscription-set';
import { pollingSubscription } from './polling-subscription';

/** A row of the embedded log's `events` table, as stored (data and metadata as JSON text). */
export interface SqliteEventRow {
  position: number;
  event_id: string;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

export interface SqliteEventStoreOptions {
  /** File path, or ':memory:' for a throwaway store. */
  filename: string;
  /** How often a subscription looks for events appended by other processes. */
  pollIntervalMs?: number;
  clock?: () => Date;
}

export class DuplicateEventId extends Error {
  constructor(readonly eventId: string) {
    super(`Event id ${eventId} is already used by another stream or revision`);
    this.name = 'DuplicateEventId';
  }
}

const toRecorded = (row: SqliteEventRow): RecordedEvent => ({
  id: row.event_id,
  stream: row.stream,
  revision: row.revision,
  position: row.position,
  type: row.type,
  data: JSON.parse(row.data) as unknown,
  metadata: JSON.parse(row.metadata) as Record<string, unknown>,
  recordedAt: row.recorded_at,
});

/** Appends waiting for the next group commit, each answered once that commit is durable. */
interface QueuedAppend {
  appends: readonly StreamAppend[];
  resolve: (results: AppendResult[]) => void;
  reject: (error: unknown) => void;
}

export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly appended = new EventEmitter();
  private readonly clock: () => Date;
  private readonly pollIntervalMs: number;
  private readonly subscriptions = new SubscriptionSet();
  private readonly statements;
  private queue: QueuedAppend[] = [];

  constructor(options: SqliteEventStoreOptions) {
    this.db = new Database(options.filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(eventStoreSchema);
    this.clock = options.clock ?? (() => new Date());
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.appended.setMaxListeners(0);
    this.statements = {
      streamHead: this.db.prepare<[string], { revision: number | null }>('SELECT MAX(revision) AS revision FROM events WHERE stream = ?'),
      byId: this.db.prepare<[string], SqliteEventRow>('SELECT * FROM events WHERE event_id = ?'),
      lastRecorded: this.db.prepare<[], { recorded_at: string }>('SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1'),
      insert: this.db.prepare('INSERT INTO events (event_id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      readStream: this.db.prepare<[string, number], SqliteEventRow>('SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision'),
      readAll: this.db.prepare<[number, number], SqliteEventRow>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?'),
      head: this.db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM events'),
    };
  }

  private readonly appendTx = (stream: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendResult | 'replayed' => {
    const replay = this.replayed(stream, events);
    if (replay) return replay;
    const actual = this.statements.streamHead.get(stream)?.revision ?? -1;
    if (!matchesExpected(expected, actual)) throw new WrongExpectedVersion(stream, expected, actual);
    // recordedAt never goes backwards, even if the clock does, so "known at" maps onto positions
    const now = this.clock().toISOString();
    const last = this.statements.lastRecorded.get()?.recorded_at;
    const recordedAt = last && last > now ? last : now;
    let result: AppendResult = { revision: actual, position: -1 };
    events.forEach((event, i) => {
      const revision = actual + 1 + i;
      const info = this.statements.insert.run(event.id, stream, revision, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata), recordedAt);
      result = { revision, position: Number(info.lastInsertRowid) };
    });
    return result;
  };

  /** A retried append (same ids, same stream) returns the original result and writes nothing. */
  private replayed(stream: string, events: readonly NewEvent[]): AppendResult | null {
    const existing = events.map((e) => this.statements.byId.get(e.id));
    if (existing.every((row) => row === undefined)) return null;
    const rows = existing.filter((row): row is SqliteEventRow => row !== undefined);
    const sameBatch = rows.length === events.length && rows.every((row, i) => row.stream === stream && row.revision === rows[0]!.revision + i);
    if (!sameBatch) throw new DuplicateEventId(events[existing.findIndex((row) => row !== undefined)]!.id);
    const last = rows[rows.length - 1]!;
    return { revision: last.revision, position: last.position };
  }

  async append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const [result] = await this.enqueue([{ stream, events, expected }]);
    return result!;
  }

  /** All appended or none (one savepoint); committed with whatever else arrives in the same turn. */
  async appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    if (appends.some((a) => a.events.length === 0)) throw new Error('append needs at least one event');
    if (new Set(appends.map((a) => a.stream)).size !== appends.length) throw new Error('appendMany takes each stream at most once');
    if (appends.length === 0) return [];
    return this.enqueue(appends);
  }

  private enqueue(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    return new Promise((resolve, reject) => {
      if (this.queue.push({ appends, resolve, reject }) === 1) setImmediate(() => this.commitQueued());
    });
  }

  /** One durable transaction for every queued append; an append refused rolls back to its own savepoint only. */
  private commitQueued(): void {
    const group = this.queue;
    if (group.length === 0) return;
    this.queue = [];
    const outcomes: ({ results: AppendResult[] } | { error: unknown })[] = [];
    const one = this.db.transaction((appends: readonly StreamAppend[]) => appends.map((a) => this.appendTx(a.stream, a.events, a.expected) as AppendResult));
    try {
      this.db
        .transaction(() => {
          for (const queued of group) {
            try {
              outcomes.push({ results: one(queued.appends) });
            } catch (error) {
              outcomes.push({ error });
            }
          }
        })
        .immediate();
    } catch (error) {
      for (const queued of group) queued.reject(error);
      return;
    }
    const positions = outcomes.flatMap((o) => ('results' in o ? o.results.map((r) => r.position) : []));
    if (positions.length > 0) this.appended.emit('appended', Math.max(...positions));
    group.forEach((queued, i) => {
      const outcome = outcomes[i]!;
      if ('results' in outcome) queued.resolve(outcome.results);
      else queued.reject(outcome.error);
    });
  }

  async readStream(stream: string, from = 0): Promise<RecordedEvent[]> {
    return this.statements.readStream.all(stream, from).map(toRecorded);
  }

  async readAll({ after, limit }: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.statements.readAll.all(after ?? 0, limit).map(toRecorded);
  }

  async headPosition(): Promise<number | null> {
    return this.statements.head.get()?.position ?? null;
  }

  subscribe(handler: EventHandler, options: SubscribeOptions): Subscription {
    return this.subscriptions.track(
      pollingSubscription({
        read: (after) => this.readAll({ after, limit: 500 }),
        handler,
        after: options.after,
        onError: options.onError,
        pollIntervalMs: this.pollIntervalMs,
        wake: this.appended,
      }),
    );
  }

  async close(): Promise<void> {
    this.commitQueued();
    await this.subscriptions.stopAll();
    if (this.db.open) this.db.close();
  }
}
