// Projector.switchTo with a read model built further along the log than the projector has got
// (a replica catching up in the background when the rebuild asks to switch): the projector gets
// there first, so its listeners hear every event once, and nothing is applied twice.
import { SqliteEventStore, type NewEvent } from '@rolebook/event-store';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrgReadModel } from './org-read-model';
import { Projector } from './projector';
import { openReadModelDb, type ReadModelDb } from './read-model-db';
import { rebuildReadModel } from './rebuild';
import { dumpReadModel } from './testing';

// streams that name no aggregate: the read model records their positions and instants
const probe = (): NewEvent => ({ id: randomUUID(), type: 'Probe', data: {}, metadata: {} });

describe('Projector.switchTo', () => {
  let dir: string;
  let store: SqliteEventStore;
  const dbs: ReadModelDb[] = [];
  const db = (file: string) => {
    const opened = openReadModelDb(join(dir, file));
    dbs.push(opened);
    return opened;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rolebook-switch-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.db'), pollIntervalMs: 20 });
  });
  afterEach(async () => {
    await store.close();
    for (const opened of dbs.splice(0)) if (opened.open) opened.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('to a model built ahead of it: every event told once, in order, and each model holds every event once', async () => {
    await store.append('rb/t/probe/1', [probe(), probe(), probe()], 'no_stream');
    const live = db('live.db');
    const projector = new Projector(store, new OrgReadModel(live));
    const told: number[] = [];
    projector.onApplied((position) => told.push(position));
    projector.start();
    await projector.catchUp(10_000);
    await projector.stop();
    await store.append('rb/t/probe/1', [probe(), probe()], 2);
    const next = db('next.db');
    await rebuildReadModel(store, next); // at position 5; the projector at 3
    projector.start();
    let switched = false;
    const switching = projector.switchTo(new OrgReadModel(next), () => (switched = true));
    await store.append('rb/t/probe/1', [probe()], 4); // during the switch
    await switching;
    expect(switched).toBe(true);
    await store.append('rb/t/probe/1', [probe()], 5); // after it: applied to the new model
    await projector.catchUp(10_000);
    await projector.stop();

    expect(told).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(projector.projectedPosition).toBe(7);
    const fresh = db('fresh.db');
    await rebuildReadModel(store, fresh);
    expect(dumpReadModel(next)).toEqual(dumpReadModel(fresh));
  });

  it('refuses a second switch while one is in progress', async () => {
    await store.append('rb/t/probe/1', [probe()], 'no_stream');
    const projector = new Projector(store, new OrgReadModel(db('live.db')));
    projector.start();
    await projector.catchUp(10_000); // a.db is empty: the first switch waits for it
    const first = projector.switchTo(new OrgReadModel(db('a.db')), () => undefined);
    await expect(projector.switchTo(new OrgReadModel(db('b.db')), () => undefined)).rejects.toThrow(/in progress/);
    await first;
    await projector.stop();
  });
});
