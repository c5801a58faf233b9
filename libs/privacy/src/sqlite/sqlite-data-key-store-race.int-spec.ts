// Real parallel connections: worker threads, each with its own connection to one keys.db, asking
// at the same moment (a barrier per subject) for the keys of new subjects. Every thread must get
// the one key stored first, whichever thread's insert won.
import { compileForThreads } from '@rolebook/event-store/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SqliteDataKeyStore } from './sqlite-data-key-store';

const THREADS = 4;
const SUBJECTS = 60;

// The adapter compiled to plain JS so worker threads can load it.
const compileAdapter = (): string =>
  compileForThreads(
    join(__dirname, '..'),
    'rolebook-privacy-race',
    ['data-key.ts', 'errors.ts', 'sqlite/schema.ts', 'sqlite/sqlite-data-key-store.ts'],
    'sqlite/sqlite-data-key-store.ts',
  );

const workerSource = `
const { workerData, parentPort } = require('node:worker_threads');
const { SqliteDataKeyStore } = require(workerData.adapter);
const arrived = new Int32Array(workerData.barrier);
(async () => {
  const store = new SqliteDataKeyStore(workerData.filename);
  const keys = [];
  for (let i = 0; i < workerData.subjects; i++) {
    // wait until every thread is at subject i, then all ask at once
    Atomics.add(arrived, 0, 1);
    Atomics.notify(arrived, 0);
    for (let seen; (seen = Atomics.load(arrived, 0)) < (i + 1) * workerData.threads; ) Atomics.wait(arrived, 0, seen, 5);
    const key = await store.keyFor('t1', 'subject-' + i);
    keys.push(key.id + ':' + key.material.toString('hex'));
  }
  await store.close();
  parentPort.postMessage({ keys });
})().catch((error) => parentPort.postMessage({ error: String(error) }));
`;

it('gives threads racing on one file the one key stored first for each subject', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rolebook-keys-race-'));
  const filename = join(dir, 'keys.db');
  await new SqliteDataKeyStore(filename).close(); // the schema once, before the race
  const adapter = compileAdapter();
  const barrier = new SharedArrayBuffer(4);
  const results = await Promise.all(
    Array.from(
      { length: THREADS },
      () =>
        new Promise<{ keys?: string[]; error?: string }>((done, fail) => {
          const worker = new Worker(workerSource, { eval: true, workerData: { adapter, filename, barrier, threads: THREADS, subjects: SUBJECTS } });
          worker.once('message', done);
          worker.once('error', fail);
        }),
    ),
  );
  expect(results.filter((r) => r.error)).toEqual([]);

  const store = new SqliteDataKeyStore(filename);
  const stored = await Promise.all(
    Array.from({ length: SUBJECTS }, async (_, i) => (await store.find('t1', `subject-${i}`)) as { id: string; material: Buffer }),
  );
  await store.close();
  rmSync(dir, { recursive: true, force: true });

  const expected = stored.map((key) => `${key.id}:${key.material.toString('hex')}`);
  for (const result of results) expect(result.keys).toEqual(expected);
  expect(new Set(expected).size).toBe(SUBJECTS);
}, 30_000);
