// Opens the read-model database. It is rebuildable from the event log, so it trades
// fsync-per-commit for speed (synchronous = NORMAL in WAL keeps it consistent, not durable).
import Database from 'better-sqlite3';
import { droppedIndexes, readModelSchema, readModelTables } from './schema';

export type ReadModelDb = Database.Database;

export const openReadModelDb = (filename: string): ReadModelDb => {
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // the old manager index had other columns under the same name: rebuilt with the new ones
  const manager = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'versions_manager_idx'").get();
  if (manager && !manager.sql.includes('kind')) db.exec('DROP INDEX versions_manager_idx');
  for (const index of droppedIndexes) db.exec(`DROP INDEX IF EXISTS ${index}`);
  migrateRecorded(db);
  db.exec(readModelSchema);
  // the planner picks the interval, manager and list indexes well only with statistics: kept
  // cheap (sampled) and refreshed at open and as the model grows (OrgReadModel)
  db.pragma('analysis_limit = 1000');
  db.pragma('optimize = 0x10002');
  return db;
};

/** Empties every read model table, for a rebuild from position zero. */
export const resetReadModel = (db: ReadModelDb): void => {
  db.transaction(() => {
    for (const table of readModelTables) db.exec(`DELETE FROM ${table}`);
  })();
};

/** A read model from before one row per instant: `recorded` had a row per position (and an index on the instants). */
const migrateRecorded = (db: ReadModelDb): void => {
  const perPosition = db.prepare<[], { pk: number }>("SELECT pk FROM pragma_table_info('recorded') WHERE name = 'position'").get();
  if (!perPosition || perPosition.pk !== 1) return;
  db.transaction(() => {
    db.exec(`CREATE TABLE recorded_instants (recorded_at TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO recorded_instants SELECT recorded_at, MAX(position) FROM recorded GROUP BY recorded_at;
      DROP TABLE recorded;
      ALTER TABLE recorded_instants RENAME TO recorded;`);
  })();
};
