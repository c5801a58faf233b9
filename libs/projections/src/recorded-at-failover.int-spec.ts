// "As known at" when KurrentDB's `created` steps back: a failover to a node whose clock is behind
// stamps later events earlier. The read model keeps recordedAt from decreasing with position, the
// same way live and in a rebuild, so an instant always maps to a prefix of the log.
import { randomUUID } from 'node:crypto';
import { KurrentDbEventStore, type NewEvent } from '@rolebook/event-store';
import { KurrentDbTestDouble } from '@rolebook/event-store/testing';
import { OrgReadModel } from './org-read-model';
import { Projector } from './projector';
import { openReadModelDb, type ReadModelDb } from './read-model-db';
import { rebuildReadModel } from './rebuild';

jest.setTimeout(30_000);

// streams under rb/ that name no aggregate: the read model records their instants and nothing else
const event = (): NewEvent => ({ id: randomUUID(), type: 'Probe', data: {}, metadata: {} });
/** The instant from which each position reads as known: the first instant whose last position is at or after it. */
const knownFrom = (db: ReadModelDb, positions: number[]) =>
  positions.map((p) => db.prepare<[number], { at: string | null }>('SELECT MIN(recorded_at) AS at FROM recorded WHERE position >= ?').get(p)!.at);
const recorded = (db: ReadModelDb) => db.prepare('SELECT recorded_at, position FROM recorded ORDER BY recorded_at').all();

describe('recordedAt across a KurrentDB failover that steps the clock back', () => {
  let double: KurrentDbTestDouble;
  let store: KurrentDbEventStore;
  beforeEach(async () => {
    double = await KurrentDbTestDouble.start();
    store = new KurrentDbEventStore({ connectionString: double.connectionString, streamPrefix: 'rb/' });
  });
  afterEach(async () => {
    await store.close();
    await double.stop();
  });

  it('never decreases with position, live and rebuilt alike', async () => {
    await store.append('rb/t/probe/1', [event(), event()], 'no_stream');
    double.log.failover(-120_000);
    await store.append('rb/t/probe/1', [event()], 1);
    await store.append('rb/t/probe/2', [event()], 'no_stream');
    const log = await store.readAll({ after: null, limit: 10 });
    const raw = log.map((e) => e.recordedAt);
    expect(raw[2]! < raw[1]!).toBe(true); // the server's own instants step back

    const live = openReadModelDb(':memory:');
    const projector = new Projector(store, new OrgReadModel(live));
    const applied: string[] = [];
    projector.onApplied((_position, e) => applied.push(e.recordedAt));
    projector.start();
    await projector.catchUp(10_000);
    await projector.stop();
    const instants = knownFrom(
      live,
      log.map((e) => e.position),
    );
    expect(instants).toEqual([raw[0], raw[1], raw[1], raw[1]]);
    expect(applied).toEqual(instants);

    // resuming from the checkpoint keeps the floor; a rebuild from zero gives the same instants
    await store.append('rb/t/probe/2', [event()], 0);
    projector.start();
    await projector.catchUp(10_000);
    await projector.stop();
    const last = (await store.readAll({ after: null, limit: 10 })).at(-1)!.position;
    expect(knownFrom(live, [last])).toEqual([raw[1]]);
    const rebuilt = openReadModelDb(':memory:');
    await rebuildReadModel(store, rebuilt);
    expect(recorded(rebuilt)).toEqual(recorded(live));
    live.close();
    rebuilt.close();
  });
});
