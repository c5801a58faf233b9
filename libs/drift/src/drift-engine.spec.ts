// A check that re-runs only the rules a change reaches finds exactly what a full check finds.
import type { OrgSnapshotData, PersonView, RoleView, TeamView } from '@rolebook/projections';
import { defaultReferenceModel as model } from '@rolebook/reference-model';
import fc from 'fast-check';
import { byFindingId, detectDrift, DriftEngine, runSteps } from './index';

const INSTANTS = ['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'];
const roleIds = Array.from({ length: 8 }, (_, i) => `r${i}`);
const personIds = Array.from({ length: 16 }, (_, i) => `p${String(i).padStart(2, '0')}`);
const teamIds = ['t0', 't1', 't2'];

const NAMES = [
  'Product Manager',
  'Product Owner',
  'Associate Product Manager',
  'Senior Product Manager',
  'Group Product Manager',
  'Growth Product Manager',
  'Engineering Manager',
  'Product Marketing Manager',
  'Chief Happiness Officer',
];
const DUTIES = [
  'Engage customers every week',
  'Set product strategy and vision',
  'Build and share the roadmap',
  'Prioritize features and requirements',
  'Identify customer problems to solve',
  'Decide which campaigns to run',
  'Maintain the backlog',
  'Gather requirements',
];
const TITLES = [null, 'Product Manager', 'Senior Product Owner', 'Associate Product Manager', 'Accountant', 'Group Product Manager'];

/** true with probability `p`. */
const chance = (p: number) => fc.integer({ min: 0, max: 99 }).map((n) => n < p * 100);

const role = (id: string) =>
  fc.record({ name: fc.constantFrom(...NAMES), duties: fc.subarray(DUTIES), retired: chance(0.15) }).map(
    ({ name, duties, retired }): RoleView =>
      ({
        id,
        name,
        purpose: 'p',
        responsibilities: duties,
        referenceRoleKey: null,
        definedAt: INSTANTS[0],
        ...(retired ? { status: 'Retired', retiredAt: INSTANTS[0] } : { status: 'Active' }),
      }) as RoleView,
  );

const assignment = fc
  .record({ roleId: fc.constantFrom(...roleIds), from: fc.integer({ min: 0, max: 3 }), length: fc.option(fc.integer({ min: 1, max: 3 })), n: fc.nat() })
  .map(({ roleId, from, length, n }) => ({
    assignmentId: `a-${n}`,
    roleId,
    allocationPercent: 50,
    effectiveFrom: INSTANTS[from]!,
    effectiveTo: length === null || from + length > 3 ? null : INSTANTS[from + length]!,
  }));

const person = (id: string) =>
  fc
    .record({
      title: fc.constantFrom(...TITLES),
      managerId: fc.option(fc.constantFrom(...personIds), { freq: 3 }),
      assignments: fc.array(assignment, { maxLength: 3 }),
      terminated: chance(0.1),
    })
    .map(
      ({ title, managerId, assignments, terminated }): PersonView =>
        ({
          id,
          status: terminated ? 'Terminated' : 'Active',
          name: 'someone',
          email: null,
          title,
          managerId: managerId === id ? null : managerId,
          registeredAt: INSTANTS[0],
          assignments,
        }) as PersonView,
    );

const team = (id: string) =>
  fc
    .subarray(personIds)
    .map((members): TeamView => ({ status: 'Active', id, name: `Team ${id}`, parentTeamId: null, memberIds: members, createdAt: INSTANTS[0]! }));

/** An entity of the org at an instant, or its absence (not defined yet, or gone). */
const present = <X>(arb: fc.Arbitrary<X>) => fc.option(arb, { freq: 8 });

const org: fc.Arbitrary<Org> = fc.record({
  roles: fc.tuple(...roleIds.map((id) => present(role(id)))),
  people: fc.tuple(...personIds.map((id) => present(person(id)))),
  teams: fc.tuple(...teamIds.map((id) => present(team(id)))),
});

interface Org {
  roles: (RoleView | null)[];
  people: (PersonView | null)[];
  teams: (TeamView | null)[];
}
const snapshot = (o: Org, at: string): OrgSnapshotData => ({
  at,
  roles: o.roles.filter((r): r is RoleView => r !== null),
  people: o.people.filter((p): p is PersonView => p !== null),
  teams: o.teams.filter((t): t is TeamView => t !== null),
});

