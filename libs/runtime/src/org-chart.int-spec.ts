// orgChart's read (OrgChartQueries) against the read model's whole snapshot, which it must agree
// with at every instant on both axes: a small org with back-dated changes, departures, team moves
// and assignments that end, read at a grid of (asOf, knownAt).
import { inForceAt } from '@rolebook/domain';
import type { At } from '@rolebook/projections';
import { ctx, tempRolebook, type TempRolebook } from './testing/temp-rolebook';

let rb: TempRolebook;
beforeEach(() => (rb = tempRolebook()));
afterEach(() => rb.dispose());

const day = (d: number) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString();

/** What the chart must show, derived from the whole snapshot at the instant. */
const expected = (at: At) => {
  const snapshot = rb.queries.snapshot('acme', at);
  const active = snapshot.people.filter((p) => p.status === 'Active');
  const teamsOf = (id: string) => snapshot.teams.filter((t) => t.memberIds.includes(id)).map((t) => t.id);
  const people = active.map((p) => ({
    id: p.id,
    name: p.name,
    title: p.title,
    managerId: p.managerId,
    roles: p.assignments.filter((a) => inForceAt(a, at.asOf)).map((a) => ({ roleId: a.roleId, allocationPercent: a.allocationPercent })),
    teamIds: teamsOf(p.id).sort(),
  }));
  const held = new Set(people.flatMap((p) => p.roles.map((r) => r.roleId)));
  const inTeams = new Set(people.flatMap((p) => p.teamIds));
  return {
    people: people.sort((a, b) => a.id.localeCompare(b.id)),
    roles: snapshot.roles.filter((r) => held.has(r.id)).map((r) => ({ id: r.id, name: r.name })),
    teams: snapshot.teams.filter((t) => inTeams.has(t.id)).map((t) => ({ id: t.id, name: t.name })),
  };
};

const actual = (at: At) => {
  const chart = rb.chart.chart('acme', at);
  const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
  return {
    people: byId(chart.people.map((p) => ({ ...p, teamIds: [...p.teamIds].sort() }))),
    roles: byId(chart.roles),
    teams: byId(chart.teams),
  };
};

it('agrees with the whole snapshot at every instant, as of and as known at, back-dated changes included', async () => {
  const c = ctx({ tenantId: 'acme' });
  const recorded: string[] = [];
  const at = (d: number) => {
    rb.setNow(day(d));
    recorded.push(day(d));
  };
  at(0);
  const [pm, po] = [
    (await rb.commands.defineRole({ name: 'Product Manager', purpose: 'p', effectiveAt: day(0) }, c)).id,
    (await rb.commands.defineRole({ name: 'Product Owner', purpose: 'p', effectiveAt: day(0) }, c)).id,
  ];
  const teams = [
    (await rb.commands.createTeam({ name: 'Checkout', effectiveAt: day(0) }, c)).id,
    (await rb.commands.createTeam({ name: 'Search', effectiveAt: day(0) }, c)).id,
  ];
  const people: string[] = [];
  for (let i = 0; i < 12; i++)
    people.push((await rb.commands.registerPerson({ name: `Person ${i}`, title: i % 3 ? 'Engineer' : 'PM', effectiveAt: day(i) }, c)).id);
  for (let i = 1; i < 12; i++) await rb.commands.setManager({ personId: people[i]!, managerId: people[Math.floor((i - 1) / 3)]!, effectiveAt: day(12) }, c);
  const assignment = await rb.commands.assignRole({ personId: people[3]!, roleId: pm, allocationPercent: 60, effectiveAt: day(12) }, c);
  await rb.commands.assignRole({ personId: people[3]!, roleId: po, allocationPercent: 40, effectiveAt: day(20) }, c);
  await rb.commands.assignRole({ personId: people[6]!, roleId: po, allocationPercent: 100, effectiveAt: day(12) }, c);
  for (let i = 0; i < 12; i++) await rb.commands.addTeamMember({ teamId: teams[i % 2]!, personId: people[i]!, effectiveAt: day(12) }, c);
  at(30);
  await rb.commands.endRoleAssignment({ personId: people[3]!, assignmentId: assignment.assignmentId, effectiveAt: day(25) }, c);
  await rb.commands.terminatePerson({ personId: people[11]!, effectiveAt: day(28) }, c);
  await rb.commands.removeTeamMember({ teamId: teams[0]!, personId: people[4]!, effectiveAt: day(26) }, c);
  await rb.commands.addTeamMember({ teamId: teams[1]!, personId: people[4]!, effectiveAt: day(26) }, c);
  at(40);
  // back-dated: recorded on day 40, in effect from day 15
  await rb.commands.updatePerson({ personId: people[2]!, title: 'Staff PM', effectiveAt: day(15) }, c);
  await rb.commands.setManager({ personId: people[5]!, managerId: people[2]!, effectiveAt: day(15) }, c);
  await rb.commands.reviseRole({ roleId: po, name: 'Product Owner (agile)', effectiveAt: day(16) }, c);

  let compared = 0;
  for (const asOf of [0, 5, 12, 15, 16, 21, 25, 26, 28, 35, 50].map(day))
    for (const knownAt of [null, ...recorded, day(45)]) {
      expect({ asOf, knownAt, ...actual({ asOf, knownAt }) }).toEqual({ asOf, knownAt, ...expected({ asOf, knownAt }) });
      compared++;
    }
  expect(compared).toBe(11 * 5);
  // and the back-dated correction shows only once recorded
  const title = (knownAt: string | null) => rb.chart.chart('acme', { asOf: day(20), knownAt }).people.find((p) => p.id === people[2])?.title;
  expect([title(day(30)), title(null)]).toEqual(['Engineer', 'Staff PM']);
});
