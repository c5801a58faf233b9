import { orgChartOf } from './org-chart';
import type { PersonView, RoleView, TeamView } from './views';

const AT = '2026-03-01T00:00:00.000Z';
const person = (id: string, over: Partial<PersonView> = {}): PersonView =>
  ({
    status: 'Active',
    id,
    name: `N${id}`,
    email: `${id}@example.com`,
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
const team = (id: string, memberIds: string[]): TeamView => ({ status: 'Active', id, name: `T${id}`, parentTeamId: null, memberIds, createdAt: AT });
const assignment = (roleId: string, effectiveFrom: string, effectiveTo: string | null = null) => ({
  assignmentId: `${roleId}-${effectiveFrom}`,
  roleId,
  allocationPercent: 50,
  effectiveFrom,
  effectiveTo,
});

describe('orgChartOf', () => {
  it('keeps active people with their manager, the roles in effect at the instant and their teams; no email', () => {
    const chart = orgChartOf({
      at: AT,
      people: [
        person('a', { title: 'CPO' }),
        person('b', {
          managerId: 'a',
          assignments: [
            assignment('pm', '2026-01-01T00:00:00.000Z'),
            assignment('po', '2025-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'),
            assignment('gpm', '2026-04-01T00:00:00.000Z'),
          ],
        }),
        person('gone', { status: 'Terminated', terminatedAt: '2026-02-01T00:00:00.000Z' }),
      ],
      roles: [role('pm', 'Product Manager'), role('po', 'Product Owner'), role('gpm', 'Group PM'), role('vacant', 'Vacant')],
      teams: [team('t1', ['b', 'gone']), team('t2', ['b']), team('empty', ['gone'])],
    });
    expect(chart).toEqual({
      people: [
        { id: 'a', name: 'Na', title: 'CPO', managerId: null, roles: [], teamIds: [] },
        { id: 'b', name: 'Nb', title: null, managerId: 'a', roles: [{ roleId: 'pm', allocationPercent: 50 }], teamIds: ['t1', 't2'] },
      ],
      roles: [{ id: 'pm', name: 'Product Manager' }],
      teams: [
        { id: 't1', name: 'Tt1' },
        { id: 't2', name: 'Tt2' },
      ],
    });
  });

  it('is empty for an empty org', () => {
    expect(orgChartOf({ at: AT, people: [], roles: [role('pm', 'PM')], teams: [] })).toEqual({ people: [], roles: [], teams: [] });
  });
});
