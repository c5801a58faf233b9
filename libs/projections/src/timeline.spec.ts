import { roleDecider, type RoleEvent, type Effective } from '@rolebook/domain';
import { timeline } from './timeline';

const roleId = '00000000-0000-4000-8000-000000000001';
const at = (effectiveAt: string, position: number, event: RoleEvent) => ({ position, event: { ...event, effectiveAt } as Effective<RoleEvent> });
const defined = at('2026-01-01T00:00:00.000Z', 1, {
  type: 'RoleDefined',
  data: { roleId, name: 'PM', purpose: 'p', responsibilities: [], referenceRoleKey: null },
});

describe('timeline', () => {
  it('orders by effective time, not by recording order', () => {
    const segments = timeline(roleDecider.evolve, roleDecider.initialState, [
      defined,
      at('2026-03-01T00:00:00.000Z', 2, { type: 'RoleRevised', data: { roleId, name: 'Senior PM' } }),
      at('2026-02-01T00:00:00.000Z', 3, { type: 'RoleRevised', data: { roleId, name: 'Lead PM' } }),
    ]);
    expect(segments.map((s) => [s.from, s.to, (s.state as { name: string }).name])).toEqual([
      ['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', 'PM'],
      ['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', 'Lead PM'],
      ['2026-03-01T00:00:00.000Z', null, 'Senior PM'],
    ]);
  });

  it('applies events of the same instant in recorded order as one segment', () => {
    const segments = timeline(roleDecider.evolve, roleDecider.initialState, [
      defined,
      at('2026-01-01T00:00:00.000Z', 5, { type: 'RoleRevised', data: { roleId, name: 'Second' } }),
      at('2026-01-01T00:00:00.000Z', 4, { type: 'RoleRevised', data: { roleId, name: 'First' } }),
    ]);
    expect(segments).toHaveLength(1);
    expect((segments[0]!.state as { name: string }).name).toBe('Second');
  });
});
