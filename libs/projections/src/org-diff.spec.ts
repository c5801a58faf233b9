import { diffOrg } from './org-diff';
import type { OrgSnapshotData, PersonView, RoleView } from './views';

const person = (id: string, over: Partial<PersonView> = {}): PersonView =>
  ({
    status: 'Active',
    id,
    name: `N${id}`,
    email: null,
    title: null,
    managerId: null,
    assignments: [],
    registeredAt: '2026-01-01T00:00:00.000Z',
    ...over,
  }) as PersonView;
const role = (id: string, name: string): RoleView => ({
  status: 'Active',
  id,
  name,
  purpose: 'p',
  responsibilities: [],
  referenceRoleKey: null,
  definedAt: '2026-01-01T00:00:00.000Z',
});
const snap = (at: string, people: PersonView[], roles: RoleView[] = []): OrgSnapshotData => ({ at, people, roles, teams: [] });
const FEB = '2026-02-01T00:00:00.000Z';
const MAR = '2026-03-01T00:00:00.000Z';

describe('diffOrg', () => {
  it('lists added, removed and changed entities with before and after', () => {
    const changes = diffOrg(snap(FEB, [person('a'), person('b', { title: 'PM' })]), snap(MAR, [person('b', { title: 'Senior PM' }), person('c')]));
    expect(changes).toEqual([
      {
        section: 'people',
        kind: 'removed',
        id: 'a',
        before: { name: 'Na', email: null, title: null, status: 'Active' },
        after: null,
        changedFields: ['name', 'email', 'title', 'status'],
      },
      {
        section: 'people',
        kind: 'changed',
        id: 'b',
        before: expect.objectContaining({ title: 'PM' }),
        after: expect.objectContaining({ title: 'Senior PM' }),
        changedFields: ['title'],
      },
      {
        section: 'people',
        kind: 'added',
        id: 'c',
        before: null,
        after: expect.objectContaining({ name: 'Nc' }),
        changedFields: ['name', 'email', 'title', 'status'],
      },
    ]);
  });

  it('sees reporting lines and assignments in force at each instant', () => {
    const assignment = { assignmentId: 'x', roleId: 'r', allocationPercent: 50, effectiveFrom: FEB, effectiveTo: null };
    const before = snap(FEB, [person('a', { managerId: 'm1', assignments: [assignment] }), person('m1'), person('m2')]);
    const after = snap(MAR, [person('a', { managerId: 'm2', assignments: [{ ...assignment, effectiveTo: MAR }] }), person('m1'), person('m2')]);
    const changes = diffOrg(before, after).filter((c) => c.section !== 'people');
    expect(changes).toEqual([
      {
        section: 'assignments',
        kind: 'removed',
        id: 'x',
        before: expect.objectContaining({ personId: 'a', roleId: 'r' }),
        after: null,
        changedFields: expect.any(Array),
      },
      {
        section: 'reportingLines',
        kind: 'changed',
        id: 'a',
        before: { personId: 'a', managerId: 'm1' },
        after: { personId: 'a', managerId: 'm2' },
        changedFields: ['managerId'],
      },
    ]);
  });

  it('finds nothing between identical instants', () => {
    const org = snap(FEB, [person('a')], [role('r', 'PM')]);
    expect(diffOrg(org, { ...org, at: MAR })).toEqual([]);
  });
});
