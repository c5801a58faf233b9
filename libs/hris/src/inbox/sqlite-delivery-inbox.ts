// The delivery inbox on SQLite (DATA_DIR/webhooks.db, WAL, synchronous=FULL), shared by the API
// and the worker of one host. An erased body leaves no bytes behind in the file: secure_delete
// zeroes the space it held, and the WAL (which holds the pages as they were) is checkpointed and
// truncated after an erasure, as keys.db does. A claim is a conditional UPDATE: SQLite runs one
// writer at a time, so of two claimants one changes the row and the other finds it held. Claims and
// outcomes of a group of deliveries are each one transaction (one sync to disk).
import Database from 'better-sqlite3';
import type { Provider } from '../providers';
import { bodyDigest, type Delivery, type DeliveryFilter, type DeliveryInbox, type DeliveryStatus, type NewDelivery, type Settlement } from './delivery-inbox';

interface SqliteDeliveryRow {
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
  claimed_until: string | null;
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
  claimed_until TEXT,
  last_error TEXT,
  outcome TEXT NOT NULL DEFAULT '[]',
  UNIQUE (tenant_id, provider, delivery_id),
  UNIQUE (tenant_id, provider, body_digest)
);
CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
`;

// columns added since the first release, for inboxes made before them
const ADDED_COLUMNS = {
  replays: 'INTEGER NOT NULL DEFAULT 0',
  body_erased: 'INTEGER NOT NULL DEFAULT 0',
  claimed_until: 'TEXT',
} as const;

const FILTER = 'tenant_id = @tenantId AND (@status IS NULL OR status = @status) AND (@provider IS NULL OR provider = @provider)';

const filterParams = (tenantId: string, filter: DeliveryFilter) => ({
  tenantId,
  status: filter.status ?? null,
  provider: filter.provider ?? null,
});

const toDelivery = (r: SqliteDeliveryRow): Delivery => ({
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

/** A delivery as record() stores it: SQLite keeps each field as given, so it need not be read back. */
const recorded = (seq: number, d: NewDelivery): Delivery => ({
  seq,
  tenantId: d.tenantId,
  provider: d.provider,
  deliveryId: d.deliveryId,
  body: d.body,
  bodyErased: false,
  receivedAt: d.receivedAt,
  status: 'PENDING',
  attempts: 0,
  replays: 0,
  nextAttemptAt: d.receivedAt,
  lastError: null,
  outcome: [],
});

export class SqliteDeliveryInbox implements DeliveryInbox {
  private readonly db: Database.Database;
  private readonly insertMany: (deliveries: readonly NewDelivery[]) => (Delivery | null)[];
  private readonly claimTx: (seqs: readonly number[], now: string, until: string) => Delivery[];
  private readonly renewTx: (seqs: readonly number[], heldUntil: string, until: string) => number[];
  private readonly settleTx: (settlements: readonly Settlement[]) => void;

  constructor(filename: string) {
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('journal_size_limit = 0');
    this.db.pragma('secure_delete = ON');
    this.db.exec(schema);
    const columns = this.db.prepare<[], { name: string }>('PRAGMA table_info(webhook_deliveries)').all();
    for (const [column, type] of Object.entries(ADDED_COLUMNS))
      if (!columns.some((c) => c.name === column)) this.db.exec(`ALTER TABLE webhook_deliveries ADD COLUMN ${column} ${type}`);
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO webhook_deliveries (tenant_id, provider, delivery_id, body_digest, body, received_at, status, next_attempt_at)
       VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?)`,
    );
    this.insertMany = this.db.transaction((deliveries: readonly NewDelivery[]) =>
      deliveries.map((d) => {
        const info = insert.run(d.tenantId, d.provider, d.deliveryId, bodyDigest(d.body), d.body, d.receivedAt, d.receivedAt);
        return info.changes === 0 ? null : recorded(Number(info.lastInsertRowid), d);
      }),
    );
    const claim = this.db.prepare<[string, number, string], SqliteDeliveryRow>(
      `UPDATE webhook_deliveries SET claimed_until = ? WHERE seq = ? AND status = 'PENDING' AND (claimed_until IS NULL OR claimed_until <= ?) RETURNING *`,
    );
    this.claimTx = this.db.transaction((seqs: readonly number[], now: string, until: string) =>
      [...seqs]
        .sort((a, b) => a - b)
        .flatMap((seq) => {
          const row = claim.get(until, seq, now);
          return row ? [toDelivery(row)] : [];
        }),
    );
    const renew = this.db.prepare(`UPDATE webhook_deliveries SET claimed_until = ? WHERE seq = ? AND status = 'PENDING' AND claimed_until = ?`);
    this.renewTx = this.db.transaction((seqs: readonly number[], heldUntil: string, until: string) =>
      seqs.filter((seq) => renew.run(until, seq, heldUntil).changes > 0),
    );
    const processed = this.db.prepare(
      `UPDATE webhook_deliveries SET status = 'PROCESSED', attempts = attempts + 1, last_error = NULL, next_attempt_at = NULL, claimed_until = NULL, outcome = ? WHERE seq = ?`,
    );
    const failed = this.db.prepare(
      `UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, last_error = ?, next_attempt_at = ?, claimed_until = NULL WHERE seq = ?`,
    );
    this.settleTx = this.db.transaction((settlements: readonly Settlement[]) => {
      for (const s of settlements) {
        if (s.status === 'PROCESSED') processed.run(JSON.stringify(s.outcome), s.seq);
        else failed.run(s.retryAt === null ? 'DEAD' : 'PENDING', s.reason, s.retryAt, s.seq);
      }
    });
  }

  async record(d: NewDelivery): Promise<Delivery | null> {
    return this.insertMany([d])[0]!;
  }

  async recordMany(deliveries: readonly NewDelivery[]): Promise<(Delivery | null)[]> {
    return this.insertMany(deliveries);
  }

  async get(seq: number): Promise<Delivery | null> {
    return this.row(seq);
  }

  async byDeliveryId(tenantId: string, provider: Provider, deliveryId: string): Promise<Delivery | null> {
    const row = this.db
      .prepare<[string, string, string], SqliteDeliveryRow>('SELECT * FROM webhook_deliveries WHERE tenant_id = ? AND provider = ? AND delivery_id = ?')
      .get(tenantId, provider, deliveryId);
    return row ? toDelivery(row) : null;
  }

  async due(now: string, limit = 50): Promise<Delivery[]> {
    return this.db
      .prepare<[string, string, number], SqliteDeliveryRow>(
        `SELECT * FROM webhook_deliveries WHERE status = 'PENDING' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?) ORDER BY seq LIMIT ?`,
      )
      .all(now, now, limit)
      .map(toDelivery);
  }

  async nextDue(): Promise<string | null> {
    return (
      this.db
        .prepare<[], { at: string | null }>(
          `SELECT MIN(MAX(next_attempt_at, COALESCE(claimed_until, ''))) AS at FROM webhook_deliveries WHERE status = 'PENDING'`,
        )
        .get()?.at ?? null
    );
  }

  async claimMany(seqs: readonly number[], now: string, until: string): Promise<Delivery[]> {
    return this.claimTx(seqs, now, until);
  }

  async renewClaims(seqs: readonly number[], heldUntil: string, until: string): Promise<number[]> {
    return this.renewTx(seqs, heldUntil, until);
  }

  async processed(seq: number, outcome: string[]): Promise<void> {
    this.settleTx([{ seq, status: 'PROCESSED', outcome }]);
  }

  async failed(seq: number, reason: string, retryAt: string | null): Promise<void> {
    this.settleTx([{ seq, status: 'FAILED', reason, retryAt }]);
  }

  async settleMany(settlements: readonly Settlement[]): Promise<void> {
    this.settleTx(settlements);
  }

  async replay(seq: number, now: string): Promise<Delivery | null> {
    this.db
      .prepare(`UPDATE webhook_deliveries SET status = 'PENDING', attempts = 0, replays = replays + 1, next_attempt_at = ? WHERE seq = ? AND body_erased = 0`)
      .run(now, seq);
    return this.row(seq);
  }

  async eraseBodies(before: string): Promise<number> {
    const erased = this.db
      .prepare(`UPDATE webhook_deliveries SET body = x'', body_erased = 1 WHERE status IN ('PROCESSED', 'DEAD') AND received_at < ? AND body_erased = 0`)
      .run(before).changes;
    if (erased > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return erased;
  }

  async eraseBody(seq: number, reason: string): Promise<void> {
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

  async withBodies(tenantId: string, afterSeq: number, limit: number): Promise<Delivery[]> {
    return this.db
      .prepare<[string, number, number], SqliteDeliveryRow>(
        'SELECT * FROM webhook_deliveries WHERE tenant_id = ? AND body_erased = 0 AND seq > ? ORDER BY seq LIMIT ?',
      )
      .all(tenantId, afterSeq, limit)
      .map(toDelivery);
  }

  async list(tenantId: string, filter: DeliveryFilter, after: number | null, first: number): Promise<Delivery[]> {
    return this.db
      .prepare<[Record<string, unknown>], SqliteDeliveryRow>(`SELECT * FROM webhook_deliveries WHERE ${FILTER} AND seq < @after ORDER BY seq DESC LIMIT @first`)
      .all({ ...filterParams(tenantId, filter), after: after ?? Number.MAX_SAFE_INTEGER, first })
      .map(toDelivery);
  }

  async count(tenantId: string, filter: DeliveryFilter): Promise<number> {
    return this.db
      .prepare<[Record<string, unknown>], { n: number }>(`SELECT COUNT(*) AS n FROM webhook_deliveries WHERE ${FILTER}`)
      .get(filterParams(tenantId, filter))!.n;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private row(seq: number): Delivery | null {
    const row = this.db.prepare<[number], SqliteDeliveryRow>('SELECT * FROM webhook_deliveries WHERE seq = ?').get(seq);
    return row ? toDelivery(row) : null;
  }
}
