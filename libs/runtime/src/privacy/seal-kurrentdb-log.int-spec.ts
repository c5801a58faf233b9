// The sealing copy of a KurrentDB log written in plain text (rolebook seal-kurrentdb-log), between
// two KurrentDB test doubles: what the new database's records hold, what a Rolebook on it reads,
// resuming after an interruption, and the targets it refuses.
import { STREAM_PREFIX, streamName } from '@rolebook/domain';
import { KurrentDbEventStore, MigrationDiverged, type EventStore, type RecordedEvent } from '@rolebook/event-store';
import { KurrentDbTestDouble } from '@rolebook/event-store/testing';
import { ERASED, SqliteDataKeyStore } from '@rolebook/privacy';
import { openReadModelDb, type HistoryEntry } from '@rolebook/projections';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeRolebook, type Rolebook } from '../compose';
import { legacyEvents } from '../testing/legacy-events';
import { ctx } from '../testing/temp-rolebook';
import { SealTargetIsSource, sealKurrentDbLog } from './seal-kurrentdb-log';

const T = 'acme';
const ada = '00000000-0000-4000-8000-0000000000a1';
const bob = '00000000-0000-4000-8000-0000000000a2';
const team = '00000000-0000-4000-8000-0000000000b1';
const PLAINTEXT = [
  'Ada Lovelace',
  'ada@example.org',
  'Bob Babbage',
  'bob@example.org',
  'Ada joins growth',
  'hired Ada',
  'Bob renamed',
  'Cy Young',
  'cy@example.org',
  'hired Cy',
];
const NOW = { asOf: '2030-01-01T00:00:00.000Z', knownAt: null };

const legacy = legacyEvents(T);

const kurrent = (connectionString: string) => new KurrentDbEventStore({ connectionString, streamPrefix: STREAM_PREFIX });
const all = (store: EventStore): Promise<RecordedEvent[]> => store.readAll({ after: null, limit: 10_000 });
/** What the server holds for Rolebook's streams, byte for byte. */
const rawRecords = (double: KurrentDbTestDouble) =>
  double.log.records
    .filter((r) => r.stream.startsWith(STREAM_PREFIX))
    .map((r) => ({ id: r.id, stream: r.stream, revision: r.revision, type: r.type, raw: Buffer.from(r.data).toString() + Buffer.from(r.metadata).toString() }));
