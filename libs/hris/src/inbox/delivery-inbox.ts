// The durable inbox of HRIS deliveries (SQLite, WAL, synchronous=FULL): a delivery is
// acknowledged only once its row is committed here. One row per (tenant, provider, delivery id)
// and per (tenant, provider, body digest): a duplicate (a redelivery, or the same provider event
// under a new id) is recognised and ignored. Bodies hold personal data; they live here, never in
// the event log, stream names or logs, and are erased once a delivery is done and older than the
// retention (its digest stays, so a late redelivery is still recognised as a duplicate), or at once
// when the personal data of a person they name is erased. An erased body leaves no bytes behind in
// the file: secure_delete zeroes the space it held, and the WAL (which holds the pages as they
// were) is checkpointed and truncated after an erasure, as keys.db does.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { Provider } from '../providers';

export const DELIVERY_STATUSES = ['PENDING', 'PROCESSED', 'DEAD'] as const;

export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface Delivery {
  seq: number;
  tenantId: string;
  provider: Provider;
  deliveryId: string;
  /** Empty once erased (bodyErased). */
  body: Buffer;
  bodyErased: boolean;
  receivedAt: string;
  status: DeliveryStatus;
  attempts: number;
  /** How many times it was replayed: each replay is a new round of attempts (and a new queued job). */
  replays: number;
  nextAttemptAt: string | null;
  /** Why it is dead, or the last retryable failure: a reason code, never input values. */
  lastError: string | null;
  /** What it became: entity ids and what happened to them. */
  outcome: string[];
}

interface Row {
  seq: number;
  tenant_id: string;
  provider: Provider;
  delivery_id: string;
  body: Buffer;
  body_erased: number;
  received_at: string;
  status: DeliveryStatus;
  attempts: number;
  replays: number;
  next_attempt_at: string | null;
  last_error: string | null;
  outcome: string;
}

const schema = `
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id TEXT NOT NULL,
  provider TEXT NOT NULL,
  delivery_id TEXT NOT NULL,
  body_digest TEXT NOT NULL,
  body BLOB NOT NULL,
  body_erased INTEGER NOT NULL DEFAULT 0,
  received_at TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  replays INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_error TEXT,
  outcome TEXT NOT NULL DEFAULT '[]',
  UNIQUE (tenant_id, provider, delivery_id),
  UNIQUE (tenant_id, provider, body_digest)
);
CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
`;

const FILTER = 'tenant_id = @tenantId AND (@status IS NULL OR status = @status) AND (@provider IS NULL OR provider = @provider)';

const filterParams = (tenantId: string, filter: { status?: DeliveryStatus; provider?: Provider }) => ({
  tenantId,
  status: filter.status ?? null,
  provider: filter.provider ?? null,
});

const toDelivery = (r: Row): Delivery => ({
  seq: r.seq,
  tenantId: r.tenant_id,
  provider: r.provider,
  deliveryId: r.delivery_id,
  body: r.body,
  bodyErased: r.body_erased === 1,
  receivedAt: r.received_at,
  status: r.status,
  attempts: r.attempts,
  replays: r.replays,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  outcome: JSON.parse(r.outcome) as string[],
});

export class DeliveryInbox {
  private readonly db: Database.Database;

  constructor(filename: string) {
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('journal_size_limit = 0');
    this.db.pragma('secure_delete = ON');
    this.db.exec(schema);
    // inboxes made before replays were counted and bodies erased
    const columns = this.db.prepare<[], { name: string }>('PRAGMA table_info(webhook_deliveries)').all();
    for (const column of ['replays', 'body_erased'])
      if (!columns.some((c) => c.name === column)) this.db.exec(`ALTER TABLE webhook_deliveries ADD COLUMN ${column} INTEGER NOT NULL DEFAULT 0`);
  }

  /** Records a delivery; null when it is a duplicate of one already recorded. */
  record(d: { tenantId: string; provider: Provider; deliveryId: string; body: Buffer; receivedAt: string }): Delivery | null {
    const digest = createHash('sha256').update(d.body).digest('hex');
    const info = this.db
      .prepare(
        `INSERT OR IGNORE INTO webhook_deliveries (tenant_id, provider, delivery_id, body_digest, body, received_at, status, next_attempt_at)
         VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?)`,
      )
      .run(d.tenantId, d.provider, d.deliveryId, digest, d.body, d.receivedAt, d.receivedAt);
    return info.changes === 0 ? null : this.get(Number(info.lastInsertRowid));
  }

