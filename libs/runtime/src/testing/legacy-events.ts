// Events as the code wrote them before sealing existed: personal fields in plain text, for the
// tests of the migrations that seal such logs.
import type { NewEvent } from '@rolebook/event-store';

/** A writer of plain-text v1 events of `tenantId`, each with the next fixed id. */
export const legacyEvents = (tenantId: string) => {
  let n = 0;
  return (type: string, data: Record<string, unknown>, reason: string | null = null): NewEvent => ({
    id: `00000000-0000-4000-9000-${String((n += 1)).padStart(12, '0')}`,
    type: `${type}.v1`,
    data,
    metadata: {
      tenantId,
      actor: 'hr-1',
      reason,
      correlationId: 'c',
      causationId: null,
      source: 'api',
      effectiveAt: '2025-01-01T00:00:00.000Z',
      idempotencyKey: null,
      requestHash: null,
    },
  });
};