const appends = (double: KurrentDbTestDouble) => double.calls.filter((c) => /^Streams\.(Batch)?Append\(/.test(c)).length;

/** What a reader of the org sees: the org now, and every entity's history (positions aside: they are the database's). */
const view = (rb: Rolebook) => ({
  org: rb.queries.snapshot(T, NOW),
  history: [ada, bob, team, ...rb.queries.snapshot(T, NOW).people.map((p) => p.id)].map((id) =>
    rb.events.history(T, id, { first: 100, after: null }).items.map(({ node: { position: _position, ...entry } }: { node: HistoryEntry }) => entry),
  ),
});

describe('sealing copy of a plain-text KurrentDB log (rolebook seal-kurrentdb-log)', () => {
  let dir: string;
  let sourceDouble: KurrentDbTestDouble;
  let targetDouble: KurrentDbTestDouble;
  let source: KurrentDbEventStore;
  let target: KurrentDbEventStore;
  let keys: SqliteDataKeyStore;

  const rolebookOn = (connectionString: string, name: string) =>
    composeRolebook({
      secret: 'test-installation-secret-0123456789abcdef',
      store: kurrent(connectionString),
      keys: new SqliteDataKeyStore(join(dir, 'keys.db')),
      readModelDb: openReadModelDb(join(dir, `${name}.db`)),
    });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rolebook-kdb-seal-'));
    [sourceDouble, targetDouble] = await Promise.all([KurrentDbTestDouble.start(), KurrentDbTestDouble.start()]);
    source = kurrent(sourceDouble.connectionString);
    target = kurrent(targetDouble.connectionString);
    keys = new SqliteDataKeyStore(join(dir, 'keys.db'));
    // written before sealing existed: plain names, emails and reasons
    await source.append(
      streamName(T, 'person', ada),
      [legacy('PersonRegistered', { personId: ada, name: 'Ada Lovelace', email: 'ada@example.org', title: 'PM' }, 'hired Ada')],
      'no_stream',
    );
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
    await Promise.all([source.close(), target.close(), keys.close()]);
    await Promise.all([sourceDouble.stop(), targetDouble.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies the log sealed: no name, email or reason in the new records, the same events, the same org and history', async () => {
    // then sealing came: newer events are sealed, and Ada is erased (her key destroyed; her old events still hold her name)
    const before = rolebookOn(sourceDouble.connectionString, 'source');
    let sourceView: ReturnType<typeof view>;
    try {
      await before.commands.updatePerson({ personId: bob, name: 'Bob B.' }, ctx({ reason: 'Bob renamed' }));
      await before.commands.registerPerson({ name: 'Cy Young', email: 'cy@example.org' }, ctx({ reason: 'hired Cy' }));
      await before.erasure.erase({ personId: ada }, ctx({ reason: 'DSR-1' }));
      await before.projector.catchUp();
      sourceView = view(before);
    } finally {
      await before.close();
    }
    expect(sourceView.org.people.map((p) => p.name).sort()).toEqual(['Bob B.', 'Cy Young', ERASED]);
    expect(sourceView.history.flat()).toHaveLength(13);
    expect(
      rawRecords(sourceDouble)
        .map((r) => r.raw)
        .join(''),
    ).toContain('Ada Lovelace'); // the gap this closes

    const reports: number[] = [];
    const done = await sealKurrentDbLog(source, target, keys, (p) => reports.push(p.copied), 2);
    expect(done).toMatchObject({ copied: 8, alreadyThere: 0, erased: 2, head: (await source.headPosition())! });
    expect(reports.length).toBeGreaterThanOrEqual(4);

    const copied = rawRecords(targetDouble);
    const raw = copied.map((r) => r.raw).join('');
    for (const text of PLAINTEXT) expect(raw).not.toContain(text);
    expect(raw).toContain('"$sealed"');
    expect(raw).toContain(ada); // the search finds what is there
    // the same events, in the same order, streams and revisions, with the original recordedAt; only personal fields differ
    const [from, to] = [await all(source), await all(target)];
    const shape = ({ id, stream, revision, type, recordedAt, metadata: { reason: _reason, ...metadata } }: RecordedEvent) => ({
      id,
      stream,
      revision,
      type,
      recordedAt,
      metadata,
    });
    expect(to.map(shape)).toEqual(from.map(shape));
    expect(copied.map(({ raw: _raw, ...r }) => r)).toEqual(rawRecords(sourceDouble).map(({ raw: _raw, ...r }) => r));

    const after = rolebookOn(targetDouble.connectionString, 'target');
    try {
      await after.projector.catchUp();
      expect(view(after)).toEqual(sourceView);
      expect(after.queries.person(T, bob, NOW)?.state).toMatchObject({ name: 'Bob B.', email: 'bob@example.org' });
      expect(after.queries.person(T, ada, NOW)?.state).toMatchObject({ name: ERASED, email: null, managerId: bob });
    } finally {
      await after.close();
    }
  });

  it('resumes after an interruption, and copies nothing when run again', async () => {
    // the target goes away at the third append
    let appendsLeft = 2;
    const failing: EventStore = Object.assign(Object.create(target) as KurrentDbEventStore, {
      append: (...args: Parameters<EventStore['append']>) => {
        if (args[0].startsWith(STREAM_PREFIX) && (appendsLeft -= 1) < 0) return Promise.reject(new Error('connection lost'));
        return target.append(...args);
      },
    });
    await expect(sealKurrentDbLog(source, failing, keys, undefined, 1)).rejects.toThrow('connection lost');
    expect(await all(target)).toHaveLength(2);

    const resumed = await sealKurrentDbLog(source, target, keys);
    expect(resumed).toMatchObject({ alreadyThere: 2, copied: 3 });
    expect((await all(target)).map((e) => e.id)).toEqual((await all(source)).map((e) => e.id));
    for (const text of PLAINTEXT)
      expect(
        rawRecords(targetDouble)
          .map((r) => r.raw)
          .join(''),
      ).not.toContain(text);

    const recordsBefore = rawRecords(targetDouble);
    const appendsBefore = appends(targetDouble);
    expect(await sealKurrentDbLog(source, target, keys)).toMatchObject({ alreadyThere: 5, copied: 0 });
    expect(rawRecords(targetDouble)).toEqual(recordsBefore);
    expect(appends(targetDouble)).toBe(appendsBefore + 1); // the probe, outside Rolebook's streams
  });

  it('refuses a target holding another history, copying nothing', async () => {
    await target.append(streamName(T, 'team', team), [legacy('TeamCreated', { teamId: team, name: 'Other', parentTeamId: null })], 'no_stream');
    await expect(sealKurrentDbLog(source, target, keys)).rejects.toBeInstanceOf(MigrationDiverged);
    expect(rawRecords(targetDouble)).toHaveLength(1);
  });

  it('refuses a target that is the source under another name, writing nothing to its Rolebook streams', async () => {
    const sameServer = kurrent(`${sourceDouble.connectionString}&nodePreference=leader`);
    try {
      const recordsBefore = rawRecords(sourceDouble);
      await expect(sealKurrentDbLog(source, sameServer, keys)).rejects.toBeInstanceOf(SealTargetIsSource);
      expect(rawRecords(sourceDouble)).toEqual(recordsBefore);
    } finally {
      await sameServer.close();
    }
  });
});
