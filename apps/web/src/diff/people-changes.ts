// An org diff in people's terms: who joined, left, moved (a new manager), changed title or role.
// The API's diff is by section (people, reporting lines, assignments); a person who joined also has
// a new reporting line and new assignments, which say nothing more, so they are folded in.
import type { Highlight } from '../org/person-node';

export type ChangeKind = 'ADDED' | 'REMOVED' | 'CHANGED';
export type DiffSection = 'PEOPLE' | 'REPORTING_LINES' | 'ASSIGNMENTS' | 'ROLES' | 'TEAMS';

export interface OrgChange {
  section: DiffSection;
  kind: ChangeKind;
  id: string;
  before?: unknown;
  after?: unknown;
  changedFields: string[];
}

export type PersonChange =
  | { kind: 'joined'; personId: string; name: string | null; title: string | null }
  | { kind: 'left'; personId: string; name: string | null }
  | { kind: 'moved'; personId: string; from: string | null; to: string | null }
  | { kind: 'title'; personId: string; from: string | null; to: string | null }
  | { kind: 'role'; personId: string; roleId: string; change: 'took' | 'gave up' };

export const PERSON_CHANGE_KINDS = ['joined', 'left', 'moved', 'title', 'role'] as const;

const rec = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});
// the diff shows the read model's values: status is 'Active' / 'Terminated'
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export const peopleChanges = (changes: readonly OrgChange[]): PersonChange[] => {
  const joined = new Set<string>();
  const left = new Set<string>();
  const out: PersonChange[] = [];
  for (const c of changes) {
    if (c.section !== 'PEOPLE') continue;
    const before = rec(c.before);
    const after = rec(c.after);
    if (c.kind === 'ADDED') {
      joined.add(c.id);
      out.push({ kind: 'joined', personId: c.id, name: str(after['name']), title: str(after['title']) });
    } else if (c.kind === 'REMOVED' || (c.changedFields.includes('status') && str(after['status'])?.toUpperCase() === 'TERMINATED')) {
      left.add(c.id);
      out.push({ kind: 'left', personId: c.id, name: str(before['name']) });
    } else if (c.changedFields.includes('title')) {
      out.push({ kind: 'title', personId: c.id, from: str(before['title']), to: str(after['title']) });
    }
  }
  const settled = (personId: string) => joined.has(personId) || left.has(personId);
  for (const c of changes) {
    if (c.section === 'REPORTING_LINES' && !settled(c.id)) {
      out.push({ kind: 'moved', personId: c.id, from: str(rec(c.before)['managerId']), to: str(rec(c.after)['managerId']) });
    } else if (c.section === 'ASSIGNMENTS' && c.kind !== 'CHANGED') {
      const a = rec(c.kind === 'ADDED' ? c.after : c.before);
      const personId = str(a['personId']);
      const roleId = str(a['roleId']);
      if (personId && roleId && !settled(personId)) out.push({ kind: 'role', personId, roleId, change: c.kind === 'ADDED' ? 'took' : 'gave up' });
    }
  }
  return out;
};

/** How each changed person is marked on the chart of the later date (people who left are not on it). */
export const diffHighlights = (changes: readonly PersonChange[]): Map<string, Highlight> => {
  const marks = new Map<string, Highlight>();
  const rank: Record<Highlight, number> = { joined: 0, moved: 1, changed: 2, corrected: 3, match: 4 };
  for (const c of changes) {
    const mark: Highlight | null = c.kind === 'joined' ? 'joined' : c.kind === 'moved' ? 'moved' : c.kind === 'left' ? null : 'changed';
    const current = marks.get(c.personId);
    if (mark && (!current || rank[mark] < rank[current])) marks.set(c.personId, mark);
  }
  return marks;
};
