// rolebook move-to-postgres: copies an embedded installation's shared state from its SQLite files
// under DATA_DIR (access.db: tenants and API keys; keys.db: erasure keys; webhooks.db: the HRIS
// delivery inbox and sync runs) into DATABASE_URL, so that replicas on other hosts share it. Stop
// the API and the worker first. One transaction: a row already in the target as it is in the
// source is skipped, so a second run copies nothing and says so; a target row that contradicts
// the source (the same tenant and key id with another hash, the same delivery number for another
// delivery, an erasure key that differs) refuses the whole copy, changing nothing. API key hashes
// are keyed with the installation secret: INSTALLATION_SECRET must be the one DATA_DIR holds, or
// the copied keys would not verify. The event log is not copied (migrate-to-kurrentdb does that);
// read models are rebuilt by each process.
import { openPostgresAccess } from '@rolebook/auth';
import type { Config } from '@rolebook/config';
import { PostgresDeliveryInbox, PostgresSyncRunStore, SqliteDeliveryInbox, SqliteSyncRunStore } from '@rolebook/hris';
import { openPool, type PoolClient } from '@rolebook/postgres';
import { PostgresDataKeyStore, SqliteDataKeyStore } from '@rolebook/privacy';
import { keysFile, webhooksFile } from '@rolebook/runtime';
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Output } from '../access-commands';
import { CliError } from '../cli-error';

/** One table's copy: where its rows come from, how a target row is found and when it is the same row. */
interface TableCopy {
  label: string;
  /** The SQLite file under DATA_DIR and the SELECT that reads it, its columns named as the target's. */
  file: string;
  select: string;
  target: string;
  /** Columns that find the row in the target. */
  key: readonly string[];
  /** Columns that must be equal for a found row to be this one (else: a conflict). */
  same: readonly string[];
  /** Source values turned into what the target column takes (booleans from SQLite integers). */
  convert?: Record<string, (value: unknown) => unknown>;
  /** The identity column whose sequence must follow the copied values. */
  identity?: string;
}

const bool = (value: unknown) => value === 1;

const tables = (dataDir: string, files: { webhooks: string; keys: string }): TableCopy[] => [
  {
    label: 'tenants',
    file: join(dataDir, 'access.db'),
    select: 'SELECT slug, created_at FROM tenants ORDER BY slug',
    target: 'auth_tenants',
    key: ['slug'],
    same: ['slug'],
  },
  {
    label: 'API keys',
    file: join(dataDir, 'access.db'),
    select: 'SELECT id, tenant_id, name, role, secret_hash, created_at, expires_at, last_used_at, revoked_at FROM api_keys ORDER BY created_at, id',
    target: 'auth_api_keys',
    key: ['id'],
    same: ['tenant_id', 'secret_hash'],
  },
  {
    label: 'erasure keys',
    file: files.keys,
    select: 'SELECT tenant_id, subject_id, key_id, key, created_at, erased_at FROM data_keys ORDER BY tenant_id, subject_id',
    target: 'privacy_data_keys',
    key: ['tenant_id', 'subject_id'],
    same: ['key_id', 'key'],
  },
  {
    label: 'webhook deliveries',
    file: files.webhooks,
    select: `SELECT seq, tenant_id, provider, delivery_id, body_digest, body, body_erased, received_at, status, attempts, replays, next_attempt_at,
             last_error, outcome FROM webhook_deliveries ORDER BY seq`,
    target: 'hris_webhook_deliveries',
    key: ['seq'],
    same: ['tenant_id', 'provider', 'delivery_id', 'body_digest'],
    convert: { body_erased: bool },
    identity: 'seq',
  },
  {
    label: 'HRIS sync runs',
    file: files.webhooks,
    select: `SELECT seq, id, tenant_id, provider, dry_run, status, started_by, queued_at, started_at, finished_at, counts, plan, error
             FROM hris_sync_runs ORDER BY seq`,
    target: 'hris_sync_runs',
    key: ['seq'],
    same: ['id'],
    convert: { dry_run: bool },
    identity: 'seq',
  },
];

const UNIQUE_VIOLATION = '23505';

