// Every row of every read-model table, in a fixed order, to compare two read models.
import { readModelTables } from '../schema';
import type { ReadModelDb } from '../read-model-db';

export const dumpReadModel = (db: ReadModelDb): Record<string, unknown[]> =>
  Object.fromEntries(
    readModelTables.map((table) => {
      const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
      return [table, db.prepare(`SELECT * FROM ${table} ORDER BY ${columns.join(', ')}`).all()];
    }),
  );
