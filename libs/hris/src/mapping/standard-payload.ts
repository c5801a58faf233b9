// Standard Webhooks senders post Rolebook's own documented event shape (README, HRIS webhooks).
import { z } from 'zod';
import { instantOf, type EmployeeChange } from './employee-change';
import { anyObject, eventData, eventOf, id, text, type PayloadReader } from './payload-reader';

const KINDS = { 'employee.hired': 'hire', 'employee.updated': 'update', 'employee.terminated': 'termination' } as const;

const data = z.object({
  employeeId: id,
  effectiveAt: z.string().nullish(),
  name: text.optional(),
  email: z.string().email().nullish(),
  title: text.nullish(),
  managerId: id.nullish(),
});

export const standardPayload: PayloadReader = {
  envelope: z.object({ type: z.string(), data: anyObject }),
  read: (body) => {
    const event = z.object({ type: z.string(), data: anyObject }).parse(body);
    const kind = eventOf('standard', KINDS, event.type);
    const { employeeId, effectiveAt, ...fields } = eventData('standard', data, event.data);
    const change: EmployeeChange = {
      kind,
      employeeId,
      effectiveAt: instantOf(effectiveAt),
      fields: Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
      thin: false,
    };
    return [change];
  },
};
