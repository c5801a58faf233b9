import { describe, expect, it } from 'vitest';
import { tenuresOf } from './holders';

describe('who held a role when', () => {
  it('reads tenures from assignments made and ended, this role only, oldest first', () => {
    const events = [
      {
        type: 'RoleAssigned',
        effectiveAt: '2025-03-01T00:00:00Z',
        data: { assignmentId: 'a2', personId: 'sam', roleId: 'pm', allocationPercent: 50, effectiveFrom: '2025-03-01T00:00:00Z', effectiveTo: null },
      },
      {
        type: 'RoleAssigned',
        effectiveAt: '2025-01-06T00:00:00Z',
        data: { assignmentId: 'a1', personId: 'tom', roleId: 'pm', allocationPercent: 60, effectiveFrom: '2025-01-06T00:00:00Z', effectiveTo: null },
      },
      {
        type: 'RoleAssigned',
        effectiveAt: '2025-01-06T00:00:00Z',
        data: { assignmentId: 'a3', personId: 'tom', roleId: 'pmm', allocationPercent: 40, effectiveFrom: '2025-01-06T00:00:00Z', effectiveTo: null },
      },
      { type: 'RoleAssignmentEnded', effectiveAt: '2026-03-31T00:00:00Z', data: { assignmentId: 'a1', personId: 'tom', effectiveTo: '2026-03-31T00:00:00Z' } },
      { type: 'RoleAssignmentEnded', effectiveAt: '2026-03-31T00:00:00Z', data: { assignmentId: 'a3', personId: 'tom', effectiveTo: '2026-03-31T00:00:00Z' } },
    ];
    expect(tenuresOf('pm', events)).toEqual([
      { assignmentId: 'a1', personId: 'tom', allocationPercent: 60, from: '2025-01-06T00:00:00Z', to: '2026-03-31T00:00:00Z' },
      { assignmentId: 'a2', personId: 'sam', allocationPercent: 50, from: '2025-03-01T00:00:00Z', to: null },
    ]);
  });
});
