import type { OrgSnapshotData } from '@rolebook/projections';
import { csvRows } from '../output/csv';
import { ORG_COLUMNS, orgPeople } from './org-export';

const AT = '2026-06-30T00:00:00.000Z';
const person = (id: string, name: string, managerId: string | null, assignments: OrgSnapshotData['people'][number]['assignments'] = []) => ({
  status: 'Active' as const,
  id,
  name,
  email: `${id}@example.com`,
  title: 'Product Manager',
  managerId,
  assignments,
  registeredAt: '2025-01-01T00:00:00.000Z',
});
const assignment = (roleId: string, allocationPercent: number, effectiveFrom: string, effectiveTo: string | null) => ({
  assignmentId: `${roleId}-${effectiveFrom}`,
  roleId,
  allocationPercent,
  effectiveFrom,
  effectiveTo,
});
const role = (id: string, name: string) => ({
  status: 'Active' as const,
  id,
  name,
  purpose: 'p',
  responsibilities: [],
  referenceRoleKey: null,
  definedAt: '2025-01-01T00:00:00.000Z',
});

const org: OrgSnapshotData = {
  at: AT,
  roles: [role('r-pm', 'Product Manager'), role('r-po', 'Product Owner')],
  people: [
    person('p-2', 'Zoë', 'p-1', [
      assignment('r-pm', 60, '2025-01-01T00:00:00.000Z', null),
      assignment('r-po', 40, '2025-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
      assignment('r-po', 40, '2026-07-01T00:00:00.000Z', null),
    ]),
    person('p-1', 'Ada', null),
    person('p-3', 'Bo, "the second"', 'p-gone'),
  ],
  teams: [
    { status: 'Active', id: 't-2', name: 'Platform', parentTeamId: null, memberIds: ['p-2', 'p-3'], createdAt: '2025-01-01T00:00:00.000Z' },
    { status: 'Active', id: 't-1', name: 'Growth', parentTeamId: null, memberIds: ['p-2'], createdAt: '2025-01-01T00:00:00.000Z' },
  ],
};

describe('org export', () => {
  const people = orgPeople(org);

  it('lists the people by name, each with manager, teams and the roles held at the instant', () => {
    expect(people.map((p) => p.name)).toEqual(['Ada', 'Bo, "the second"', 'Zoë']);
    const zoe = people[2]!;
    expect(zoe.manager).toEqual({ id: 'p-1', name: 'Ada' });
    expect(zoe.teams).toEqual([
      { id: 't-1', name: 'Growth' },
      { id: 't-2', name: 'Platform' },
    ]);
    // the ended assignment and the one that starts later are not held at the instant
    expect(zoe.roles.map((r) => [r.name, r.allocationPercent])).toEqual([['Product Manager', 60]]);
  });

  it('keeps a manager who is not in the org at the instant by id, without a name', () => {
    expect(people[1]!.manager).toEqual({ id: 'p-gone', name: null });
    expect(people[0]!.manager).toBeNull();
  });

  it('writes one CSV line a person, lists joined by "; "', () => {
    const [header, ada, bo, zoe] = [...csvRows(ORG_COLUMNS, people)];
    expect(header).toBe('person_id,name,email,title,status,manager_id,manager_name,team_ids,teams,role_ids,roles,allocations_percent\r\n');
    expect(ada).toBe('p-1,Ada,p-1@example.com,Product Manager,Active,,,,,,,\r\n');
    expect(bo).toBe('p-3,"Bo, ""the second""",p-3@example.com,Product Manager,Active,p-gone,,t-2,Platform,,,\r\n');
    expect(zoe).toBe('p-2,Zoë,p-2@example.com,Product Manager,Active,p-1,Ada,t-1; t-2,Growth; Platform,r-pm,Product Manager,60\r\n');
  });
});
