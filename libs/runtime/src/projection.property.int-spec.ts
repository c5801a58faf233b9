// Property tests over random command sequences (fast-check): the read model answers exactly
// what a naive fold of the log answers, on both time axes, however it was built, erasures of
// personal data included (the live read model scrubs what a rebuild reads as placeholders).
import { DomainError, deciderFor, fold, inForceAt, parseStreamName, upcasters, type AggregateKind, type EffectiveOrgEvent } from '@rolebook/domain';
import type { RecordedEvent } from '@rolebook/event-store';
import {
  OrgQueries,
  OrgReadModel,
  diffOrg,
  Projector,
  openReadModelDb,
  rebuildReadModel,
  resetReadModel,
  type OrgSnapshotData,
  type PersonView,
  type ReadModelDb,
  type RoleView,
  type TeamView,
} from '@rolebook/projections';
import fc from 'fast-check';
import { dumpReadModel } from '@rolebook/projections/testing';
import { ctx, tempRolebook, type TempRolebook } from './testing/temp-rolebook';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const ROLES = [uuid(1), uuid(2), uuid(3)];
const PEOPLE = [uuid(11), uuid(12), uuid(13), uuid(14)];
const TEAMS = [uuid(21), uuid(22)];
const DAYS = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}-01T00:00:00.000Z`);

const day = fc.constantFrom(...DAYS);
const name = fc.constantFrom('Alpha', 'Beta', 'Gamma', 'Delta');

/** One command over these ids: [OrgCommands method, input]. Many are refused by the rules; that is part of the test. */
const commandOver = (ids: { roles: string[]; people: string[]; teams: string[] }, erasures = true) => {
  const role = fc.constantFrom(...ids.roles);
  const person = fc.constantFrom(...ids.people);
  const team = fc.constantFrom(...ids.teams);
  return fc.oneof(
    fc.record({ id: role, name, purpose: fc.constant('p'), effectiveAt: day }).map((i) => ['defineRole', i] as const),
    fc.record({ roleId: role, name, effectiveAt: day }).map((i) => ['reviseRole', i] as const),
    fc.record({ roleId: role, effectiveAt: day }).map((i) => ['retireRole', i] as const),
    fc.record({ id: person, name, effectiveAt: day }).map((i) => ['registerPerson', i] as const),
    fc.record({ personId: person, title: name, name: fc.option(name, { nil: undefined }), effectiveAt: day }).map((i) => ['updatePerson', i] as const),
    fc.record({ personId: person, managerId: fc.option(person, { nil: null }), effectiveAt: day }).map((i) => ['setManager', i] as const),
    fc
      .record({ personId: person, roleId: role, allocationPercent: fc.constantFrom(20, 50, 80), effectiveAt: day, effectiveTo: fc.option(day, { nil: null }) })
      .map((i) => ['assignRole', i] as const),
    fc.record({ personId: person, effectiveAt: day }).map((i) => ['terminatePerson', i] as const),
    fc.record({ id: team, name, parentTeamId: fc.option(team, { nil: null }), effectiveAt: day }).map((i) => ['createTeam', i] as const),
    fc.record({ teamId: team, personId: person, effectiveAt: day }).map((i) => ['addTeamMember', i] as const),
    fc.record({ teamId: team, personId: person, effectiveAt: day }).map((i) => ['removeTeamMember', i] as const),
    ...(erasures ? [fc.record({ personId: person }).map((i) => ['erasePersonalData', i] as const)] : []),
  );
};
const command = commandOver({ roles: ROLES, people: PEOPLE, teams: TEAMS });

const run = async (rb: TempRolebook, commands: (readonly [string, Record<string, unknown>])[], startAt = '2026-01-01T00:00:00.000Z') => {
  let clock = Date.parse(startAt);
  for (const [i, [method, input]] of commands.entries()) {
    rb.setNow(new Date((clock += 1000)).toISOString());
    // every other change gives a reason: sealed with the person's key on person and membership events
    const context = ctx({ reason: i % 2 === 0 ? null : `change ${i}` });
    try {
      if (method === 'erasePersonalData') await rb.erasure.erase(input as { personId: string }, { ...context, reason: 'request 7' });
      else await (rb.commands as unknown as Record<string, (i: unknown, c: unknown) => Promise<unknown>>)[method]!(input, context);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  await rb.projector.catchUp();
  return rb.store.readAll({ after: null, limit: 100_000 });
};

const indexes = (db: ReadModelDb) => db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();

/** The state of one entity by the definition: fold its events recorded by `known` and effective by `asOf`, in effective order. */
const naiveState = (log: RecordedEvent[], kind: AggregateKind, id: string, asOf: string, known: number) => {
  const events = log
    .filter((e) => e.position <= known && parseStreamName(e.stream)?.kind === kind && parseStreamName(e.stream)?.id === id)
    .map((e) => ({ position: e.position, event: { ...upcasters.upcast(e.type, e.data), effectiveAt: e.metadata['effectiveAt'] } as EffectiveOrgEvent }))
    .filter((e) => e.event.effectiveAt <= asOf)
    .sort((a, b) => (a.event.effectiveAt === b.event.effectiveAt ? a.position - b.position : a.event.effectiveAt < b.event.effectiveAt ? -1 : 1));
  const state = fold(
    deciderFor(kind),
    events.map((e) => e.event),
  );
  return state.status === 'Unknown' ? null : state;
};

/** The org's counts by the definition: the naive fold of every entity, then counted. */
const naiveStats = (log: RecordedEvent[], asOf: string, known: number) => {
  const states = <S>(kind: 'role' | 'person' | 'team', ids: string[]): S[] =>
    ids.flatMap((id) => {
      const state = naiveState(log, kind, id, asOf, known);
      return state ? [state as S] : [];
    });
  const people = states<PersonView>('person', PEOPLE);
  const roles = states<RoleView>('role', ROLES);
  const inForce = people.map((p) => ({ status: p.status, roles: p.assignments.filter((a) => inForceAt(a, asOf)).map((a) => a.roleId) }));
  const held = new Set(inForce.flatMap((p) => p.roles));
  const headcount = people.filter((p) => p.status === 'Active').length;
  return {
    headcount,
    terminatedPeople: people.filter((p) => p.status === 'Terminated').length,
    roles: roles.filter((r) => r.status === 'Active').length,
    retiredRoles: roles.filter((r) => r.status === 'Retired').length,
    vacantRoles: roles.filter((r) => r.status === 'Active' && !held.has(r.id)).length,
    teams: states('team', TEAMS).length,
    activeAssignments: inForce.reduce((n, p) => n + p.roles.length, 0),
    unassignedPeople: headcount - inForce.filter((p) => p.status === 'Active' && p.roles.length > 0).length,
  };
};

/** The whole org by the definition: every entity's naive fold (a team's members as its own state holds them). */
const naiveSnapshot = (log: RecordedEvent[], asOf: string, known: number): OrgSnapshotData => {
  const states = <S>(kind: 'role' | 'person' | 'team', ids: string[]): S[] =>
    ids.flatMap((id) => {
      const state = naiveState(log, kind, id, asOf, known);
      return state ? [state as S] : [];
    });
  return { at: asOf, roles: states<RoleView>('role', ROLES), people: states<PersonView>('person', PEOPLE), teams: states<TeamView>('team', TEAMS) };
};

/** Every entity is created early (at random dates in the first quarter), so that most random changes apply. */
const early = fc.constantFrom(...DAYS.slice(0, 3));
const setup = fc.tuple(
  ...ROLES.map((id) => early.map((effectiveAt) => ['defineRole', { id, name: 'Role', purpose: 'p', effectiveAt }] as const)),
  ...PEOPLE.map((id) => early.map((effectiveAt) => ['registerPerson', { id, name: 'Person', effectiveAt }] as const)),
  ...TEAMS.map((id) => early.map((effectiveAt) => ['createTeam', { id, name: 'Team', effectiveAt }] as const)),
);
const commands = fc.tuple(setup, fc.array(command, { minLength: 5, maxLength: 40 })).map(([first, rest]) => [...first, ...rest]);
const settings = { numRuns: 25 };
// each property runs its 25 random histories through a Rolebook on disk: seconds, more on a busy machine
jest.setTimeout(180_000);

describe('projection properties', () => {
  it('the live projection equals a rebuild from zero', async () => {
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        const rb = tempRolebook();
        try {
          await run(rb, cmds);
          const rebuilt = openReadModelDb(':memory:');
          await rebuildReadModel(rb.store, rebuilt);
          const live = openReadModelDb(`${rb.dir}/read-model.db`);
          expect(dumpReadModel(rebuilt)).toEqual(dumpReadModel(live));
          // the indexes a rebuild drops while it writes are all back
          expect(indexes(rebuilt)).toEqual(indexes(live));
        } finally {
          await rb.dispose();
        }
      }),
      settings,
    );
  });

  it('every entity as of any instant, as known at any instant, is the fold of exactly those events', async () => {
    await fc.assert(
      fc.asyncProperty(
        commands,
        fc.array(fc.tuple(fc.constantFrom(...DAYS, '2024-12-31T00:00:00.000Z', '2025-06-15T00:00:00.000Z'), fc.nat()), { minLength: 1, maxLength: 5 }),
        async (cmds, instants) => {
          const rb = tempRolebook();
          try {
            const log = await run(rb, cmds);
            for (const [asOf, k] of instants) {
              // knownAt: when the k-th event was recorded (or before anything, when the log is empty)
              const knownAt = log.length ? log[k % log.length]!.recordedAt : '2025-01-01T00:00:00.000Z';
              const known = Math.max(0, ...log.filter((e) => e.recordedAt <= knownAt).map((e) => e.position));
              for (const [kind, ids] of [
                ['role', ROLES],
                ['person', PEOPLE],
                ['team', TEAMS],
              ] as const) {
                for (const id of ids) {
                  const read = rb.queries[kind]('acme', id, { asOf, knownAt });
                  expect(read?.state ?? null).toEqual(naiveState(log, kind, id, asOf, known));
                  if (read) expect(read.version).toBe(log.filter((e) => e.position <= known && parseStreamName(e.stream)?.id === id).length);
                }
              }
            }
          } finally {
            await rb.dispose();
          }
        },
      ),
      settings,
    );
  });

  it('stats and totalCount at any instant on both axes are the naive counts: held across back-dated changes, and after a rebuild', async () => {
    await fc.assert(
      fc.asyncProperty(
        setup,
        fc.array(fc.array(command, { minLength: 1, maxLength: 15 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(fc.constantFrom(...DAYS, '2024-12-31T00:00:00.000Z', '2025-06-15T00:00:00.000Z'), fc.nat()), { minLength: 1, maxLength: 4 }),
        async (first, batches, instants) => {
          const rb = tempRolebook();
          try {
            const expectCounts = (queries: OrgQueries, log: RecordedEvent[]) => {
              for (const [asOf, k] of instants) {
                for (const knownAt of [null, log[k % log.length]!.recordedAt]) {
                  const known = knownAt === null ? Infinity : Math.max(...log.filter((e) => e.recordedAt <= knownAt).map((e) => e.position));
                  const naive = naiveStats(log, asOf, known);
                  expect(queries.stats('acme', { asOf, knownAt })).toEqual(naive);
                  const people = PEOPLE.filter((id) => naiveState(log, 'person', id, asOf, known) !== null).length;
                  expect(queries.people('acme', { asOf, knownAt }, {}, { first: 1, after: null }).totalCount()).toBe(people);
                }
              }
            };
            // one OrgQueries throughout: it reads what changed since its last answer
            let log = await run(rb, [...first]);
            expectCounts(rb.queries, log);
            for (const [i, batch] of batches.entries()) {
              log = await run(rb, batch, `2026-0${i + 2}-01T00:00:00.000Z`);
              expectCounts(rb.queries, log);
            }
            const rebuilt = openReadModelDb(':memory:');
            await rebuildReadModel(rb.store, rebuilt);
            expectCounts(new OrgQueries(rebuilt), log);
            // read in steps of a few rows (as before a switch to a model rebuilt beside), then what changed after
            const stepped = new OrgQueries(rebuilt);
            for (const _ of stepped.warmCountsInSteps(3));
            expectCounts(stepped, log);
            // a read model emptied and refolded to an earlier position under the same OrgQueries
            const held = new OrgQueries(rebuilt);
            held.warmCounts();
            resetReadModel(rebuilt);
            const earlier = log.slice(0, Math.max(1, Math.floor(log.length / 2)));
            new OrgReadModel(rebuilt).applyAll(earlier);
            expectCounts(held, earlier);
          } finally {
            await rb.dispose();
          }
        },
      ),
      settings,
    );
  });

  it('orgDiff between any two instants, as known at any instant, is the diff of the naive snapshots: held across back-dated changes and erasures, and after a rebuild', async () => {
    const instant = fc.constantFrom(...DAYS, '2024-12-31T00:00:00.000Z', '2025-06-15T00:00:00.000Z');
    await fc.assert(
      fc.asyncProperty(
        setup,
        fc.array(fc.array(command, { minLength: 1, maxLength: 15 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(instant, instant, fc.nat()), { minLength: 1, maxLength: 4 }),
        async (first, batches, pairs) => {
          const rb = tempRolebook();
          try {
            const expectDiffs = (queries: OrgQueries, log: RecordedEvent[]) => {
              for (const [from, to, k] of pairs) {
                for (const knownAt of [null, log[k % log.length]!.recordedAt]) {
                  const known = knownAt === null ? Infinity : Math.max(...log.filter((e) => e.recordedAt <= knownAt).map((e) => e.position));
                  expect(queries.diff('acme', from, to, knownAt)).toEqual(diffOrg(naiveSnapshot(log, from, known), naiveSnapshot(log, to, known)));
                }
              }
            };
            // one OrgQueries throughout: its person columns read what changed since its last answer
            let log = await run(rb, [...first]);
            expectDiffs(rb.queries, log);
            for (const [i, batch] of batches.entries()) {
              log = await run(rb, batch, `2026-0${i + 2}-01T00:00:00.000Z`);
              expectDiffs(rb.queries, log);
            }
            const rebuilt = openReadModelDb(':memory:');
            await rebuildReadModel(rb.store, rebuilt);
            expectDiffs(new OrgQueries(rebuilt), log);
            // read in steps of a few rows (as before a switch to a model rebuilt beside), then what changed after
            const stepped = new OrgQueries(rebuilt);
            for (const _ of stepped.warmDiffsInSteps(3));
            expectDiffs(stepped, log);
            // a read model emptied and refolded to an earlier position under the same OrgQueries
            const held = new OrgQueries(rebuilt);
            held.warmDiffs();
            resetReadModel(rebuilt);
            const earlier = log.slice(0, Math.max(1, Math.floor(log.length / 2)));
            new OrgReadModel(rebuilt).applyAll(earlier);
            expectDiffs(held, earlier);
          } finally {
            await rb.dispose();
          }
        },
      ),
      settings,
    );
  });

  it('stopping at any checkpoint and resuming equals the full replay', async () => {
    await fc.assert(
      fc.asyncProperty(commands, fc.nat(), async (cmds, cut) => {
        const rb = tempRolebook();
        try {
          const log = await run(rb, cmds);
          const db = openReadModelDb(':memory:');
          const partial = new OrgReadModel(db);
          partial.applyAll(log.slice(0, log.length ? cut % (log.length + 1) : 0));
          const resumed = new Projector(rb.store, new OrgReadModel(db));
          resumed.start();
          await resumed.catchUp();
          await resumed.stop();
          const full = openReadModelDb(':memory:');
          await rebuildReadModel(rb.store, full);
          expect(dumpReadModel(db)).toEqual(dumpReadModel(full));
          expect(new OrgQueries(db).stats('acme', { asOf: '2025-07-01T00:00:00.000Z', knownAt: null })).toEqual(
            new OrgQueries(full).stats('acme', { asOf: '2025-07-01T00:00:00.000Z', knownAt: null }),
          );
        } finally {
          await rb.dispose();
        }
      }),
      settings,
    );
  });
  it('at a size where the cache evicts (thousands of events, back-dated changes): live = rebuilds with any cache bound = the naive fold', async () => {
    const ids = {
      roles: ROLES.map((_, i) => uuid(100 + i)),
      people: Array.from({ length: 40 }, (_, i) => uuid(200 + i)),
      teams: [uuid(300), uuid(301), uuid(302)],
    };
    const created = [
      ...ids.roles.map((id) => ['defineRole', { id, name: 'Role', purpose: 'p', effectiveAt: DAYS[0] }] as const),
      ...ids.people.map((id, i) => ['registerPerson', { id, name: 'Person', effectiveAt: DAYS[i % 3] }] as const),
      ...ids.teams.map((id) => ['createTeam', { id, name: 'Team', effectiveAt: DAYS[1] }] as const),
    ];
    // no erasure: it empties the cache, and this case is about what the cache holds; few
    // terminations and retirements, after which every change of the entity is refused
    const changes = fc
      .sample(commandOver(ids, false), { numRuns: 6500, seed: 14 })
      .filter(([method], i) => !['terminatePerson', 'retireRole', 'registerPerson', 'defineRole', 'createTeam'].includes(method) || i % 40 === 0);
    const rb = tempRolebook();
    try {
      const log = await run(rb, [...created, ...changes]);
      expect(log.length).toBeGreaterThan(2000);
      const live = dumpReadModel(openReadModelDb(`${rb.dir}/read-model.db`));
      for (const cachedEvents of [0, 5, 60, 1000]) {
        const rebuilt = openReadModelDb(':memory:');
        await rebuildReadModel(rb.store, rebuilt, { cachedEvents, batchSize: 97 });
        expect(dumpReadModel(rebuilt)).toEqual(live);
      }
      for (const [asOf, knownAt] of [
        ['2025-06-15T00:00:00.000Z', null],
        ['2025-12-01T00:00:00.000Z', log[Math.floor(log.length / 2)]!.recordedAt],
      ] as const) {
        const known = knownAt === null ? Infinity : Math.max(...log.filter((e) => e.recordedAt <= knownAt).map((e) => e.position));
        for (const id of ids.people)
          expect(rb.queries.person('acme', id, { asOf, knownAt })?.state ?? null).toEqual(naiveState(log, 'person', id, asOf, known));
        for (const id of ids.teams) expect(rb.queries.team('acme', id, { asOf, knownAt })?.state ?? null).toEqual(naiveState(log, 'team', id, asOf, known));
      }
    } finally {
      await rb.dispose();
    }
  }, 300_000);
});
