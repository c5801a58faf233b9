// Personal data through the composed Rolebook: what the logs hold (SQLite bytes, KurrentDB over
// gRPC), and what every read shows once a person's personal data is erased.
import { NotFound, RuleViolation, STREAM_PREFIX, streamName } from '@rolebook/domain';
import { KurrentDbEventStore, SqliteEventStore } from '@rolebook/event-store';
import { KurrentDbTestDouble } from '@rolebook/event-store/testing';
import { ERASED, SqliteDataKeyStore } from '@rolebook/privacy';
import { diffOrg, openReadModelDb, rebuildReadModel, type HistoryEntry } from '@rolebook/projections';
import { dumpReadModel } from '@rolebook/projections/testing';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hrisPersonId } from '@rolebook/application';
import { createLogger, loadConfig } from '@rolebook/config';
import { eventually } from '@rolebook/event-store/testing';
import { composeRolebook } from './compose';
import { openHris } from './hris/open-hris';
import { ctx, tempRolebook, type TempRolebook } from './testing/temp-rolebook';
import { sqliteFileBytes } from '@rolebook/privacy/testing';

const T = 'acme';
const NAME = 'Zelda Quackenbush';
const NEW_NAME = 'Zelda Quackenbush-Oyelaran';
const EMAIL = 'zelda.q@example.org';
const REASON = 'Zelda asked to move to the growth squad';
const PLAINTEXT = [NAME, NEW_NAME, EMAIL, REASON, 'Quackenbush', 'zelda.q'];

const rawBytes = (filename: string): string => sqliteFileBytes(filename).toString('latin1');

const page = { first: 100, after: null };

/** What keys.db holds for a person, read by a connection of its own. */
const keyOf = async (dir: string, personId: string) => {
  const keys = new SqliteDataKeyStore(join(dir, 'keys.db'));
  try {
    return await keys.find(T, personId);
  } finally {
    await keys.close();
  }
};

/** A person with personal data in every place it can be: details, an update, reasons on person and team events, a manager, a report, a role. */
const setup = async (rb: TempRolebook) => {
  rb.setNow('2026-01-01T00:00:00.000Z');
  const pm = (await rb.commands.defineRole({ name: 'Product Manager', purpose: 'p', responsibilities: ['Own the roadmap'] }, ctx())).id;
  const boss = (await rb.commands.registerPerson({ name: 'Grace Hopper', email: 'grace@example.org' }, ctx())).id;
  const zelda = (await rb.commands.registerPerson({ name: NAME, email: EMAIL, title: 'Product Manager' }, ctx({ reason: REASON }))).id;
  const report = (await rb.commands.registerPerson({ name: 'Ada Lovelace' }, ctx())).id;
  const team = (await rb.commands.createTeam({ name: 'Growth' }, ctx())).id;
  rb.setNow('2026-02-01T00:00:00.000Z');
  await rb.commands.setManager({ personId: zelda, managerId: boss }, ctx());
  await rb.commands.setManager({ personId: report, managerId: zelda }, ctx());
  await rb.commands.updatePerson({ personId: zelda, name: NEW_NAME }, ctx({ reason: REASON }));
  await rb.commands.addTeamMember({ teamId: team, personId: zelda }, ctx({ reason: REASON }));
  rb.setNow('2026-03-01T00:00:00.000Z');
  await rb.drift.runCheck(T, 'manual', 'run-1'); // "a person titled as a PM holds no role": a finding about Zelda
  await rb.commands.assignRole({ personId: zelda, roleId: pm, allocationPercent: 100 }, ctx());
  return { pm, boss, zelda, report, team };
};

const mentionsPlaintext = (value: unknown) => PLAINTEXT.some((text) => JSON.stringify(value).includes(text));

describe('personal data in the event log', () => {
  let rb: TempRolebook;
  beforeEach(() => (rb = tempRolebook()));
  afterEach(() => rb.dispose());

  it('leaves no name, email or reason in the bytes of the SQLite log, and shows them to every reader', async () => {
    const { zelda } = await setup(rb);
    const raw = rawBytes(join(rb.dir, 'events.db'));
    expect(raw).toContain(zelda); // the search can find what is there
    for (const text of PLAINTEXT) expect(raw).not.toContain(text);
    expect(rb.queries.person(T, zelda, { asOf: '2026-06-01T00:00:00.000Z', knownAt: null })?.state).toMatchObject({ name: NEW_NAME, email: EMAIL });
    const history = rb.events.history(T, zelda, page).items.map((i) => i.node);
    expect(history[0]).toMatchObject({ type: 'PersonRegistered', reason: REASON, data: { name: NAME, email: EMAIL } });
    // the keys are in a file of their own, never in the log
    expect(existsSync(join(rb.dir, 'keys.db'))).toBe(true);
  });
});

