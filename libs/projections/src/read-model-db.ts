// Opens the read-model database. It is rebuildable from the event log, so it trades
// fsync-per-commit for speed (synchronous = NORMAL in WAL keeps it consistent, not durable).
import Database from 'better-sqlite3';
import { readModelSchema, readModelTables } from './schema';

export type ReadModelDb = Database.Database;

export const openReadModelDb = (filename: string): ReadModelDb => {
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(readModelSchema);
  return db;
};

/** Empties every read model table, for a rebuild from position zero. */
export const resetReadModel = (db: ReadModelDb): void => {
  db.transaction(() => {
    for (const table of readModelTables) db.exec(`DELETE FROM ${table}`);
  })();
};
