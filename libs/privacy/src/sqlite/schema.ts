// keys.db schema, versioned with PRAGMA user_version: each entry brings the file from its index
// to the next version, applied once, inside one IMMEDIATE transaction (so two processes opening
// a new file together apply it once).
import type Database from 'better-sqlite3';

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE data_keys (
     tenant_id TEXT NOT NULL,
     subject_id TEXT NOT NULL,
     key_id TEXT,
     -- NULL once erased; the row stays as the tombstone
     key BLOB CHECK (key IS NULL OR length(key) = 32),
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
     erased_at TEXT,
     PRIMARY KEY (tenant_id, subject_id),
     CHECK ((key IS NULL) = (erased_at IS NOT NULL)),
     CHECK (key IS NULL OR key_id IS NOT NULL)
   ) STRICT`,
];

export const migrateSqlite = (db: Database.Database): void =>
  db
    .transaction(() => {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > MIGRATIONS.length) throw new Error(`keys.db has schema version ${version}, newer than this build knows (${MIGRATIONS.length})`);
      for (const sql of MIGRATIONS.slice(version)) db.exec(sql);
      db.pragma(`user_version = ${MIGRATIONS.length}`);
    })
    .immediate();