describe('personal data in KurrentDB (through the gRPC test double)', () => {
  it('holds only ciphertext for personal fields', async () => {
    const double = await KurrentDbTestDouble.start();
    const dir = mkdtempSync(join(tmpdir(), 'rolebook-kdb-privacy-'));
    const rb = composeRolebook({
      secret: 'test-installation-secret-0123456789abcdef',
      store: new KurrentDbEventStore({ connectionString: double.connectionString, streamPrefix: STREAM_PREFIX }),
      keys: new SqliteDataKeyStore(join(dir, 'keys.db')),
      readModelDb: openReadModelDb(join(dir, 'read-model.db')),
    });
    try {
      const id = (await rb.commands.registerPerson({ name: NAME, email: EMAIL }, ctx({ reason: REASON }))).id;
      await rb.commands.updatePerson({ personId: id, name: NEW_NAME }, ctx());
      const records = double.log.records.filter((r) => r.stream === streamName(T, 'person', id));
      expect(records).toHaveLength(2);
      const raw = records.map((r) => Buffer.from(r.data).toString('utf8') + Buffer.from(r.metadata).toString('utf8')).join('');
      expect(raw).toContain('"$sealed"');
      for (const text of PLAINTEXT) expect(raw).not.toContain(text);
      expect(rb.queries.person(T, id, { asOf: new Date().toISOString(), knownAt: null })?.state.name).toBe(NEW_NAME);
    } finally {
      await rb.close();
      await double.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('erasure of personal data', () => {
  let rb: TempRolebook;
  beforeEach(() => (rb = tempRolebook()));
  afterEach(() => rb.dispose());

  const now = { asOf: '2026-06-01T00:00:00.000Z', knownAt: null };
  const history = (id: string): HistoryEntry[] => rb.events.history(T, id, page).items.map((i) => i.node);

  it('shows the person as erased in every read, and keeps their roles, reporting lines and memberships', async () => {
    const { pm, boss, zelda, report, team } = await setup(rb);
    const feedFrom = (await rb.store.headPosition())!;
    rb.setNow('2026-04-01T00:00:00.000Z');
    const result = await rb.erasure.erase({ personId: zelda }, ctx({ actor: 'admin-1', reason: 'DSR-2026-118' }));
    expect(result.changed).toBe(true);

    // the person, at every instant and as known at any time
    for (const at of [now, { asOf: '2026-01-15T00:00:00.000Z', knownAt: null }, { asOf: now.asOf, knownAt: '2026-02-15T00:00:00.000Z' }]) {
      expect(rb.queries.person(T, zelda, at)?.state).toMatchObject({ name: ERASED, email: null });
    }
    const state = rb.queries.person(T, zelda, now)!.state;
    expect(state).toMatchObject({ id: zelda, title: 'Product Manager', managerId: boss, status: 'Active', erasedAt: '2026-04-01T00:00:00.000Z' });
    expect(state.assignments).toEqual([expect.objectContaining({ roleId: pm, allocationPercent: 100 })]);
    expect(rb.queries.directReports(T, zelda, now).map((p) => p.state.id)).toEqual([report]);
    expect(rb.queries.teamsOf(T, zelda, now).map((t) => t.state.id)).toEqual([team]);
    expect(rb.queries.people(T, now, { nameContains: 'zelda' }, page).items).toHaveLength(0);

    // history, audit log and the subscription feed (all read the event table)
    const entries = history(zelda);
    expect(entries.map((e) => e.type)).toEqual(['PersonRegistered', 'ManagerSet', 'PersonDetailsUpdated', 'RoleAssigned', 'PersonalDataErased']);
    expect(entries[0]).toMatchObject({ reason: ERASED, data: { name: ERASED, email: null, title: 'Product Manager' } });
    expect(entries[2]).toMatchObject({ reason: ERASED, data: { name: ERASED } });
    expect(entries[4]).toMatchObject({ actor: 'admin-1', reason: 'DSR-2026-118', data: { personId: zelda } });
    const membership = history(team).find((e) => e.type === 'TeamMemberAdded')!;
    expect(membership.reason).toBe(ERASED);
    expect(mentionsPlaintext(rb.events.auditLog(T, {}, { first: 1000, after: null }).items.map((i) => i.node))).toBe(false);
    expect(mentionsPlaintext(rb.events.after(T, 0, 1000))).toBe(false);
    expect(rb.events.after(T, feedFrom, 10).map((e) => e.type)).toEqual(['PersonalDataErased']);

    // org diff and drift findings about the person
    const changes = diffOrg(rb.queries.snapshot(T, { asOf: '2026-01-15T00:00:00.000Z', knownAt: null }), rb.queries.snapshot(T, now));
    expect(changes.some((c) => c.id === zelda)).toBe(true);
    expect(mentionsPlaintext(changes)).toBe(false);
    const findings = rb.driftQueries.findings(T, '2026-03-15T00:00:00.000Z', {}, page).items.map((i) => i.node);
    expect(findings.some((f) => f.subject.id === zelda)).toBe(true);
    expect(mentionsPlaintext(findings)).toBe(false);

    // the log and the key
    expect(mentionsPlaintext(await rb.store.readAll({ after: null, limit: 1000 }))).toBe(false);
    expect(await keyOf(rb.dir, zelda)).toBe('erased');
  });

  it('gives the same answer after a rebuild, and after a reopen', async () => {
    const { zelda } = await setup(rb);
    await rb.erasure.erase({ personId: zelda }, ctx({ reason: 'DSR-1' }));
    const rebuilt = openReadModelDb(':memory:');
    await rebuildReadModel(rb.store, rebuilt);
    expect(dumpReadModel(rebuilt)).toEqual(dumpReadModel(openReadModelDb(join(rb.dir, 'read-model.db'))));
    await rb.close();
    rb = rb.reopen();
    expect(rb.queries.person(T, zelda, now)?.state.name).toBe(ERASED);
  });

  it('refuses new personal data about an erased person, and still records structural changes without a reason', async () => {
    const { zelda, pm } = await setup(rb);
    await rb.erasure.erase({ personId: zelda }, ctx({ reason: 'DSR-1' }));
    rb.setNow('2026-05-01T00:00:00.000Z');
    await expect(rb.commands.updatePerson({ personId: zelda, name: NAME }, ctx())).rejects.toMatchObject({
      constructor: RuleViolation,
      reason: 'PERSONAL_DATA_ERASED',
    });
    await expect(rb.commands.updatePerson({ personId: zelda, title: 'Senior PM' }, ctx({ reason: REASON }))).rejects.toMatchObject({
      constructor: RuleViolation,
      reason: 'PERSONAL_DATA_ERASED',
      field: 'reason',
    });
    await rb.commands.updatePerson({ personId: zelda, title: 'Senior PM' }, ctx());
    await rb.commands.endRoleAssignment({ personId: zelda, assignmentId: rb.queries.person(T, zelda, now)!.state.assignments[0]!.assignmentId }, ctx());
    await rb.commands.terminatePerson({ personId: zelda }, ctx());
    expect(rb.queries.person(T, zelda, now)?.state).toMatchObject({ name: ERASED, title: 'Senior PM', status: 'Terminated' });
    expect(pm).toBeDefined();
  });

  it('refuses an unknown person, an empty reason, and records an erasure once', async () => {
    const { zelda } = await setup(rb);
    await expect(rb.erasure.erase({ personId: '00000000-0000-4000-8000-000000000999' }, ctx({ reason: 'DSR-1' }))).rejects.toBeInstanceOf(NotFound);
    await expect(rb.erasure.erase({ personId: zelda }, ctx({ reason: '  ' }))).rejects.toMatchObject({ field: 'reason' });
    expect((await rb.erasure.erase({ personId: zelda }, ctx({ reason: 'DSR-1' }))).changed).toBe(true);
    expect((await rb.erasure.erase({ personId: zelda }, ctx({ reason: 'DSR-1' }))).changed).toBe(false);
  });

  it('is learnt by another process sharing the log and the key store (a worker) when it projects the erasure', async () => {
    const { zelda } = await setup(rb);
    const worker = composeRolebook({
      secret: 'test-installation-secret-0123456789abcdef',
      store: new SqliteEventStore({ filename: join(rb.dir, 'events.db'), pollIntervalMs: 20 }),
      keys: new SqliteDataKeyStore(join(rb.dir, 'keys.db')),
      readModelDb: openReadModelDb(join(rb.dir, 'read-model.worker.db')),
    });
    try {
      await worker.projector.catchUp();
      expect(worker.queries.person(T, zelda, now)?.state.name).toBe(NEW_NAME); // its key is now in the worker's memory
      await rb.erasure.erase({ personId: zelda }, ctx({ reason: 'DSR-1' }));
      await worker.projector.catchUp();
      expect(worker.queries.person(T, zelda, now)?.state).toMatchObject({ name: ERASED, email: null });
      expect(mentionsPlaintext(await worker.store.readStream(streamName(T, 'person', zelda)))).toBe(false);
    } finally {
      await worker.close();
    }
  });

  it('is carried out again from the log when the key store comes back from a backup taken before the erasure', async () => {
    const { zelda } = await setup(rb);
    const backup = join(rb.dir, 'keys.backup.db');
    const live = new Database(join(rb.dir, 'keys.db'), { readonly: true });
    await live.backup(backup);
    live.close();
    await rb.erasure.erase({ personId: zelda }, ctx({ reason: 'DSR-1' }));
    await rb.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(rb.dir, `keys.db${suffix}`), { force: true });
    renameSync(backup, join(rb.dir, 'keys.db'));
    expect(await keyOf(rb.dir, zelda)).not.toBe('erased');
    rmSync(join(rb.dir, 'read-model.db'));
    rb = rb.reopen();
    await rb.projector.catchUp();
    expect(rb.queries.person(T, zelda, now)?.state.name).toBe(ERASED);
    expect(await keyOf(rb.dir, zelda)).toBe('erased');
  });

  it('erases the bodies of the HRIS deliveries that named the person as soon as this process projects the erasure', async () => {
    const hris = await openHris(loadConfig({ DATA_DIR: rb.dir, LOG_LEVEL: 'silent' }), createLogger('silent'), rb);
    try {
      const body = { type: 'employee.hired', data: { employeeId: 'E1', name: NAME, email: EMAIL, effectiveAt: '2026-01-01T00:00:00.000Z' } };
      const delivery = (await hris.inbox.record({
        tenantId: T,
        provider: 'standard',
        deliveryId: 'd-1',
        body: Buffer.from(JSON.stringify(body)),
        receivedAt: '2026-01-01T00:00:00.000Z',
      }))!;
      hris.dispatch(delivery);
      expect((await hris.settled(delivery.seq, 5000)).status).toBe('PROCESSED');
      const person = hrisPersonId(T, 'standard', 'E1');
      expect(rb.queries.person(T, person, now)?.state.name).toBe(NAME);
      await rb.erasure.erase({ personId: person }, ctx({ reason: 'DSR-7' }));
      await eventually(async () => expect((await hris.inbox.get(delivery.seq))?.bodyErased).toBe(true), 5000);
      expect(rawBytes(join(rb.dir, 'webhooks.db'))).not.toContain(NAME);

      // the HRIS keeps sending the person's name: not recorded again, while their title change applies
      rb.setNow('2026-07-01T00:00:00.000Z');
      const update = { type: 'employee.updated', data: { employeeId: 'E1', name: NEW_NAME, email: EMAIL, title: 'Senior PM' } };
      const later = (await hris.inbox.record({
        tenantId: T,
        provider: 'standard',
        deliveryId: 'd-2',
        body: Buffer.from(JSON.stringify(update)),
        receivedAt: '2026-07-01T00:00:00.000Z',
      }))!;
      hris.dispatch(later);
      expect(await hris.settled(later.seq, 5000)).toMatchObject({ status: 'PROCESSED' });
      expect(rb.queries.person(T, person, { asOf: '2026-08-01T00:00:00.000Z', knownAt: null })?.state).toMatchObject({
        name: ERASED,
        email: null,
        title: 'Senior PM',
      });
    } finally {
      await hris.stop();
    }
  });
});
