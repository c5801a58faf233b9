// The difference between the org at two instants: people, roles, teams, role assignments and
// reporting lines added, removed and changed, with before and after values. Pure. diffOrg is the
// definition, over two whole snapshots; OrgQueries.diff answers the same from what changed only.
import { inForceAt, type Assignment } from '@rolebook/domain';
import type { OrgSnapshotData, PersonView, RoleView, TeamView } from './views';

export const DIFF_SECTIONS = ['people', 'roles', 'teams', 'assignments', 'reportingLines'] as const;
export type DiffSection = (typeof DIFF_SECTIONS)[number];
export type ChangeKind = 'added' | 'removed' | 'changed';

export interface OrgChange {
  section: DiffSection;
  kind: ChangeKind;
  id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  changedFields: string[];
}

/** The facts a diff reports of each section's entities. */
export const personFacts = (p: Pick<PersonView, 'name' | 'email' | 'title' | 'status'>) => ({ name: p.name, email: p.email, title: p.title, status: p.status });
export const roleFacts = (r: RoleView) => ({ name: r.name, purpose: r.purpose, responsibilities: r.responsibilities, status: r.status });
export const teamFacts = (t: TeamView) => ({ name: t.name, parentTeamId: t.parentTeamId, memberIds: [...t.memberIds].sort() });
export const assignmentFacts = (personId: string, a: Omit<Assignment, 'assignmentId'>) => ({
  personId,
  roleId: a.roleId,
  allocationPercent: a.allocationPercent,
  effectiveFrom: a.effectiveFrom,
  effectiveTo: a.effectiveTo,
});
/** A person's reporting line: none without a manager. */
export const reportingLineFacts = (personId: string, managerId: string | null) => (managerId === null ? null : { personId, managerId });

/** A section's facts by id, each with the entity it was read from: the same entity object at both instants has the same facts. */
type Facts = Map<string, { fact: Record<string, unknown>; from: object }>;

const facts = (snapshot: OrgSnapshotData): Record<DiffSection, Facts> => {
  const byId = <T extends object>(items: T[], id: (item: T) => string, view: (item: T) => Record<string, unknown>): Facts =>
    new Map(items.map((item) => [id(item), { fact: view(item), from: item }]));
  const activeAssignments = snapshot.people.flatMap((p) => p.assignments.filter((a) => inForceAt(a, snapshot.at)).map((a) => ({ personId: p.id, ...a })));
  return {
    people: byId(snapshot.people, (p) => p.id, personFacts),
    roles: byId(snapshot.roles, (r) => r.id, roleFacts),
    teams: byId(snapshot.teams, (t) => t.id, teamFacts),
    assignments: byId(
      activeAssignments,
      (a) => a.assignmentId,
      (a) => assignmentFacts(a.personId, a),
    ),
    reportingLines: byId(
      snapshot.people.filter((p) => p.managerId !== null),
      (p) => p.id,
      (p) => reportingLineFacts(p.id, p.managerId)!,
    ),
  };
};

/** Equality of fact values: primitives, and arrays or plain objects of them, compared in order. */
const same = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const [ka, kb] = [Object.keys(a), Object.keys(b)];
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
};

/** The change of one entity from its facts `before` to its facts `after` (null: absent), if any. */
export const changeOf = (section: DiffSection, id: string, before: Record<string, unknown> | null, after: Record<string, unknown> | null): OrgChange | null => {
  if (before === null && after === null) return null;
  if (before === null) return { section, kind: 'added', id, before: null, after, changedFields: Object.keys(after!) };
  if (after === null) return { section, kind: 'removed', id, before, after: null, changedFields: Object.keys(before) };
  const changedFields = Object.keys(after).filter((field) => !same(after[field], before[field]));
  return changedFields.length ? { section, kind: 'changed', id, before, after, changedFields } : null;
};

/** Changes from `before` to `after`, by section in DIFF_SECTIONS order, then by id. */
export const diffOrg = (before: OrgSnapshotData, after: OrgSnapshotData): OrgChange[] => {
  const [from, to] = [facts(before), facts(after)];
  return DIFF_SECTIONS.flatMap((section) => {
    const ids = [...new Set([...from[section].keys(), ...to[section].keys()])].sort();
    return ids.flatMap((id): OrgChange[] => {
      const [before, after] = [from[section].get(id), to[section].get(id)];
      if (before && after && before.from === after.from) return []; // one version in force at both instants (OrgQueries.snapshots)
      const change = changeOf(section, id, before?.fact ?? null, after?.fact ?? null);
      return change ? [change] : [];
    });
  });
};
