// The SyncRunStore on SQLite, in the delivery inbox's file (DATA_DIR/webhooks.db, WAL): the API
// and the worker on one host share it. A partial unique index keeps one unfinished run per tenant
// and provider, so two processes starting one at once agree on which.
import Database from 'better-sqlite3';
import type { ApiProvider } from '../clients';
import type { NewSyncRun, PlannedChange, SyncCounts, SyncRun, SyncRunFilter, SyncRunStatus, SyncRunStore } from './sync-run-store';

interface Row {
  seq: number;
  id: string;
  tenant_id: string;
  provider: ApiProvider;
  dry_run: number;
  status: SyncRunStatus;
  started_by: string;
  queued_at: string;
  started_at: string | null;
  finished_at: string | null;
  counts: string | null;
  plan: string | null;
  error: string | null;
}

const schema = `
CREATE TABLE IF NOT EXISTS hris_sync_runs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  tenant_id TEXT NOT NULL,
  provider TEXT NOT NULL,
  dry_run INTEGER NOT NULL,
  status TEXT NOT NULL,
  started_by TEXT NOT NULL,
  queued_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  counts TEXT,
  plan TEXT,
  error TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS hris_sync_runs_one_unfinished ON hris_sync_runs (tenant_id, provider) WHERE status IN ('QUEUED', 'RUNNING');
CREATE INDEX IF NOT EXISTS hris_sync_runs_by_tenant ON hris_sync_runs (tenant_id, seq);
`;

const FILTER = 'tenant_id = @tenantId AND (@provider IS NULL OR provider = @provider)';

const toRun = (r: Row): SyncRun => ({
  id: r.id,
  tenantId: r.tenant_id,
  provider: r.provider,
  dryRun: r.dry_run === 1,
  status: r.status,
  startedBy: r.started_by,
  queuedAt: r.queued_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  counts: r.counts === null ? null : (JSON.parse(r.counts) as SyncCounts),
  plan: r.plan === null ? null : (JSON.parse(r.plan) as PlannedChange[]),
  error: r.error,
});

export class SqliteSyncRunStore implements SyncRunStore {
  private readonly db: Database.Database;

  constructor(filename: string) {
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(schema);
  }

  enqueue(run: NewSyncRun): Promise<{ run: SyncRun; created: boolean }> {
    const insert = this.db.transaction(() => {
      const info = this.db
        .prepare(`INSERT OR IGNORE INTO hris_sync_runs (id, tenant_id, provider, dry_run, status, started_by, queued_at) VALUES (?, ?, ?, ?, 'QUEUED', ?, ?)`)
        .run(run.id, run.tenantId, run.provider, run.dryRun ? 1 : 0, run.startedBy, run.queuedAt);
      if (info.changes > 0) return { run: this.row('id = ?', run.id)!, created: true };
      // the same id again (a retried start), or another run unfinished for the tenant and provider
      const existing = this.row('id = ?', run.id) ?? this.row(`tenant_id = ? AND provider = ? AND status IN ('QUEUED', 'RUNNING')`, run.tenantId, run.provider);
      return { run: existing!, created: false };
    });
    return Promise.resolve(insert.immediate());
  }

  get(id: string): Promise<SyncRun | null> {
    return Promise.resolve(this.row('id = ?', id));
  }

  begin(id: string, at: string): Promise<SyncRun | null> {
    const changed = this.db
      .prepare(`UPDATE hris_sync_runs SET status = 'RUNNING', started_at = COALESCE(started_at, ?) WHERE id = ? AND status IN ('QUEUED', 'RUNNING')`)
      .run(at, id).changes;
    return Promise.resolve(changed === 0 ? null : this.row('id = ?', id));
  }

  succeed(id: string, at: string, counts: SyncCounts, plan: PlannedChange[] | null): Promise<SyncRun> {
    this.db
      .prepare(`UPDATE hris_sync_runs SET status = 'SUCCEEDED', finished_at = ?, counts = ?, plan = ?, error = NULL WHERE id = ?`)
      .run(at, JSON.stringify(counts), plan === null ? null : JSON.stringify(plan), id);
    return Promise.resolve(this.row('id = ?', id)!);
  }

  fail(id: string, at: string, error: string): Promise<SyncRun> {
    this.db
      .prepare(`UPDATE hris_sync_runs SET status = 'FAILED', finished_at = ?, error = ? WHERE id = ? AND status IN ('QUEUED', 'RUNNING')`)
      .run(at, error, id);
    return Promise.resolve(this.row('id = ?', id)!);
  }

  lastSucceededStart(tenantId: string, provider: ApiProvider): Promise<string | null> {
    const row = this.db
      .prepare<[string, string], { at: string | null }>(
        `SELECT MAX(started_at) AS at FROM hris_sync_runs WHERE tenant_id = ? AND provider = ? AND status = 'SUCCEEDED' AND dry_run = 0`,
      )
      .get(tenantId, provider);
    return Promise.resolve(row?.at ?? null);
  }

  unfinished(): Promise<SyncRun[]> {
    return Promise.resolve(this.db.prepare<[], Row>(`SELECT * FROM hris_sync_runs WHERE status IN ('QUEUED', 'RUNNING') ORDER BY seq`).all().map(toRun));
  }

  list(tenantId: string, filter: SyncRunFilter, after: number | null, first: number): Promise<{ seq: number; run: SyncRun }[]> {
    const rows = this.db
      .prepare<[Record<string, unknown>], Row>(`SELECT * FROM hris_sync_runs WHERE ${FILTER} AND seq < @after ORDER BY seq DESC LIMIT @first`)
      .all({ tenantId, provider: filter.provider ?? null, after: after ?? Number.MAX_SAFE_INTEGER, first });
    return Promise.resolve(rows.map((r) => ({ seq: r.seq, run: toRun(r) })));
  }

  count(tenantId: string, filter: SyncRunFilter): Promise<number> {
    return Promise.resolve(
      this.db
        .prepare<[Record<string, unknown>], { n: number }>(`SELECT COUNT(*) AS n FROM hris_sync_runs WHERE ${FILTER}`)
        .get({ tenantId, provider: filter.provider ?? null })!.n,
    );
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }

  private row(where: string, ...params: string[]): SyncRun | null {
    const row = this.db.prepare<string[], Row>(`SELECT * FROM hris_sync_runs WHERE ${where}`).get(...params);
    return row ? toRun(row) : null;
  }
}
