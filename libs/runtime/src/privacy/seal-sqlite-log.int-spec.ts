import { streamName } from '@rolebook/domain';
import { SqliteEventStore } from '@rolebook/event-store';
import { ERASED, SqliteDataKeyStore } from '@rolebook/privacy';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { legacyEvents } from '../testing/legacy-events';
import { tempRolebook } from '../testing/temp-rolebook';
import { SealDiverged, sealSqliteLog } from './seal-sqlite-log';
import { sqliteFileBytes } from '@rolebook/privacy/testing';

const T = 'acme';
const ada = '00000000-0000-4000-8000-0000000000a1';
const bob = '00000000-0000-4000-8000-0000000000a2';
const team = '00000000-0000-4000-8000-0000000000b1';
const PLAINTEXT = ['Ada Lovelace', 'ada@example.org', 'Bob Babbage', 'bob@example.org', 'Ada joins growth', 'hired Ada'];

const rawBytes = (filename: string): string => sqliteFileBytes(filename).toString('latin1');

const legacy = legacyEvents(T);

describe('sealing a plain-text embedded log (npm run seal-personal-data)', () => {
  let dir: string;
  let source: SqliteEventStore;
  let now: Date;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rolebook-seal-'));
    now = new Date('2025-01-01T09:00:00.000Z');
    source = new SqliteEventStore({ filename: join(dir, 'plain.db'), clock: () => now });
    await source.append(
      streamName(T, 'person', ada),
      [legacy('PersonRegistered', { personId: ada, name: 'Ada Lovelace', email: 'ada@example.org', title: 'PM' }, 'hired Ada')],
      'no_stream',
    );
    now = new Date('2025-02-01T09:00:00.000Z');
    await source.append(
      streamName(T, 'person', bob),
      [legacy('PersonRegistered', { personId: bob, name: 'Bob Babbage', email: 'bob@example.org', title: null })],
      'no_stream',
    );
    await source.append(streamName(T, 'team', team), [legacy('TeamCreated', { teamId: team, name: 'Growth', parentTeamId: null })], 'no_stream');
    await source.append(streamName(T, 'team', team), [legacy('TeamMemberAdded', { teamId: team, personId: ada }, 'Ada joins growth')], 0);
    await source.append(streamName(T, 'person', ada), [legacy('ManagerSet', { personId: ada, managerId: bob })], 0);
  });
  afterEach(async () => {
    await source.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies the log with the same positions, ids and recorded times, personal fields sealed, and the service reads it as before', async () => {
    expect(rawBytes(join(dir, 'plain.db'))).toContain('Ada Lovelace');
    const keys = new SqliteDataKeyStore(join(dir, 'keys.db'));
    const done = await sealSqliteLog(join(dir, 'plain.db'), join(dir, 'events.db'), keys);
    await keys.close();
    expect(done).toMatchObject({ copied: 5, alreadyThere: 0, erased: 0, position: 5, head: 5 });
    const raw = rawBytes(join(dir, 'events.db'));
    for (const text of PLAINTEXT) expect(raw).not.toContain(text);

    const sealed = new SqliteEventStore({ filename: join(dir, 'events.db') });
    const [before, after] = [await source.readAll({ after: null, limit: 100 }), await sealed.readAll({ after: null, limit: 100 })];
    await sealed.close();
    const shape = (e: (typeof before)[number]) => [e.position, e.id, e.stream, e.revision, e.type, e.recordedAt];
    expect(after.map(shape)).toEqual(before.map(shape));

    const rb = tempRolebook(dir);
    try {
      await rb.projector.catchUp();
      expect((await rb.store.readAll({ after: null, limit: 100 })).map(({ data, metadata }) => ({ data, metadata }))).toEqual(
        before.map(({ data, metadata }) => ({ data, metadata })),
      );
      expect(rb.queries.person(T, ada, { asOf: '2025-06-01T00:00:00.000Z', knownAt: null })?.state).toMatchObject({ name: 'Ada Lovelace', managerId: bob });
    } finally {
      await rb.close();
    }
  });

  it('continues after what an earlier run copied, and refuses a target holding another history', async () => {
    const keys = new SqliteDataKeyStore(join(dir, 'keys.db'));
    await sealSqliteLog(join(dir, 'plain.db'), join(dir, 'events.db'), keys);
    await source.append(streamName(T, 'person', bob), [legacy('PersonDetailsUpdated', { personId: bob, name: 'Bob Babbage' })], 0);
    const again = await sealSqliteLog(join(dir, 'plain.db'), join(dir, 'events.db'), keys);
    expect(again).toMatchObject({ copied: 1, alreadyThere: 5, position: 6 });
    expect(rawBytes(join(dir, 'events.db'))).not.toContain('Bob Babbage');

    const other = new SqliteEventStore({ filename: join(dir, 'other.db') });
    await other.append(streamName(T, 'team', team), [legacy('TeamCreated', { teamId: team, name: 'Other', parentTeamId: null })], 'no_stream');
    await other.close();
    await expect(sealSqliteLog(join(dir, 'plain.db'), join(dir, 'other.db'), keys)).rejects.toBeInstanceOf(SealDiverged);
    await keys.close();
  });

  it('writes placeholders for a person erased before the log was sealed', async () => {
    const keys = new SqliteDataKeyStore(join(dir, 'keys.db'));
    await keys.destroy(T, ada, '2025-03-01T00:00:00.000Z');
    const done = await sealSqliteLog(join(dir, 'plain.db'), join(dir, 'events.db'), keys);
    await keys.close();
    expect(done.erased).toBe(2); // Ada's registration and her membership's reason
    const raw = rawBytes(join(dir, 'events.db'));
    for (const text of PLAINTEXT) expect(raw).not.toContain(text);
    renameSync(join(dir, 'plain.db'), join(dir, 'plain.kept.db'));
    const rb = tempRolebook(dir);
    try {
      await rb.projector.catchUp();
      expect(rb.queries.person(T, ada, { asOf: '2025-06-01T00:00:00.000Z', knownAt: null })?.state).toMatchObject({ name: ERASED, email: null });
      expect(rb.queries.person(T, bob, { asOf: '2025-06-01T00:00:00.000Z', knownAt: null })?.state.name).toBe('Bob Babbage');
    } finally {
      await rb.close();
    }
  });
});
