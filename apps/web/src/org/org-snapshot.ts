// The whole org at (asOf, knownAt), read in one request (orgChart) over the public API, as the chart draws it.
import type { Client } from 'urql';
import { dataOf } from '../graphql/pages';
import { OrgChartQuery } from './org-queries';

export interface ChartRole {
  roleId: string;
  name: string;
  allocationPercent: number;
}

export interface ChartPerson {
  id: string;
  name: string;
  title: string | null;
  managerId: string | null;
  roles: ChartRole[];
  /** The names of their teams at the instant. */
  teams: string[];
}

export interface OrgAt {
  /** null: now, whenever the org is read (so changes recorded from now on show). */
  asOf: string | null;
  knownAt: string | null;
}

/** What orgChart answers: people naming roles and teams by id, and their names once each. */
export interface OrgChartAnswer {
  people: {
    id: string;
    name: string;
    title?: string | null;
    managerId?: string | null;
    roles: { roleId: string; allocationPercent: number }[];
    teamIds: string[];
  }[];
  roles: { id: string; name: string }[];
  teams: { id: string; name: string }[];
}

/** The answer's people with their roles' and teams' names filled in. */
export const toChartPeople = (chart: OrgChartAnswer): ChartPerson[] => {
  const roleNames = new Map(chart.roles.map((r) => [r.id, r.name]));
  const teamNames = new Map(chart.teams.map((t) => [t.id, t.name]));
  return chart.people.map((p) => ({
    id: p.id,
    name: p.name,
    title: p.title ?? null,
    managerId: p.managerId ?? null,
    roles: p.roles.map((r) => ({ roleId: r.roleId, allocationPercent: r.allocationPercent, name: roleNames.get(r.roleId) ?? 'Unknown role' })),
    teams: p.teamIds.map((id) => teamNames.get(id) ?? 'Unknown team'),
  }));
};

/** Every active person of the org at the instant, with their roles' and teams' names. */
export const loadOrg = async (client: Client, at: OrgAt): Promise<ChartPerson[]> => {
  const { orgChart } = dataOf(await client.query(OrgChartQuery, { asOf: at.asOf, knownAt: at.knownAt }, { requestPolicy: 'network-only' }).toPromise());
  return toChartPeople(orgChart);
};

/** People whose record at the instant differs once later-recorded (back-dated) changes are counted: corrected after `knownAt`. */
export const correctedLater = (asKnown: ChartPerson[], asRecordedNow: ChartPerson[]): Set<string> => {
  const now = new Map(asRecordedNow.map((p) => [p.id, p]));
  const corrected = new Set<string>();
  const view = (p: ChartPerson) => JSON.stringify([p.name, p.title, p.managerId, p.roles.map((r) => [r.roleId, r.allocationPercent]).sort()]);
  for (const person of asKnown) {
    const later = now.get(person.id);
    if (!later || view(later) !== view(person)) corrected.add(person.id);
  }
  return corrected;
};
