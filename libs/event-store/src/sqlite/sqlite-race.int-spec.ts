// Real parallel writers: worker threads, each with its own connection to one SQLite file,
// racing appends with retry-on-conflict. The file lock and UNIQUE(stream, revision) must let
// exactly one win each revision, and every event must land exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { compileForThreads } from '../testing/compile-for-threads';
import { SqliteEventStore } from './sqlite-event-store';

const THREADS = 4;
const APPENDS_PER_THREAD = 40;

// The adapter compiled to plain JS so worker threads can load it.
const compileAdapter = (): string =>
  compileForThreads(
    join(__dirname, '..'),
    'rolebook-race',
    ['port.ts', 'subscription-set.ts', 'wakeable-sleep.ts', 'sqlite/schema.ts', 'sqlite/polling-subscription.ts', 'sqlite/sqlite-event-store.ts'],
    'sqlite/sqlite-event-store.ts',
  );

const workerSource = `
const { workerData, parentPort } = require('node:worker_threads');
const { randomUUID } = require('node:crypto');
const { SqliteEventStore } = require(workerData.adapter);
const { WrongExpectedVersion } = require(workerData.port);
(async () => {
  const store = new SqliteEventStore({ filename: workerData.filename });
  let conflicts = 0;
  for (let i = 0; i < workerData.appends; i++) {
    const event = { id: randomUUID(), type: 'T' + workerData.thread, data: { i }, metadata: {} };
    for (;;) {
      const revision = (await store.readStream('t1/race/1')).length - 1;
      try { await store.append('t1/race/1', [event], revision < 0 ? 'no_stream' : revision); break; }
      catch (error) { if (!(error instanceof WrongExpectedVersion)) throw error; conflicts++; }
    }
  }
  await store.close();
  parentPort.postMessage({ conflicts });
})().catch((error) => { parentPort.postMessage({ error: String(error) }); });
`;

it('keeps one stream consistent under writers in parallel threads', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rolebook-race-'));
  const filename = join(dir, 'events.db');
  await new SqliteEventStore({ filename }).close(); // create the schema once before the race
  const adapter = compileAdapter();
  const port = join(adapter, '../../port.js');
  const results = await Promise.all(
    Array.from(
      { length: THREADS },
      (_, thread) =>
        new Promise<{ conflicts?: number; error?: string }>((done, fail) => {
          const worker = new Worker(workerSource, { eval: true, workerData: { adapter, port, filename, thread, appends: APPENDS_PER_THREAD } });
          worker.once('message', done);
          worker.once('error', fail);
        }),
    ),
  );
  expect(results.filter((r) => r.error)).toEqual([]);

  const store = new SqliteEventStore({ filename });
  const events = await store.readStream('t1/race/1');
  await store.close();
  rmSync(dir, { recursive: true, force: true });

  expect(events).toHaveLength(THREADS * APPENDS_PER_THREAD);
  expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
  expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  for (let thread = 0; thread < THREADS; thread++) {
    // each thread's events landed once each, in the order it wrote them
    const mine = events.filter((e) => e.type === `T${thread}`).map((e) => (e.data as { i: number }).i);
    expect(mine).toEqual(Array.from({ length: APPENDS_PER_THREAD }, (_, i) => i));
  }
}, 30_000);
