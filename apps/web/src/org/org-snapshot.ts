// The whole org at (asOf, knownAt), read page by page over the public API, as the chart draws it.
import type { Client } from 'urql';
import { dataOf, readPages } from '../graphql/pages';
import { OrgPeoplePage, OrgRolesPage } from './org-queries';

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
}

export interface OrgAt {
  /** null: now, whenever the org is read (so changes recorded from now on show). */
  asOf: string | null;
  knownAt: string | null;
}

/** Every active person of the org at the instant, with their roles' names; `onPage` sees each page as it arrives. */
export const loadOrg = async (client: Client, at: OrgAt, signal: AbortSignal, onPage?: (loaded: number, total: number) => void): Promise<ChartPerson[]> => {
  const variables = { asOf: at.asOf, knownAt: at.knownAt };
  const options = { requestPolicy: 'network-only' } as const;
  const roles = await readPages(
    async (after) => {
      const { org } = dataOf(await client.query(OrgRolesPage, { ...variables, after }, options).toPromise());
      return { items: org.roles.edges.map((e) => e.node), pageInfo: org.roles.pageInfo };
    },
    { signal },
  );
  const roleNames = new Map(roles.items.map((r) => [r.id, r.name]));
  const people = await readPages(
    async (after) => {
      const { org } = dataOf(await client.query(OrgPeoplePage, { ...variables, after }, options).toPromise());
      return { items: org.people.edges.map((e) => e.node), pageInfo: org.people.pageInfo, totalCount: org.people.totalCount };
    },
    { signal, onPage: (loaded, total) => onPage?.(loaded.length, total ?? loaded.length) },
  );
  return people.items.map((node) => ({
    id: node.id,
    name: node.name,
    title: node.title ?? null,
    managerId: node.managerId ?? null,
    roles: node.assignments.map((a) => ({ roleId: a.roleId, allocationPercent: a.allocationPercent, name: roleNames.get(a.roleId) ?? 'Unknown role' })),
  }));
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
