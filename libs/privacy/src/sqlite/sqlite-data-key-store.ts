// The embedded DataKeyStore: a SQLite file of its own (keys.db beside the event log, never inside
// it), WAL with synchronous=FULL so an acknowledged key or erasure survives a crash.
//
// Erasure has to remove the key bytes from the file, not just hide the row:
// - secure_delete=ON makes SQLite overwrite the space a deleted or shrunk row leaves in its page
//   (and freed pages) with zeros, so the NULLed key is not left behind in the database file;
// - in WAL mode the page as it was before sits in keys.db-wal until the WAL is reset, so destroy
//   checkpoints with TRUNCATE (waiting for readers through busy_timeout); should a reader still
//   hold the WAL after that, journal_size_limit=0 truncates it at its next reset.
// What this cannot reach: copies the filesystem or the disk keeps (journaling filesystems, SSD
// wear levelling, snapshots) and backups of keys.db; keep those on encrypted storage with a
// retention no longer than the time erasure is promised in.
// New keys asked for in one turn of the event loop are created in one durable transaction (group
// commit), each answered once that transaction has committed.
import Database from 'better-sqlite3';
import { closeSync, openSync } from 'node:fs';
import { DataKey } from '../data-key';
import type { DataKeyStore } from '../data-key-store';
import { SubjectErased } from '../errors';
import { migrateSqlite } from './schema';

interface Row {
  key_id: string | null;
  key: Buffer | null;
}

interface KeyRequest {
  tenantId: string;
  subjectId: string;
  resolve: (key: DataKey) => void;
  reject: (error: unknown) => void;
}

/** A row's key, or 'erased' once its key is destroyed. */
const keyOf = (row: Row): DataKey | 'erased' => (row.key === null ? 'erased' : new DataKey(row.key_id!, row.key));

const toKey = (tenantId: string, subjectId: string, row: Row): DataKey => {
  const key = keyOf(row);
  if (key === 'erased') throw new SubjectErased(tenantId, subjectId);
  return key;
};

export class SqliteDataKeyStore implements DataKeyStore {
  private readonly db: Database.Database;
  private readonly select: Database.Statement<[string, string], Row>;
  private readonly insert: Database.Statement<[string, string, string, Buffer]>;
  private readonly tombstone: Database.Statement<[string, string, string]>;
  private requests: KeyRequest[] = [];

  constructor(filename: string) {
    // created owner-only before SQLite opens it; the -wal and -shm files take the same mode
    if (filename !== ':memory:') closeSync(openSync(filename, 'a', 0o600));
    this.db = new Database(filename);
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('journal_size_limit = 0');
    this.db.pragma('secure_delete = ON');
    if (this.db.pragma('secure_delete', { simple: true }) !== 1)
      throw new Error('keys.db: SQLite refused secure_delete; keys could not be erased from the file');
    migrateSqlite(this.db);
    this.select = this.db.prepare('SELECT key_id, key FROM data_keys WHERE tenant_id = ? AND subject_id = ?');
    this.insert = this.db.prepare('INSERT INTO data_keys (tenant_id, subject_id, key_id, key) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
    this.tombstone = this.db.prepare(
      `INSERT INTO data_keys (tenant_id, subject_id, key_id, key, erased_at) VALUES (?, ?, NULL, NULL, ?)
       ON CONFLICT (tenant_id, subject_id) DO UPDATE SET key = NULL, erased_at = excluded.erased_at WHERE data_keys.erased_at IS NULL`,
    );
  }

  async keyFor(tenantId: string, subjectId: string): Promise<DataKey> {
    const row = this.select.get(tenantId, subjectId);
    if (row) return toKey(tenantId, subjectId, row);
    return new Promise((resolve, reject) => {
      if (this.requests.push({ tenantId, subjectId, resolve, reject }) === 1) setImmediate(() => this.createRequested());
    });
  }

  /** One durable transaction for every key asked for since the last one. */
  private createRequested(): void {
    const requests = this.requests;
    if (requests.length === 0) return;
    this.requests = [];
    let rows: Row[];
    try {
      rows = this.db.transaction(() => requests.map((r) => this.created(r.tenantId, r.subjectId))).immediate();
    } catch (error) {
      for (const request of requests) request.reject(error);
      return;
    }
    requests.forEach((request, i) => {
      try {
        request.resolve(toKey(request.tenantId, request.subjectId, rows[i]!));
      } catch (error) {
        request.reject(error);
      }
    });
  }

  /** The subject's row, with a new key when it has none: another connection may insert first, and the key stored first is the one everyone uses. */
  private created(tenantId: string, subjectId: string): Row {
    const row = this.select.get(tenantId, subjectId);
    if (row) return row;
    const candidate = DataKey.generate();
    this.insert.run(tenantId, subjectId, candidate.id, candidate.material);
    return this.select.get(tenantId, subjectId)!;
  }

  async keysFor(tenantId: string, subjectIds: readonly string[]): Promise<Map<string, DataKey | 'erased'>> {
    return this.db.transaction(() => new Map(subjectIds.map((subjectId) => [subjectId, keyOf(this.created(tenantId, subjectId))] as const))).immediate();
  }

  async find(tenantId: string, subjectId: string): Promise<DataKey | 'erased' | null> {
    const row = this.select.get(tenantId, subjectId);
    return row ? keyOf(row) : null;
  }

  async destroy(tenantId: string, subjectId: string, now: string): Promise<void> {
    this.tombstone.run(tenantId, subjectId, now);
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    if (this.db.open) this.createRequested();
    if (this.db.open) this.db.close();
  }
}
