import { describe, expect, it } from 'vitest';
import { correctedLater, type ChartPerson } from './org-snapshot';

const person = (id: string, extra: Partial<ChartPerson> = {}): ChartPerson => ({ id, name: id, title: 'PM', managerId: null, roles: [], ...extra });

describe('people corrected after "known at"', () => {
  it('are those whose record at the instant differs once later-recorded changes count, whatever the order of their roles', () => {
    const pm = { roleId: 'pm', name: 'PM', allocationPercent: 60 };
    const po = { roleId: 'po', name: 'PO', allocationPercent: 40 };
    const asKnown = [person('same', { roles: [pm, po] }), person('moved', { managerId: 'a' }), person('retitled'), person('gone')];
    const asRecordedNow = [person('same', { roles: [po, pm] }), person('moved', { managerId: 'b' }), person('retitled', { title: 'Senior PM' }), person('new')];
    expect([...correctedLater(asKnown, asRecordedNow)].sort()).toEqual(['gone', 'moved', 'retitled']);
  });
});
