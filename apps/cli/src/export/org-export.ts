// `rolebook export org`: every person of the org at an instant on both axes (in effect at --as-of,
// as recorded by --known-at), with title, manager, teams, and the roles they hold then with their
// allocations. JSON adds the roles and teams; CSV is one line a person, lists joined by "; ".
import { inForceAt } from '@rolebook/domain';
import type { At, OrgSnapshotData, PersonView } from '@rolebook/projections';
import type { CsvColumn } from '../output/csv';
import type { ExportDocument } from './export-format';

export interface OrgPersonRecord {
  id: string;
  name: string;
  email: string | null;
  title: string | null;
  status: PersonView['status'];
  manager: { id: string; name: string | null } | null;
  teams: { id: string; name: string }[];
  roles: { assignmentId: string; roleId: string; name: string | null; allocationPercent: number; effectiveFrom: string; effectiveTo: string | null }[];
}

const byNameThenId = (a: { name: string; id: string }, b: { name: string; id: string }) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** The people of the snapshot, by name, each with what the snapshot says of them at its instant. */
export const orgPeople = (org: OrgSnapshotData): OrgPersonRecord[] => {
  const people = new Map(org.people.map((p) => [p.id, p]));
  const roles = new Map(org.roles.map((r) => [r.id, r]));
  const teamsOf = new Map<string, { id: string; name: string }[]>();
  for (const team of [...org.teams].sort(byNameThenId))
    for (const member of team.memberIds) teamsOf.set(member, [...(teamsOf.get(member) ?? []), { id: team.id, name: team.name }]);
  return [...org.people].sort(byNameThenId).map((person) => ({
    id: person.id,
    name: person.name,
    email: person.email,
    title: person.title,
    status: person.status,
    manager: person.managerId === null ? null : { id: person.managerId, name: people.get(person.managerId)?.name ?? null },
    teams: teamsOf.get(person.id) ?? [],
    roles: person.assignments
      .filter((a) => inForceAt(a, org.at))
      .map((a) => ({
        assignmentId: a.assignmentId,
        roleId: a.roleId,
        name: roles.get(a.roleId)?.name ?? null,
        allocationPercent: a.allocationPercent,
        effectiveFrom: a.effectiveFrom,
        effectiveTo: a.effectiveTo,
      })),
  }));
};

const list = (values: readonly (string | number | null)[]): string => values.map((v) => v ?? '').join('; ');

export const ORG_COLUMNS: readonly CsvColumn<OrgPersonRecord>[] = [
  { header: 'person_id', value: (p) => p.id },
  { header: 'name', value: (p) => p.name },
  { header: 'email', value: (p) => p.email },
  { header: 'title', value: (p) => p.title },
  { header: 'status', value: (p) => p.status },
  { header: 'manager_id', value: (p) => p.manager?.id ?? null },
  { header: 'manager_name', value: (p) => p.manager?.name ?? null },
  { header: 'team_ids', value: (p) => list(p.teams.map((t) => t.id)) },
  { header: 'teams', value: (p) => list(p.teams.map((t) => t.name)) },
  { header: 'role_ids', value: (p) => list(p.roles.map((r) => r.roleId)) },
  { header: 'roles', value: (p) => list(p.roles.map((r) => r.name)) },
  { header: 'allocations_percent', value: (p) => list(p.roles.map((r) => r.allocationPercent)) },
];

export const orgExport = (tenant: string, at: At, org: OrgSnapshotData): ExportDocument<OrgPersonRecord> => ({
  about: {
    export: 'org',
    tenant,
    asOf: at.asOf,
    knownAt: at.knownAt,
    roles: [...org.roles].sort(byNameThenId).map(({ id, name, status, purpose, responsibilities, referenceRoleKey }) => ({
      id,
      name,
      status,
      purpose,
      responsibilities,
      referenceRoleKey,
    })),
    teams: [...org.teams].sort(byNameThenId).map(({ id, name, parentTeamId, memberIds }) => ({ id, name, parentTeamId, memberIds })),
  },
  recordsKey: 'people',
  records: orgPeople(org),
  columns: ORG_COLUMNS,
});