/** Copies one table's rows; answers how many were new, and how many contradict the target. */
const copyTable = async (client: PoolClient, t: TableCopy, rows: Record<string, unknown>[]): Promise<{ copied: number; conflicts: number }> => {
  await client.query(`LOCK TABLE ${t.target} IN EXCLUSIVE MODE`);
  let copied = 0;
  let conflicts = 0;
  for (const source of rows) {
    const row = Object.fromEntries(Object.entries(source).map(([column, value]) => [column, t.convert?.[column]?.(value) ?? value]));
    const keyValues = t.key.map((c) => row[c]);
    const where = t.key.map((c, i) => `${c} = $${i + 1}`).join(' AND ');
    const same = t.same.map((c, i) => `${c} IS NOT DISTINCT FROM $${t.key.length + i + 1}`).join(' AND ');
    const found = await client.query<{ same: boolean }>(`SELECT (${same}) AS same FROM ${t.target} WHERE ${where}`, [
      ...keyValues,
      ...t.same.map((c) => row[c]),
    ]);
    if (found.rows[0]) {
      if (!found.rows[0].same) conflicts += 1;
      continue;
    }
    const columns = Object.keys(row);
    await client.query('SAVEPOINT copy_row');
    try {
      await client.query(
        `INSERT INTO ${t.target} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        columns.map((c) => row[c]),
      );
      copied += 1;
    } catch (error) {
      // another row of the target holds what this one would (the same delivery under another number)
      if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
      await client.query('ROLLBACK TO SAVEPOINT copy_row');
      conflicts += 1;
    }
  }
  if (copied > 0 && t.identity)
    await client.query(`SELECT setval(pg_get_serial_sequence('${t.target}', '${t.identity}'), (SELECT MAX(${t.identity}) FROM ${t.target}))`);
  return { copied, conflicts };
};

const readRows = (file: string, select: string): Record<string, unknown>[] => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[], Record<string, unknown>>(select).all();
  } finally {
    db.close();
  }
};

/** Brings the embedded files to this build's schema (the ones made by older releases lack columns the copy reads). */
const upgradeEmbedded = async (files: { webhooks: string; keys: string }): Promise<void> => {
  if (existsSync(files.webhooks)) {
    await new SqliteDeliveryInbox(files.webhooks).close();
    await new SqliteSyncRunStore(files.webhooks).close();
  }
  if (existsSync(files.keys)) await new SqliteDataKeyStore(files.keys).close();
};

export async function moveToPostgres(config: Config, io: Output): Promise<void> {
  if (!config.DATABASE_URL) throw new CliError('Set DATABASE_URL to the PostgreSQL database to move into (and INSTALLATION_SECRET)');
  if (!config.INSTALLATION_SECRET) throw new CliError('Set INSTALLATION_SECRET (required with DATABASE_URL)');
  const files = { webhooks: webhooksFile(config), keys: keysFile(config) };
  const present = tables(config.DATA_DIR, files).filter((t) => existsSync(t.file));
  if (present.length === 0) throw new CliError(`No embedded stores under ${config.DATA_DIR} (DATA_DIR): nothing to move`);
  const secretFile = join(config.DATA_DIR, 'installation-secret');
  // an embedded installation run with INSTALLATION_SECRET set has no secret file: its keys were keyed with that
  if (existsSync(join(config.DATA_DIR, 'access.db')) && existsSync(secretFile) && readFileSync(secretFile, 'utf8').trim() !== config.INSTALLATION_SECRET)
    throw new CliError(
      `INSTALLATION_SECRET is not the secret of this installation (${secretFile}): API keys copied with another would not verify. Set INSTALLATION_SECRET to the content of that file.`,
    );
  await upgradeEmbedded(files);

  const pool = openPool(config.DATABASE_URL, 2);
  try {
    // the target's tables, at this build's schema (each component's migrations, under their advisory locks)
    await openPostgresAccess(pool, { keyHashingSecret: config.INSTALLATION_SECRET });
    await (await PostgresDataKeyStore.open(config.DATABASE_URL)).close();
    await PostgresDeliveryInbox.open(pool);
    await PostgresSyncRunStore.open(pool);

    const client = await pool.connect();
    const results: { label: string; copied: number; conflicts: number; total: number }[] = [];
    try {
      await client.query('BEGIN');
      for (const t of present) {
        const rows = readRows(t.file, t.select);
        results.push({ label: t.label, total: rows.length, ...(await copyTable(client, t, rows)) });
      }
      const conflicting = results.filter((r) => r.conflicts > 0);
      if (conflicting.length > 0) {
        await client.query('ROLLBACK');
        throw new CliError(
          `Refused: the target already holds rows that contradict DATA_DIR's (${conflicting.map((r) => `${r.conflicts} ${r.label}`).join(', ')}). Nothing was copied. Is DATABASE_URL another installation's?`,
        );
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    const copied = results.reduce((n, r) => n + r.copied, 0);
    for (const r of results) io.out(`${r.label}: ${r.copied} copied, ${r.total - r.copied} already there`);
    io.out(
      copied === 0
        ? 'Nothing to copy: every row under DATA_DIR is already in DATABASE_URL.'
        : `Moved ${copied} rows into DATABASE_URL. Start the API and the worker with DATABASE_URL and INSTALLATION_SECRET set; the files under DATA_DIR are no longer read (keep them until you are satisfied, then delete them).`,
    );
  } finally {
    await pool.end();
  }
}
