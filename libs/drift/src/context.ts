// The org at one instant, indexed for the rules: who holds which roles, which reference role
// each org role corresponds to, reporting lines and teams.
import { inForceAt } from '@rolebook/domain';
import type { OrgSnapshotData, PersonView, RoleView, TeamView } from '@rolebook/projections';
import { referenceRoleOf, type ReferenceModel, type ReferenceRole } from '@rolebook/reference-model';

export interface Holding {
  role: RoleView;
  reference: ReferenceRole | null;
}

export interface DriftContext {
  at: string;
  model: ReferenceModel;
  roles: RoleView[];
  people: PersonView[];
  teams: TeamView[];
  referenceOf(role: RoleView): ReferenceRole | null;
  holdings(person: PersonView): Holding[];
  holders(role: RoleView): PersonView[];
  reports(person: PersonView): PersonView[];
  person(id: string): PersonView | undefined;
  isProductPerson: (person: PersonView) => boolean;
  /** Highest rung of the product ladder the person's roles reach, or null. */
  ladder(person: PersonView): number | null;
}

export const driftContext = (org: OrgSnapshotData, model: ReferenceModel): DriftContext => {
  const activeRoles = org.roles.filter((r) => r.status === 'Active');
  const people = org.people.filter((p) => p.status === 'Active');
  const roleById = new Map(org.roles.map((r) => [r.id, r]));
  const references = new Map(org.roles.map((r) => [r.id, referenceRoleOf(model, r)]));
  const personById = new Map(people.map((p) => [p.id, p]));
  const holdings = new Map(
    people.map((p) => [
      p.id,
      p.assignments
        .filter((a) => inForceAt(a, org.at))
        .flatMap((a) => {
          const role = roleById.get(a.roleId);
          return role ? [{ role, reference: references.get(role.id) ?? null }] : [];
        }),
    ]),
  );
  // grouped in one pass (a manager of hundreds must not copy the list per report)
  const group = (into: Map<string, PersonView[]>, key: string, p: PersonView) => {
    const list = into.get(key);
    if (list) list.push(p);
    else into.set(key, [p]);
  };
  const holders = new Map<string, PersonView[]>();
  for (const p of people) for (const h of holdings.get(p.id)!) group(holders, h.role.id, p);
  const reports = new Map<string, PersonView[]>();
  for (const p of people) if (p.managerId) group(reports, p.managerId, p);
  const ctx: DriftContext = {
    at: org.at,
    model,
    roles: activeRoles,
    people,
    teams: org.teams,
    referenceOf: (role) => references.get(role.id) ?? null,
    holdings: (person) => holdings.get(person.id) ?? [],
    holders: (role) => holders.get(role.id) ?? [],
    reports: (person) => reports.get(person.id) ?? [],
    person: (id) => personById.get(id),
    isProductPerson: (person) => ctx.holdings(person).some((h) => h.reference?.family === 'product'),
    ladder: (person) => {
      const levels = ctx.holdings(person).flatMap((h) => (h.reference?.ladder ? [h.reference.ladder] : []));
      return levels.length ? Math.max(...levels) : null;
    },
  };
  return ctx;
};
