import { orgChartOf, type OrgChartRows } from './org-chart';

const AT = '2026-03-01T00:00:00.000Z';
const person = (id: string, over: Partial<OrgChartRows['people'][number]> = {}): OrgChartRows['people'][number] => ({
  id,
  name: `N${id}`,
  title: null,
  managerId: null,
  assignments: [],
  ...over,
});
const assignment = (roleId: string, effectiveFrom: string, effectiveTo: string | null = null) => ({
  roleId,
  allocationPercent: 50,
  effectiveFrom,
  effectiveTo,
});

describe('orgChartOf', () => {
  it('keeps the roles in effect at the instant, gives each person their teams, and names only the roles and teams someone on the chart names', () => {
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
            assignment('ends-now', '2026-01-01T00:00:00.000Z', AT),
            assignment('starts-now', AT),
          ],
        }),
      ],
      // memberships of people not on the chart (not active) name teams nobody on it is in
      memberships: [
        { teamId: 't2', personId: 'b' },
        { teamId: 't1', personId: 'b' },
        { teamId: 'gone-team', personId: 'gone' },
      ],
      roles: [
        { id: 'pm', name: 'Product Manager' },
        { id: 'po', name: 'Product Owner' },
        { id: 'starts-now', name: 'Starts now' },
        { id: 'vacant', name: 'Vacant' },
      ],
      teams: [
        { id: 't1', name: 'One' },
        { id: 't2', name: 'Two' },
        { id: 'gone-team', name: 'Gone' },
      ],
    });
    expect(chart).toEqual({
      people: [
        { id: 'a', name: 'Na', title: 'CPO', managerId: null, roles: [], teamIds: [] },
        {
          id: 'b',
          name: 'Nb',
          title: null,
          managerId: 'a',
          roles: [
            { roleId: 'pm', allocationPercent: 50 },
            { roleId: 'starts-now', allocationPercent: 50 },
          ],
          teamIds: ['t2', 't1'],
        },
      ],
      roles: [
        { id: 'pm', name: 'Product Manager' },
        { id: 'starts-now', name: 'Starts now' },
      ],
      teams: [
        { id: 't1', name: 'One' },
        { id: 't2', name: 'Two' },
      ],
    });
  });

  it('is empty for an empty org', () => {
    expect(orgChartOf({ at: AT, people: [], memberships: [], roles: [{ id: 'pm', name: 'PM' }], teams: [] })).toEqual({ people: [], roles: [], teams: [] });
  });
});
