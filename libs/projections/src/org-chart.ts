// What an org chart draws, for the whole org at one instant: every active person with only their
// name, title, manager, roles in effect and teams, and the names of the roles and teams they
// name. Built from one snapshot read, so a chart of 10,000 people is one request, not a page per
// hundred people and a resolver per person.
import { inForceAt } from '@rolebook/domain';
import type { OrgSnapshotData } from './views';

export interface ChartAssignment {
  roleId: string;
  allocationPercent: number;
}

export interface ChartPerson {
  id: string;
  /** As `person.name` reads it: '[erased]' after an erasure. */
  name: string;
  title: string | null;
  managerId: string | null;
  roles: ChartAssignment[];
  teamIds: string[];
}

export interface ChartEntry {
  id: string;
  name: string;
}

export interface OrgChartData {
  people: ChartPerson[];
  /** The roles the people hold, once each. */
  roles: ChartEntry[];
  /** The teams the people are members of, once each. */
  teams: ChartEntry[];
}

export const orgChartOf = (snapshot: OrgSnapshotData): OrgChartData => {
  const teamsOf = new Map<string, string[]>();
  for (const team of snapshot.teams)
    for (const member of team.memberIds) {
      const list = teamsOf.get(member);
      if (list) list.push(team.id);
      else teamsOf.set(member, [team.id]);
    }
  const heldRoles = new Set<string>();
  const inTeams = new Set<string>();
  const people: ChartPerson[] = [];
  for (const person of snapshot.people) {
    if (person.status !== 'Active') continue;
    const roles = person.assignments.filter((a) => inForceAt(a, snapshot.at)).map((a) => ({ roleId: a.roleId, allocationPercent: a.allocationPercent }));
    for (const r of roles) heldRoles.add(r.roleId);
    const teamIds = teamsOf.get(person.id) ?? [];
    for (const t of teamIds) inTeams.add(t);
    people.push({ id: person.id, name: person.name, title: person.title, managerId: person.managerId, roles, teamIds });
  }
  return {
    people,
    roles: snapshot.roles.filter((r) => heldRoles.has(r.id)).map((r) => ({ id: r.id, name: r.name })),
    teams: snapshot.teams.filter((t) => inTeams.has(t.id)).map((t) => ({ id: t.id, name: t.name })),
  };
};
