// At a size where the read side's indexes matter (a manager's reports found through the manager
// index, a role's holders through the link index, counts and stats read from the interval
// indexes, every team's members in one read), each answer equals the one read entity by entity
// or counted from the whole snapshot, at random instants on both axes.
import { DomainError, inForceAt } from '@rolebook/domain';
import { diffOrg, type PersonView } from '@rolebook/projections';
import fc from 'fast-check';
import { ctx, tempRolebook, type TempRolebook } from './testing/temp-rolebook';

const uuid = (kind: number, n: number) => `00000000-0000-4000-8${kind}00-${String(n).padStart(12, '0')}`;
const PEOPLE = 80;
const TEAMS = 6;
const ROLES = 8;
const month = (i: number) => `2025-${String((i % 12) + 1).padStart(2, '0')}-01T00:00:00.000Z`;

let rb: TempRolebook;
const people = Array.from({ length: PEOPLE }, (_, i) => uuid(3, i));
const teams = Array.from({ length: TEAMS }, (_, i) => uuid(2, i));
const roles = Array.from({ length: ROLES }, (_, i) => uuid(1, i));
const recorded: string[] = [];

beforeAll(async () => {
  rb = tempRolebook();
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  let clock = Date.parse('2026-01-01T00:00:00.000Z');
  const at = () => {
    rb.setNow(new Date((clock += 60_000)).toISOString());
    recorded.push(new Date(clock).toISOString());
  };
  const attempt = async (call: () => Promise<unknown>) => {
    at();
    try {
      await call();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  };
  for (const [i, id] of teams.entries()) await attempt(() => rb.commands.createTeam({ id, name: `Team ${i}`, effectiveAt: month(0) }, ctx()));
  for (const [i, id] of roles.entries()) await attempt(() => rb.commands.defineRole({ id, name: `Role ${i}`, purpose: 'p', effectiveAt: month(0) }, ctx()));
  for (const [i, id] of people.entries()) {
    await attempt(() => rb.commands.registerPerson({ id, name: `Person ${i}`, effectiveAt: month(Math.floor(random() * 3)) }, ctx()));
    if (i > 0)
      await attempt(() =>
        rb.commands.setManager(
          { personId: id, managerId: people[Math.floor(random() * Math.min(i, 8))]!, effectiveAt: month(3 + Math.floor(random() * 3)) },
          ctx(),
        ),
      );
    await attempt(() => rb.commands.addTeamMember({ teamId: teams[i % TEAMS]!, personId: id, effectiveAt: month(3 + Math.floor(random() * 6)) }, ctx()));
    // most hold a role (the last role stays vacant), some for a while only, some two at once
    for (let n = random() < 0.2 ? 2 : random() < 0.85 ? 1 : 0; n > 0; n--) {
      const from = 2 + Math.floor(random() * 6);
      const effectiveTo = random() < 0.3 ? month(from + 1 + Math.floor(random() * 4)) : null;
      await attempt(() =>
        rb.commands.assignRole(
          { personId: id, roleId: roles[Math.floor(random() * (ROLES - 1))]!, allocationPercent: 50, effectiveAt: month(from), effectiveTo },
          ctx(),
        ),
      );
    }
  }
  // back-dated and later changes: moves between managers and teams, some leavers
  for (let i = 0; i < PEOPLE; i++) {
    const id = people[Math.floor(random() * PEOPLE)]!;
    const when = month(4 + Math.floor(random() * 8));
    switch (i % 4) {
      case 0:
        await attempt(() => rb.commands.setManager({ personId: id, managerId: people[Math.floor(random() * 8)]!, effectiveAt: when }, ctx()));
        break;
      case 1:
        await attempt(() => rb.commands.addTeamMember({ teamId: teams[Math.floor(random() * TEAMS)]!, personId: id, effectiveAt: when }, ctx()));
        break;
      case 2:
        await attempt(() => rb.commands.removeTeamMember({ teamId: teams[Math.floor(random() * TEAMS)]!, personId: id, effectiveAt: when }, ctx()));
        break;
      default:
        if (random() < 0.1) await attempt(() => rb.commands.retireRole({ roleId: roles[Math.floor(random() * ROLES)]!, effectiveAt: when }, ctx()));
        else if (random() < 0.3) await attempt(() => rb.commands.terminatePerson({ personId: id, effectiveAt: when }, ctx()));
    }
  }
  await rb.projector.catchUp();
}, 600_000);
afterAll(() => rb.dispose());

const instant = fc.record({
  asOf: fc.integer({ min: 0, max: 13 }).map((i) => (i === 13 ? '2027-01-01T00:00:00.000Z' : month(i))),
  knownAt: fc.option(
    fc.integer({ min: 0, max: 10_000 }).map((n) => recorded[n % recorded.length]!),
    { nil: null },
  ),
});

it('directReports, totalCount and every team of a snapshot equal what is read entity by entity', () =>
  fc.assert(
    fc.property(instant, (at) => {
      const snapshot = rb.queries.snapshot('acme', at);
      const byId = new Map(snapshot.people.map((p) => [p.id, p]));
      expect(rb.queries.people('acme', at, {}, { first: 1, after: null }).totalCount()).toBe(snapshot.people.length);
      for (const manager of people.slice(0, 8)) {
        const expected = people.filter((id) => byId.get(id)?.managerId === manager).sort();
        expect(
          rb.queries
            .directReports('acme', manager, at)
            .map((p) => p.state.id)
            .sort(),
        ).toEqual(expected);
      }
      for (const team of snapshot.teams) expect(team.memberIds).toEqual(rb.queries.members('acme', team.id, at));
      for (const person of snapshot.people.slice(0, 10)) expect(rb.queries.person('acme', person.id, at)?.state).toEqual(person);
    }),
    { numRuns: 40 },
  ));

const ids = (page: { items: { node: { state: { id: string } } }[] }) => page.items.map((i) => i.node.state.id).sort();
const all = { first: 1000, after: null };

it('stats, and the people of a role, a team or a manager with their counts, equal what the snapshot holds', () =>
  fc.assert(
    fc.property(instant, (at) => {
      const snapshot = rb.queries.snapshot('acme', at);
      const active = (a: { effectiveFrom: string; effectiveTo: string | null }) => inForceAt(a, at.asOf);
      const held = new Set(snapshot.people.flatMap((p) => p.assignments.filter(active).map((a) => a.roleId)));
      const activePeople = snapshot.people.filter((p) => p.status === 'Active');
      expect(rb.queries.stats('acme', at)).toEqual({
        headcount: activePeople.length,
        terminatedPeople: snapshot.people.filter((p) => p.status === 'Terminated').length,
        roles: snapshot.roles.filter((r) => r.status === 'Active').length,
        retiredRoles: snapshot.roles.filter((r) => r.status === 'Retired').length,
        vacantRoles: snapshot.roles.filter((r) => r.status === 'Active' && !held.has(r.id)).length,
        teams: snapshot.teams.length,
        activeAssignments: snapshot.people.reduce((n, p) => n + p.assignments.filter(active).length, 0),
        unassignedPeople: activePeople.filter((p) => !p.assignments.some(active)).length,
      });
      for (const role of roles) {
        const page = rb.queries.people('acme', at, { roleId: role }, all);
        const expected = snapshot.people.filter((p) => p.assignments.some((a) => a.roleId === role && active(a))).map((p) => p.id);
        expect(ids(page)).toEqual(expected.sort());
        expect(page.totalCount()).toBe(expected.length);
      }
      for (const team of snapshot.teams) {
        const page = rb.queries.people('acme', at, { teamId: team.id }, all);
        expect(ids(page)).toEqual([...team.memberIds].sort());
        expect(page.totalCount()).toBe(team.memberIds.length);
      }
      for (const manager of people.slice(0, 8)) {
        const page = rb.queries.people('acme', at, { managerId: manager }, all);
        expect(ids(page)).toEqual(
          snapshot.people
            .filter((p) => p.managerId === manager)
            .map((p) => p.id)
            .sort(),
        );
      }
    }),
    { numRuns: 40 },
  ));

it('a diff of snapshots read together (versions in force at both shared) equals the diff of snapshots read apart', () =>
  fc.assert(
    fc.property(instant, instant, (from, to) => {
      const ats = [from, { asOf: to.asOf, knownAt: from.knownAt }];
      const [before, after] = rb.queries.snapshots('acme', ats);
      const diff = diffOrg(before!, after!);
      expect(diff).toEqual(diffOrg(rb.queries.snapshot('acme', ats[0]!), rb.queries.snapshot('acme', ats[1]!)));
      // and orgDiff, read from what differs between the instants only
      expect(rb.queries.diff('acme', ats[0]!.asOf, ats[1]!.asOf, from.knownAt)).toEqual(diff);
      // and against the definition, for the sections a shared version skips (a person without a manager has no reporting line)
      for (const [section, fields] of [
        ['people', (p: PersonView) => [p.name, p.email, p.title, p.status]],
        ['reportingLines', (p: PersonView) => (p.managerId === null ? null : [p.managerId])],
      ] as const) {
        const facts = (people: PersonView[]) => new Map(people.filter((p) => fields(p) !== null).map((p) => [p.id, JSON.stringify(fields(p))]));
        const [was, is] = [facts(before!.people), facts(after!.people)];
        const changed = [...is].filter(([id, fact]) => was.has(id) && was.get(id) !== fact).map(([id]) => id);
        expect(diff.filter((c) => c.section === section && c.kind === 'changed').map((c) => c.id)).toEqual(changed.sort());
      }
    }),
    { numRuns: 40 },
  ));