  get(seq: number): Delivery | null {
    const row = this.db.prepare<[number], Row>('SELECT * FROM webhook_deliveries WHERE seq = ?').get(seq);
    return row ? toDelivery(row) : null;
  }

  byDeliveryId(tenantId: string, provider: Provider, deliveryId: string): Delivery | null {
    const row = this.db
      .prepare<[string, string, string], Row>('SELECT * FROM webhook_deliveries WHERE tenant_id = ? AND provider = ? AND delivery_id = ?')
      .get(tenantId, provider, deliveryId);
    return row ? toDelivery(row) : null;
  }

  /** Pending deliveries due by `now`, oldest first (a delivery left pending by a crash is due at once). */
  due(now: string, limit = 50): Delivery[] {
    return this.db
      .prepare<[string, number], Row>(`SELECT * FROM webhook_deliveries WHERE status = 'PENDING' AND next_attempt_at <= ? ORDER BY seq LIMIT ?`)
      .all(now, limit)
      .map(toDelivery);
  }

  /** When the next pending delivery is due, or null. */
  nextDue(): string | null {
    return this.db.prepare<[], { at: string | null }>(`SELECT MIN(next_attempt_at) AS at FROM webhook_deliveries WHERE status = 'PENDING'`).get()?.at ?? null;
  }

  processed(seq: number, outcome: string[]): void {
    this.db
      .prepare(
        `UPDATE webhook_deliveries SET status = 'PROCESSED', attempts = attempts + 1, last_error = NULL, next_attempt_at = NULL, outcome = ? WHERE seq = ?`,
      )
      .run(JSON.stringify(outcome), seq);
  }

  failed(seq: number, reason: string, retryAt: string | null): void {
    this.db
      .prepare(`UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE seq = ?`)
      .run(retryAt === null ? 'DEAD' : 'PENDING', reason, retryAt, seq);
  }

  /** Puts a delivery back in the queue, due now, with a fresh attempt count (not one whose body was erased). */
  replay(seq: number, now: string): Delivery | null {
    this.db
      .prepare(`UPDATE webhook_deliveries SET status = 'PENDING', attempts = 0, replays = replays + 1, next_attempt_at = ? WHERE seq = ? AND body_erased = 0`)
      .run(now, seq);
    return this.get(seq);
  }

  /** Erases the bodies of deliveries done (PROCESSED or DEAD) and received before `before`; answers how many. */
  eraseBodies(before: string): number {
    const erased = this.db
      .prepare(`UPDATE webhook_deliveries SET body = x'', body_erased = 1 WHERE status IN ('PROCESSED', 'DEAD') AND received_at < ? AND body_erased = 0`)
      .run(before).changes;
    if (erased > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return erased;
  }

  /**
   * Erases one delivery's body whatever its state (its person's personal data was erased); a
   * delivery not done yet is DEAD with `reason`, since there is nothing left to process.
   */
  eraseBody(seq: number, reason: string): void {
    this.db
      .prepare(
        `UPDATE webhook_deliveries SET body = x'', body_erased = 1,
           status = CASE status WHEN 'PENDING' THEN 'DEAD' ELSE status END,
           last_error = CASE status WHEN 'PENDING' THEN ? ELSE last_error END,
           next_attempt_at = CASE status WHEN 'PENDING' THEN NULL ELSE next_attempt_at END
         WHERE seq = ?`,
      )
      .run(reason, seq);
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** A tenant's deliveries that still hold their body, after `afterSeq`, oldest first. */
  withBodies(tenantId: string, afterSeq: number, limit: number): Delivery[] {
    return this.db
      .prepare<[string, number, number], Row>('SELECT * FROM webhook_deliveries WHERE tenant_id = ? AND body_erased = 0 AND seq > ? ORDER BY seq LIMIT ?')
      .all(tenantId, afterSeq, limit)
      .map(toDelivery);
  }

  list(tenantId: string, filter: { status?: DeliveryStatus; provider?: Provider }, after: number | null, first: number): Delivery[] {
    return this.db
      .prepare<[Record<string, unknown>], Row>(`SELECT * FROM webhook_deliveries WHERE ${FILTER} AND seq < @after ORDER BY seq DESC LIMIT @first`)
      .all({ ...filterParams(tenantId, filter), after: after ?? Number.MAX_SAFE_INTEGER, first })
      .map(toDelivery);
  }

  count(tenantId: string, filter: { status?: DeliveryStatus; provider?: Provider }): number {
    return this.db
      .prepare<[Record<string, unknown>], { n: number }>(`SELECT COUNT(*) AS n FROM webhook_deliveries WHERE ${FILTER}`)
      .get(filterParams(tenantId, filter))!.n;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
