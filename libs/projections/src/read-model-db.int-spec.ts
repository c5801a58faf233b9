import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReadModelDb } from './read-model-db';

describe('openReadModelDb on a read model from before one row per instant', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rolebook-read-model-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the last position of each instant, so "known at" answers as before', () => {
    const file = join(dir, 'read-model.db');
    const old = new Database(file);
    old.exec(`CREATE TABLE recorded (position INTEGER PRIMARY KEY, recorded_at TEXT NOT NULL);
      CREATE INDEX recorded_at_idx ON recorded (recorded_at, position);
      INSERT INTO recorded VALUES (1, '2026-01-01T00:00:00.000Z'), (2, '2026-01-01T00:00:00.000Z'), (3, '2026-01-02T00:00:00.000Z');`);
    old.close();
    const db = openReadModelDb(file);
    expect(db.prepare('SELECT recorded_at, position FROM recorded ORDER BY recorded_at').all()).toEqual([
      { recorded_at: '2026-01-01T00:00:00.000Z', position: 2 },
      { recorded_at: '2026-01-02T00:00:00.000Z', position: 3 },
    ]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'recorded_at_idx'").get()).toBeUndefined();
    db.close();
    // opened again: already migrated, left as it is
    const again = openReadModelDb(file);
    expect(again.prepare('SELECT COUNT(*) AS n FROM recorded').get()).toEqual({ n: 2 });
    again.close();
  });
});
