import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { testDataKeyStore } from '../testing/data-key-store.contract';
import { SqliteDataKeyStore } from './sqlite-data-key-store';
import { sqliteFileBytes } from '../testing/sqlite-file-bytes';

const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'rolebook-keys-'));
  return { filename: join(dir, 'keys.db'), dispose: () => rmSync(dir, { recursive: true, force: true }) };
};

testDataKeyStore('sqlite', async () => {
  const { filename, dispose } = tempFile();
  return { connect: async () => new SqliteDataKeyStore(filename), dispose: async () => dispose() };
});

describe('SqliteDataKeyStore specifics', () => {
  let file: ReturnType<typeof tempFile>;
  beforeEach(() => (file = tempFile()));
  afterEach(() => file.dispose());

  it('creates the keys asked for together in one transaction (group commit): far fewer pages to the WAL than one commit each', async () => {
    const walGrowth = async (subjects: string[], ask: (store: SqliteDataKeyStore, subjects: string[]) => Promise<unknown>) => {
      const store = new SqliteDataKeyStore(file.filename);
      await store.keyFor('t1', 'first');
      const before = statSync(`${file.filename}-wal`).size;
      await ask(store, subjects);
      const after = statSync(`${file.filename}-wal`).size;
      await store.close();
      return after - before;
    };
    const oneByOne = await walGrowth(
      Array.from({ length: 20 }, (_, i) => `a${i}`),
      async (store, subjects) => {
        for (const subject of subjects) await store.keyFor('t1', subject);
      },
    );
    const together = await walGrowth(
      Array.from({ length: 20 }, (_, i) => `b${i}`),
      (store, subjects) => Promise.all(subjects.map((subject) => store.keyFor('t1', subject))),
    );
    expect(together * 5).toBeLessThan(oneByOne);
  });

  it('answers each key asked for in a group on its own: the same key twice for one subject, an erased subject refused alone', async () => {
    const store = new SqliteDataKeyStore(file.filename);
    await store.keyFor('t1', 'gone');
    await store.destroy('t1', 'gone', '2026-05-01T00:00:00.000Z');
    const [a, again, gone, b] = await Promise.allSettled([
      store.keyFor('t1', 'p1'),
      store.keyFor('t1', 'p1'),
      store.keyFor('t1', 'gone'),
      store.keyFor('t1', 'p2'),
    ]);
    expect([a, again, gone, b].map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((again as PromiseFulfilledResult<{ id: string }>).value.id).toBe((a as PromiseFulfilledResult<{ id: string }>).value.id);
    await store.close();
    const reopened = new SqliteDataKeyStore(file.filename);
    expect((await reopened.find('t1', 'p2')) !== null).toBe(true);
    await reopened.close();
  });

  it('removes the key bytes from the database file and its WAL when a key is destroyed', async () => {
    const store = new SqliteDataKeyStore(file.filename);
    const doomed = await store.keyFor('t1', 'p1');
    const kept = await store.keyFor('t1', 'p2');
    expect(sqliteFileBytes(file.filename).includes(doomed.material)).toBe(true); // the search can find a key
    // without the TRUNCATE checkpoint this fails: the WAL still holds the page as it was
    await store.destroy('t1', 'p1', '2026-05-01T00:00:00.000Z');
    const raw = sqliteFileBytes(file.filename);
    expect(raw.includes(doomed.material)).toBe(false);
    expect(raw.includes(kept.material)).toBe(true);
    await store.close();
    expect(sqliteFileBytes(file.filename).includes(doomed.material)).toBe(false);
  });

  it('keeps erased key bytes out of the file while other keys are written around them (secure_delete)', async () => {
    // without secure_delete this fails: the freed space in the page keeps the old key
    const store = new SqliteDataKeyStore(file.filename);
    const doomed = await store.keyFor('t1', 'p1');
    for (let i = 0; i < 50; i++) await store.keyFor('t1', `other-${i}`);
    await store.destroy('t1', 'p1', '2026-05-01T00:00:00.000Z');
    for (let i = 50; i < 100; i++) await store.keyFor('t1', `other-${i}`);
    await store.close();
    const reopened = new SqliteDataKeyStore(file.filename);
    expect(await reopened.find('t1', 'p1')).toBe('erased');
    await reopened.close();
    expect(sqliteFileBytes(file.filename).includes(doomed.material)).toBe(false);
  });

  it('keeps a key across a reopen of the file', async () => {
    const first = new SqliteDataKeyStore(file.filename);
    const key = await first.keyFor('t1', 'p1');
    await first.close();
    const reopened = new SqliteDataKeyStore(file.filename);
    expect((await reopened.keyFor('t1', 'p1')).material.equals(key.material)).toBe(true);
    await reopened.close();
  });

  it('creates the file readable by its owner only', async () => {
    await new SqliteDataKeyStore(file.filename).close();
    expect(statSync(file.filename).mode & 0o777).toBe(0o600);
  });

  it('leaves the mode of an existing file as it is', async () => {
    await new SqliteDataKeyStore(file.filename).close();
    chmodSync(file.filename, 0o640);
    await new SqliteDataKeyStore(file.filename).close();
    expect(statSync(file.filename).mode & 0o777).toBe(0o640);
  });

  it('records its schema version and refuses a file from a newer version', async () => {
    await new SqliteDataKeyStore(file.filename).close();
    const db = new Database(file.filename);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    db.pragma('user_version = 2');
    db.close();
    expect(() => new SqliteDataKeyStore(file.filename)).toThrow(/schema version 2/);
  });
});
