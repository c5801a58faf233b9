// Group commit on the SQLite store: appends that arrive together share one durable transaction,
// yet each checks its own expected revision, fails alone, and is acknowledged only once written
// (a process killed after an acknowledgement loses nothing).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WrongExpectedVersion, type NewEvent } from '../port';
import { compileForThreads } from '../testing/compile-for-threads';
import { DuplicateEventId, SqliteEventStore } from './sqlite-event-store';

const event = (n = 0): NewEvent => ({ id: randomUUID(), type: 'X', data: { n }, metadata: {} });

describe('SqliteEventStore group commit', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rolebook-group-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes appends that arrive together in one transaction: far fewer pages to the log than one commit each', async () => {
    // each commit appends the pages it changed to the WAL; 20 commits write the same pages 20 times
    const walGrowth = async (name: string, write: (store: SqliteEventStore) => Promise<unknown>) => {
      const filename = join(dir, `${name}.db`);
      const store = new SqliteEventStore({ filename });
      await store.append(`t1/a/${name}`, [event()], 'no_stream');
      const before = statSync(`${filename}-wal`).size;
      await write(store);
      const after = statSync(`${filename}-wal`).size;
      await store.close();
      return after - before;
    };
    const streams = Array.from({ length: 20 }, (_, i) => `t1/b/${i}`);
    const oneByOne = await walGrowth('sequential', async (store) => {
      for (const stream of streams) await store.append(stream, [event()], 'no_stream');
    });
    const together = await walGrowth('concurrent', (store) => Promise.all(streams.map((stream) => store.append(stream, [event()], 'no_stream'))));
    expect(together * 5).toBeLessThan(oneByOne);
  });

  it('checks each append of a group against its own expected revision: a stale one fails alone, the others are written', async () => {
    const store = new SqliteEventStore({ filename: join(dir, 'events.db') });
    await store.append('t1/a/1', [event()], 'no_stream');
    const outcomes = await Promise.allSettled([
      store.append('t1/a/2', [event()], 'no_stream'),
      store.append('t1/a/1', [event()], 'no_stream'), // stale: the stream exists
      store.append('t1/a/1', [event(1)], 0),
      store.append('t1/a/3', [event(), event()], 'no_stream'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersion);
    expect((await store.readStream('t1/a/1')).map((e) => e.data)).toEqual([{ n: 0 }, { n: 1 }]);
    expect(await store.readStream('t1/a/2')).toHaveLength(1);
    expect(await store.readStream('t1/a/3')).toHaveLength(2);
    await store.close();
  });

  it('lets one of two racing writers of a group win a revision, sees the earlier append of the same group, and rolls back a refused batch whole', async () => {
    const store = new SqliteEventStore({ filename: join(dir, 'events.db') });
    const used = event();
    await store.append('t1/a/0', [used], 'no_stream');
    const outcomes = await Promise.allSettled([
      store.append('t1/a/1', [event(1)], 'no_stream'),
      store.append('t1/a/1', [event(2)], 'no_stream'),
      store.append('t1/a/1', [event(3)], 0), // follows the first, in the same transaction
      store.appendMany([
        { stream: 't1/a/2', events: [event()], expected: 'no_stream' },
        { stream: 't1/a/3', events: [used], expected: 'no_stream' }, // an id used elsewhere
      ]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect((outcomes[3] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventId);
    expect((await store.readStream('t1/a/1')).map((e) => e.data)).toEqual([{ n: 1 }, { n: 3 }]);
    expect(await store.readStream('t1/a/2')).toEqual([]);
    await store.close();
  });

  it('answers a retried append of the same group as a replay of the first', async () => {
    const store = new SqliteEventStore({ filename: join(dir, 'events.db') });
    const events = [event(), event()];
    const [first, retry] = await Promise.all([store.append('t1/a/1', events, 'no_stream'), store.append('t1/a/1', events, 'no_stream')]);
    expect(retry).toEqual(first);
    expect(await store.readStream('t1/a/1')).toHaveLength(2);
    await store.close();
  });

  it('commits what is queued when closed', async () => {
    const filename = join(dir, 'events.db');
    const store = new SqliteEventStore({ filename });
    const appended = store.append('t1/a/1', [event()], 'no_stream');
    await store.close();
    await appended;
    const reopened = new SqliteEventStore({ filename });
    expect(await reopened.readStream('t1/a/1')).toHaveLength(1);
    await reopened.close();
  });

  it('loses no acknowledged append when the process is killed while appending', async () => {
    const adapter = compileForThreads(
      join(__dirname, '..'),
      'rolebook-group-commit',
      ['port.ts', 'subscription-set.ts', 'wakeable-sleep.ts', 'sqlite/schema.ts', 'sqlite/polling-subscription.ts', 'sqlite/sqlite-event-store.ts'],
      'sqlite/sqlite-event-store.ts',
    );
    const filename = join(dir, 'events.db');
    // 20 writers at once, each printing the id of every append acknowledged to it, until killed
    const writer = `
      const { SqliteEventStore } = require(${JSON.stringify(adapter)});
      const { randomUUID } = require('node:crypto');
      const store = new SqliteEventStore({ filename: ${JSON.stringify(filename)} });
      const write = async (lane) => {
        for (let revision = -1; ; revision++) {
          const id = randomUUID();
          await store.append('t1/lane/' + lane, [{ id, type: 'X', data: {}, metadata: {} }], revision < 0 ? 'no_stream' : revision);
          process.stdout.write(id + '\\n');
        }
      };
      for (let lane = 0; lane < 20; lane++) write(lane);
    `;
    const child = spawn(process.execPath, ['-e', writer], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acknowledged: string[] = [];
    let buffered = '';
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', () => reject(new Error('the writer exited before it was killed')));
      child.stdout.on('data', (chunk: Buffer) => {
        const lines = (buffered + chunk.toString()).split('\n');
        buffered = lines.pop()!;
        acknowledged.push(...lines);
        if (acknowledged.length >= 500) resolve();
      });
    });
    child.removeAllListeners('exit');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    const store = new SqliteEventStore({ filename });
    const written = new Set<string>();
    for (let after: number | null = null; ;) {
      const page = await store.readAll({ after, limit: 1000 });
      if (page.length === 0) break;
      page.forEach((e) => written.add(e.id));
      after = page[page.length - 1]!.position;
    }
    await store.close();
    expect(acknowledged.filter((id) => !written.has(id))).toEqual([]);
    expect(written.size).toBeGreaterThanOrEqual(acknowledged.length);
  }, 30_000);
});