/** A second org: most entities as they were, some replaced by another random state. */
const changed = (before: Org) =>
  fc
    .record({
      after: org,
      keep: fc.record({
        roles: fc.array(chance(0.8), { minLength: roleIds.length, maxLength: roleIds.length }),
        people: fc.array(chance(0.8), { minLength: personIds.length, maxLength: personIds.length }),
        teams: fc.array(chance(0.7), { minLength: teamIds.length, maxLength: teamIds.length }),
      }),
      extra: fc.record({ roles: fc.subarray(roleIds), people: fc.subarray(personIds), teams: fc.subarray(teamIds) }),
    })
    .map(({ after, keep, extra }) => {
      const mix = <X>(xs: X[], ys: X[], kept: boolean[]) => xs.map((x, i) => (kept[i] ? x : ys[i]!));
      const next: Org = {
        roles: mix(before.roles, after.roles, keep.roles),
        people: mix(before.people, after.people, keep.people),
        teams: mix(before.teams, after.teams, keep.teams),
      };
      // what the read model reports as changed: every replaced entity, and some that are not (a superset)
      const reported = <X>(ids: string[], states: X[], kept: boolean[], more: string[]) =>
        new Map(ids.flatMap((id, i) => (!kept[i] || more.includes(id) ? [[id, states[i]!] as const] : [])));
      return {
        next,
        changes: {
          roles: reported(roleIds, next.roles, keep.roles, extra.roles),
          people: reported(personIds, next.people, keep.people, extra.people),
          teams: reported(teamIds, next.teams, keep.teams, extra.teams),
        },
      };
    });

const sorted = (engine: DriftEngine) => [...engine.findings()].sort(byFindingId);

describe('DriftEngine', () => {
  it('finds after a change exactly what a full check of the changed org finds', () =>
    fc.assert(
      fc.property(
        org.chain((before) => fc.tuple(fc.constant(before), changed(before), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }))),
        ([before, { next, changes }, start, later]) => {
          const [from, to] = [INSTANTS[start]!, INSTANTS[Math.min(start + later, 3)]!.replace('01T', '15T')];
          const engine = runSteps(DriftEngine.full(snapshot(before, from), model));
          expect(sorted(engine)).toEqual(detectDrift(snapshot(before, from), model));
          runSteps(engine.apply({ at: to, ...changes }));
          expect(sorted(engine)).toEqual(detectDrift(snapshot(next, to), model));
        },
      ),
      { numRuns: 300 },
    ));

  it('keeps what it found when nothing changed', () => {
    const pm: RoleView = {
      status: 'Active',
      id: 'r0',
      name: 'Product Manager',
      purpose: 'p',
      responsibilities: ['Decide which campaigns to run'],
      definedAt: INSTANTS[0]!,
    } as RoleView;
    const o: OrgSnapshotData = { at: INSTANTS[1]!, roles: [pm], people: [], teams: [] };
    const engine = runSteps(DriftEngine.full(o, model));
    const found = sorted(engine);
    expect(found.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['forbidden-responsibility', 'vacant-role']));
    runSteps(engine.apply({ at: INSTANTS[2]!, roles: new Map(), people: new Map(), teams: new Map() }));
    expect(sorted(engine)).toEqual(found);
  });
});

describe('DriftEngine steps', () => {
  it('yields after indexing the org, every 250 subjects, and before the rules over the whole org', () => {
    const people = Array.from(
      { length: 1000 },
      (_, i) =>
        ({
          id: `p${i}`,
          status: 'Active',
          name: 'n',
          email: null,
          title: null,
          managerId: null,
          registeredAt: INSTANTS[0],
          assignments: [],
        }) as unknown as PersonView,
    );
    const steps = DriftEngine.full({ at: INSTANTS[1]!, roles: [], people, teams: [] }, model);
    let yields = 0;
    while (!steps.next().done) yields++;
    expect(yields).toBeGreaterThanOrEqual(1 + 1000 / 250 + 1);
  });
});
