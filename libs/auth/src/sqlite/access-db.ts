// The embedded access database (one SQLite file, e.g. DATA_DIR/access.db): WAL, synchronous=FULL
// so a created tenant or a revocation survives a crash, foreign keys on so a key cannot name a
// tenant that does not exist. The schema version is PRAGMA user_version; each migration runs in
// a BEGIN IMMEDIATE transaction, so two processes opening the file together apply it once.
import Database from 'better-sqlite3';

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE tenants (
     slug TEXT PRIMARY KEY,
     created_at TEXT NOT NULL
   ) STRICT;
   CREATE TABLE api_keys (
     id TEXT PRIMARY KEY,
     tenant_id TEXT NOT NULL REFERENCES tenants (slug),
     name TEXT NOT NULL,
     role TEXT NOT NULL,
     secret_hash BLOB NOT NULL,
     created_at TEXT NOT NULL,
     expires_at TEXT,
     last_used_at TEXT,
     revoked_at TEXT
   ) STRICT;
   CREATE INDEX api_keys_by_tenant ON api_keys (tenant_id, created_at);`,
];

export class AccessDbTooNew extends Error {
  constructor(found: number) {
    super(`The access database has schema version ${found}; this build knows up to ${MIGRATIONS.length}. Run a newer build.`);
    this.name = 'AccessDbTooNew';
  }
}

const version = (db: Database.Database): number => db.pragma('user_version', { simple: true }) as number;

export const openAccessDb = (filename: string): Database.Database => {
  const db = new Database(filename);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    const upgrade = db.transaction(() => {
      const found = version(db);
      if (found > MIGRATIONS.length) throw new AccessDbTooNew(found);
      MIGRATIONS.slice(found).forEach((sql, i) => {
        db.exec(sql);
        db.pragma(`user_version = ${found + i + 1}`);
      });
    });
    upgrade.immediate();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
};
