// What an org chart draws, for the whole org at one instant: every active person with only their
// name, title, manager, roles in effect and teams, and the names of the roles and teams they
// name. One read of the read model per kind, taking from each person's state only those fields
// (no whole-state JSON.parse, no email), so a chart of 10,000 people is one request, not a page
// per hundred people and a resolver per person.
import { inForceAt, type Assignment } from '@rolebook/domain';
import type { At, OrgQueries } from './org-queries';
import type { ReadModelDb } from './read-model-db';

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
  /** By name, then id. */
  people: ChartPerson[];
  /** The roles the people hold, once each. */
  roles: ChartEntry[];
  /** The teams the people are members of, once each. */
  teams: ChartEntry[];
}

/** What the read model holds for the chart at an instant: active people, memberships, roles and teams in force. */
export interface OrgChartRows {
  at: string;
  people: {
    id: string;
    name: string;
    title: string | null;
    managerId: string | null;
    assignments: Pick<Assignment, 'roleId' | 'allocationPercent' | 'effectiveFrom' | 'effectiveTo'>[];
  }[];
  memberships: { teamId: string; personId: string }[];
  roles: ChartEntry[];
  teams: ChartEntry[];
}

/** The chart from the rows: assignments in effect at the instant, each person's teams, and only the roles and teams someone on it names. */
export const orgChartOf = (rows: OrgChartRows): OrgChartData => {
  const teamsOf = new Map<string, string[]>();
  for (const { teamId, personId } of rows.memberships) {
    const list = teamsOf.get(personId);
    if (list) list.push(teamId);
    else teamsOf.set(personId, [teamId]);
  }
  const heldRoles = new Set<string>();
  const inTeams = new Set<string>();
  const people = rows.people.map((person): ChartPerson => {
    const roles = person.assignments.filter((a) => inForceAt(a, rows.at)).map((a) => ({ roleId: a.roleId, allocationPercent: a.allocationPercent }));
    for (const r of roles) heldRoles.add(r.roleId);
    const teamIds = teamsOf.get(person.id) ?? [];
    for (const t of teamIds) inTeams.add(t);
    return { id: person.id, name: person.name, title: person.title, managerId: person.managerId, roles, teamIds };
  });
  return { people, roles: rows.roles.filter((r) => heldRoles.has(r.id)), teams: rows.teams.filter((t) => inTeams.has(t.id)) };
};

interface PersonRow {
  id: string;
  name: string;
  title: string | null;
  managerId: string | null;
  assignments: string;
}

export class OrgChartQueries {
  /** `queries` holds the rule of what is in force at an instant, which the chart's reads share. */
  constructor(
    private readonly db: ReadModelDb,
    private readonly queries: OrgQueries,
  ) {}

  private inForce(t: string, at: At): { sql: string; params: Record<string, unknown> } {
    return this.queries.inForce(t, at);
  }

  private named(tenantId: string, kind: 'role' | 'team', at: At): ChartEntry[] {
    const force = this.inForce('v', at);
    return this.db
      .prepare(
        `SELECT v.entity_id AS id, json_extract(v.state, '$.name') AS name FROM versions v WHERE v.tenant_id = @tenantId AND v.kind = @kind AND ${force.sql}`,
      )
      .all({ ...force.params, tenantId, kind }) as ChartEntry[];
  }

  chart(tenantId: string, at: At): OrgChartData {
    const force = this.inForce('v', at);
    const people = (
      this.db
        .prepare(
          `SELECT v.entity_id AS id, json_extract(v.state, '$.name') AS name, json_extract(v.state, '$.title') AS title, v.manager_id AS managerId,
             json_extract(v.state, '$.assignments') AS assignments
           FROM versions v WHERE v.tenant_id = @tenantId AND v.kind = 'person' AND v.status = 'Active' AND ${force.sql}
           ORDER BY v.sort_key, v.entity_id`,
        )
        .all({ ...force.params, tenantId }) as PersonRow[]
    ).map((row) => ({ ...row, assignments: JSON.parse(row.assignments) as OrgChartRows['people'][number]['assignments'] }));
    const members = this.inForce('m', at);
    const memberships = this.db
      .prepare(
        `SELECT m.team_id AS teamId, m.person_id AS personId FROM memberships m WHERE m.tenant_id = @tenantId AND ${members.sql} ORDER BY m.valid_from, m.added_position`,
      )
      .all({ ...members.params, tenantId }) as OrgChartRows['memberships'];
    return orgChartOf({ at: at.asOf, people, memberships, roles: this.named(tenantId, 'role', at), teams: this.named(tenantId, 'team', at) });
  }
}
