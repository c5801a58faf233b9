import { describe, expect, it } from 'vitest';
import { correctedLater, toChartPeople, type ChartPerson } from './org-snapshot';

const person = (id: string, extra: Partial<ChartPerson> = {}): ChartPerson => ({ id, name: id, title: 'PM', managerId: null, roles: [], teams: [], ...extra });

describe('people corrected after "known at"', () => {
  it('are those whose record at the instant differs once later-recorded changes count, whatever the order of their roles', () => {
    const pm = { roleId: 'pm', name: 'PM', allocationPercent: 60 };
    const po = { roleId: 'po', name: 'PO', allocationPercent: 40 };
    const asKnown = [person('same', { roles: [pm, po] }), person('moved', { managerId: 'a' }), person('retitled'), person('gone')];
    const asRecordedNow = [person('same', { roles: [po, pm] }), person('moved', { managerId: 'b' }), person('retitled', { title: 'Senior PM' }), person('new')];
    expect([...correctedLater(asKnown, asRecordedNow)].sort()).toEqual(['gone', 'moved', 'retitled']);
  });
});

describe('the chart answer', () => {
  it('names each role and team once listed, and says so when one is missing', () => {
    const people = toChartPeople({
      people: [
        {
          id: 'a',
          name: 'Ada',
          title: null,
          managerId: null,
          roles: [
            { roleId: 'pm', allocationPercent: 60 },
            { roleId: 'x', allocationPercent: 40 },
          ],
          teamIds: ['t', 'y'],
        },
        { id: 'b', name: 'Bo', managerId: 'a', roles: [], teamIds: [] },
      ],
      roles: [{ id: 'pm', name: 'Product Manager' }],
      teams: [{ id: 't', name: 'Checkout' }],
    });
    expect(people).toEqual([
      {
        id: 'a',
        name: 'Ada',
        title: null,
        managerId: null,
        roles: [
          { roleId: 'pm', name: 'Product Manager', allocationPercent: 60 },
          { roleId: 'x', name: 'Unknown role', allocationPercent: 40 },
        ],
        teams: ['Checkout', 'Unknown team'],
      },
      { id: 'b', name: 'Bo', title: null, managerId: 'a', roles: [], teams: [] },
    ]);
  });
});
