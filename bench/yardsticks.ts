// Yardsticks measured in the same run as the figures they stand beside: what better-sqlite3
// alone does with rows of the event log's own shape (durable single appends, bulk inserts) and
// what reading and parsing every row of the log costs.
import { eventStoreSchema } from '@rolebook/event-store';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

interface Row {
  stream: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

const sampleRows = (eventsFile: string, n: number): Row[] => {
  const db = new Database(eventsFile, { readonly: true });
  const rows = db.prepare<[number], Row>('SELECT stream, type, data, metadata, recorded_at FROM events ORDER BY random() LIMIT ?').all(n);
  db.close();
  return rows;
};

const openLike = (file: string) => {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(eventStoreSchema);
  return db;
};

/** Rows/s inserting rows of the log's shape, `perTransaction` rows per durable transaction, for about `seconds`. */
const insertRate = (dir: string, rows: Row[], perTransaction: number, seconds: number): number => {
  const db = openLike(join(dir, `yardstick-${perTransaction}.db`));
  const insert = db.prepare('INSERT INTO events (event_id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const batch = db.transaction((slice: Row[], base: number) =>
    slice.forEach((r, i) => insert.run(randomUUID(), `${r.stream}/${base + i}`, 0, r.type, r.data, r.metadata, r.recorded_at)),
  );
  let written = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    const slice = Array.from({ length: perTransaction }, (_, i) => rows[(written + i) % rows.length]!);
    batch(slice, written);
    written += perTransaction;
  }
  const rate = written / ((performance.now() - t0) / 1000);
  db.close();
  return rate;
};

export const durableAppendRate = (dir: string, eventsFile: string, seconds = 3) => insertRate(dir, sampleRows(eventsFile, 2000), 1, seconds);
export const bulkInsertRate = (dir: string, eventsFile: string, seconds = 3) => insertRate(dir, sampleRows(eventsFile, 2000), 1000, seconds);

/** Rows/s reading every row of the log and parsing its JSON, as a rebuild must at least. */
export const readAndParseRate = (eventsFile: string): { rows: number; perSecond: number } => {
  const db = new Database(eventsFile, { readonly: true });
  const t0 = performance.now();
  let rows = 0;
  for (const row of db.prepare<[], Row>('SELECT * FROM events ORDER BY position').iterate()) {
    JSON.parse(row.data);
    JSON.parse(row.metadata);
    rows++;
  }
  const perSecond = rows / ((performance.now() - t0) / 1000);
  db.close();
  return { rows, perSecond };
};
