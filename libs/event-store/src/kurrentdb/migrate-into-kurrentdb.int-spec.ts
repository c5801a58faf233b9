import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { KurrentDbTestDouble } from '../testing/kurrentdb-double/kurrentdb-test-double';
import type { EventStore, NewEvent, RecordedEvent } from '../port';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { migrateIntoKurrentDb, MigrationDiverged, type MigrationProgress } from './migrate-into-kurrentdb';

const event = (type: string, n: number): NewEvent => ({
  id: randomUUID(),
  type,
  data: { n, name: `ünïcode ${n}` },
  metadata: { tenantId: 't', actor: 'a', effectiveAt: `2024-0${(n % 9) + 1}-01T00:00:00.000Z`, causationId: `c${n}` },
});

const all = async (store: EventStore): Promise<RecordedEvent[]> => store.readAll({ after: null, limit: 10_000 });
const comparable = (events: RecordedEvent[]) => events.map(({ position: _position, ...rest }) => rest);

describe('migrateIntoKurrentDb (SQLite history into the KurrentDB test double)', () => {
  let double: KurrentDbTestDouble;
  let source: SqliteEventStore;
  let target: KurrentDbEventStore;
  let now: Date;

  beforeEach(async () => {
    double = await KurrentDbTestDouble.start();
    now = new Date('2023-01-01T09:00:00.123Z');
    source = new SqliteEventStore({ filename: ':memory:', clock: () => now });
    target = new KurrentDbEventStore({ connectionString: double.connectionString, streamPrefix: 'rb/' });
    // three streams, interleaved, one multi-event append, recorded over two years
    let n = 0;
    const streams = ['rb/t/role/a', 'rb/t/person/b', 'rb/t/team/c'];
    const revisions = new Map<string, number>();
    for (let round = 0; round < 40; round += 1) {
      const stream = streams[round % 3]!;
      const size = round === 7 ? 3 : 1;
      const last = revisions.get(stream) ?? -1;
      await source.append(
        stream,
        Array.from({ length: size }, () => event(`E${round}`, (n += 1))),
        last === -1 ? 'no_stream' : last,
      );
      revisions.set(stream, last + size);
      now = new Date(now.getTime() + 17 * 24 * 3600 * 1000 + 321);
    }
  });
  afterEach(async () => {
    await source.close();
    await target.close();
    await double.stop();
  });

  it('copies every event in order with its id, stream, revision, type, data, metadata and original recordedAt', async () => {
    const reports: MigrationProgress[] = [];
    const done = await migrateIntoKurrentDb(source, target, (p) => reports.push(p), 10);
    expect(done).toMatchObject({ copied: 42, alreadyThere: 0 });
    expect(comparable(await all(target))).toEqual(comparable(await all(source)));
    expect(reports.length).toBeGreaterThanOrEqual(4);
    expect(reports.map((r) => r.copied)).toEqual([...reports.map((r) => r.copied)].sort((a, b) => a - b));
    // the three-event append stays one append
    expect(double.calls.filter((c) => c.startsWith('Streams.BatchAppend'))).toHaveLength(40);
    // and the copy reads the same through a stream read and a subscription
    const seen: RecordedEvent[] = [];
    const subscription = target.subscribe((e) => void seen.push(e), { after: null });
    await new Promise((r) => setTimeout(r, 300));
    await subscription.stop();
    expect(comparable(seen)).toEqual(comparable(await all(source)));
    expect(comparable(await target.readStream('rb/t/team/c'))).toEqual(comparable(await source.readStream('rb/t/team/c')));
  });

  it('is a no-op when run again, and resumes after a partial copy', async () => {
    // a partial copy: the first 20 source events, as if the process died there
    const partialSource = new SqliteEventStore({ filename: ':memory:' });
    for (const e of (await all(source)).slice(0, 20)) await partialSource.append(e.stream, [e], e.revision === 0 ? 'no_stream' : e.revision - 1);
    // (partialSource has its own recordedAt; ids and order are what the prefix check compares)
    await migrateIntoKurrentDb(partialSource, target);
    await partialSource.close();

    const resumed = await migrateIntoKurrentDb(source, target);
    expect(resumed).toMatchObject({ alreadyThere: 20, copied: 22 });
    expect((await all(target)).map((e) => e.id)).toEqual((await all(source)).map((e) => e.id));

    const appendsBefore = double.calls.filter((c) => c.startsWith('Streams.BatchAppend')).length;
    expect(await migrateIntoKurrentDb(source, target)).toMatchObject({ alreadyThere: 42, copied: 0 });
    expect(double.calls.filter((c) => c.startsWith('Streams.BatchAppend')).length).toBe(appendsBefore);
  });

  it("copies an append larger than the server's limit in parts, and resumes a copy cut between two parts", async () => {
    const big = Array.from({ length: 12 }, (_, i) => ({ ...event('Big', 100 + i), data: { n: i, pad: 'x'.repeat(300) } }));
    await source.append('rb/t/drift/big', big, 'no_stream');
    double.behaviour.maxAppendSize = 2000;
    const small = new KurrentDbEventStore({ connectionString: double.connectionString, streamPrefix: 'rb/', maxAppendSize: 2000 });
    // a first run that died after the first part of the big append: the copy up to there, and that part
    const sourceEvents = await all(source);
    const cut = sourceEvents.findIndex((e) => e.stream === 'rb/t/drift/big') + 4;
    const partial = new SqliteEventStore({ filename: ':memory:' });
    for (const e of sourceEvents.slice(0, cut)) await partial.append(e.stream, [e], e.revision === 0 ? 'no_stream' : e.revision - 1);
    await migrateIntoKurrentDb(partial, small);
    await partial.close();

    expect(await migrateIntoKurrentDb(source, small)).toMatchObject({ alreadyThere: cut, copied: sourceEvents.length - cut });
    // (the partial run copied its own recordedAt; ids and order are what the prefix check compares)
    const copied = await all(small);
    expect(copied.map((e) => e.id)).toEqual(sourceEvents.map((e) => e.id));
    expect(comparable(copied.slice(cut))).toEqual(comparable(sourceEvents.slice(cut)));
    expect(double.log.records.filter((r) => r.stream === 'rb/t/drift/big').map((r) => Number(r.revision))).toEqual(big.map((_, i) => i));
    await small.close();
  });

  it('refuses a target holding another history, writing nothing', async () => {
    await target.append('rb/t/role/other', [event('Foreign', 99)], 'no_stream');
    await expect(migrateIntoKurrentDb(source, target)).rejects.toBeInstanceOf(MigrationDiverged);
    expect(await all(target)).toHaveLength(1);
  });
});
