// The difference between the org at two instants: people, roles, teams, role assignments and
// reporting lines added, removed and changed, with before and after values. Pure.
import { inForceAt } from '@rolebook/domain';
import type { OrgSnapshotData } from './views';

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

/** A section's facts by id, each with the entity it was read from: the same entity object at both instants has the same facts. */
type Facts = Map<string, { fact: Record<string, unknown>; from: object }>;

const facts = (snapshot: OrgSnapshotData): Record<DiffSection, Facts> => {
  const byId = <T extends object>(items: T[], id: (item: T) => string, view: (item: T) => Record<string, unknown>): Facts =>
    new Map(items.map((item) => [id(item), { fact: view(item), from: item }]));
  const activeAssignments = snapshot.people.flatMap((p) => p.assignments.filter((a) => inForceAt(a, snapshot.at)).map((a) => ({ personId: p.id, ...a })));
  return {
    people: byId(
      snapshot.people,
      (p) => p.id,
      (p) => ({ name: p.name, email: p.email, title: p.title, status: p.status }),
    ),
    roles: byId(
      snapshot.roles,
      (r) => r.id,
      (r) => ({ name: r.name, purpose: r.purpose, responsibilities: r.responsibilities, status: r.status }),
    ),
    teams: byId(
      snapshot.teams,
      (t) => t.id,
      (t) => ({ name: t.name, parentTeamId: t.parentTeamId, memberIds: [...t.memberIds].sort() }),
    ),
    assignments: byId(
      activeAssignments,
      (a) => a.assignmentId,
      (a) => ({ personId: a.personId, roleId: a.roleId, allocationPercent: a.allocationPercent, effectiveFrom: a.effectiveFrom, effectiveTo: a.effectiveTo }),
    ),
    reportingLines: byId(
      snapshot.people.filter((p) => p.managerId !== null),
      (p) => p.id,
      (p) => ({ personId: p.id, managerId: p.managerId }),
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

/** Changes from `before` to `after`, by section in DIFF_SECTIONS order, then by id. */
export const diffOrg = (before: OrgSnapshotData, after: OrgSnapshotData): OrgChange[] => {
  const [from, to] = [facts(before), facts(after)];
  return DIFF_SECTIONS.flatMap((section) => {
    const ids = [...new Set([...from[section].keys(), ...to[section].keys()])].sort();
    return ids.flatMap((id): OrgChange[] => {
      const [before, after] = [from[section].get(id), to[section].get(id)];
      if (before && after && before.from === after.from) return []; // one version in force at both instants (OrgQueries.snapshots)
      const [b, a] = [before?.fact ?? null, after?.fact ?? null];
      if (b === null) return [{ section, kind: 'added', id, before: null, after: a, changedFields: Object.keys(a!) }];
      if (a === null) return [{ section, kind: 'removed', id, before: b, after: null, changedFields: Object.keys(b) }];
      const changedFields = Object.keys(a).filter((field) => !same(a[field], b[field]));
      return changedFields.length ? [{ section, kind: 'changed', id, before: b, after: a, changedFields }] : [];
    });
  });
};
