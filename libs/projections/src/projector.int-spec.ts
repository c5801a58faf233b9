// The projector's grouped commits: what it applies is visible through its own connection as soon
// as a waiter is released, reaches the file when it commits (at the latest when it stops), and a
// crash before the commit loses nothing the log holds: the next projector resumes from the
// committed checkpoint and ends where a rebuild does.
import { SqliteEventStore, type NewEvent } from '@rolebook/event-store';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrgReadModel } from './org-read-model';
import { Projector } from './projector';
import { openReadModelDb } from './read-model-db';
import { rebuildReadModel } from './rebuild';
import { dumpReadModel } from './testing';

jest.setTimeout(30_000);

// streams that name no aggregate: the read model records their instants and its checkpoint
const events = (n: number): NewEvent[] => Array.from({ length: n }, () => ({ id: randomUUID(), type: 'Probe', data: {}, metadata: {} }));
const committedCheckpoint = (file: string) => {
  const db = new Database(file, { readonly: true });
  const row = db.prepare<[], { position: number }>("SELECT position FROM checkpoints WHERE name = 'org'").get();
  db.close();
  return row?.position ?? null;
};

describe('Projector', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rolebook-projector-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.db'), pollIntervalMs: 20 });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows what it applied through its connection once a waiter is released, and commits it by the time it stops', async () => {
    const file = join(dir, 'read-model.db');
    const db = openReadModelDb(file);
    const readModel = new OrgReadModel(db);
    const projector = new Projector(store, readModel, db);
    projector.start();
    const { position } = await store.append('rb/t/probe/1', events(3), 'no_stream');
    await projector.waitFor(position);
    expect(readModel.checkpoint()).toBe(position);
    await projector.stop();
    expect(db.inTransaction).toBe(false);
    expect(committedCheckpoint(file)).toBe(position);
    db.close();
  });

  it('after a crash before the commit, resumes from the committed checkpoint and ends where a rebuild does', async () => {
    const file = join(dir, 'read-model.db');
    const first = openReadModelDb(file);
    const projector = new Projector(store, new OrgReadModel(first), first);
    projector.start();
    await store.append('rb/t/probe/1', events(2), 'no_stream');
    await projector.catchUp();
    await projector.stop();
    projector.start();
    await store.append('rb/t/probe/2', events(5), 'no_stream');
    await projector.catchUp();
    first.close(); // the process dies: an open transaction is rolled back
    await projector.stop();

    const reopened = openReadModelDb(file);
    const resumed = new Projector(store, new OrgReadModel(reopened), reopened);
    resumed.start();
    await resumed.catchUp();
    await resumed.stop();
    const rebuilt = openReadModelDb(':memory:');
    await rebuildReadModel(store, rebuilt);
    expect(dumpReadModel(reopened)).toEqual(dumpReadModel(rebuilt));
    reopened.close();
  });
});
