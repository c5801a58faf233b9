// BambooHR, both data structures its webhooks can post (https://documentation.bamboohr.com/docs/webhooks):
// - event-based (the recommended one; docs/event-based-webhooks): `employee.created/updated/deleted`
//   naming the employee only (`data.employeeId`, `data.changedFields`); the details come from its API;
// - field-based, the "global" webhooks (docs/field-based-webhooks): `employees[]` with an `action`,
//   the names of the changed fields and the posted fields, keyed by BambooHR's English field names
//   (`Job Title`) or by the aliases the webhook gives them (the API names, `jobTitle`, are read).
// Timestamps come as ISO 8601 or as Unix seconds.
import { z } from 'zod';
import { instantOf, type EmployeeChange } from './employee-change';
import { anyObject, eventData, eventOf, id, type PayloadReader } from './payload-reader';

const timestamp = z.union([z.string(), z.number()]).nullish();

const EVENTS = { 'employee.created': 'hire', 'employee.updated': 'update', 'employee.deleted': 'termination' } as const;

const eventBased = z.object({
  type: z.string(),
  timestamp,
  data: z.object({ employeeId: id, changedFields: z.array(z.string()).nullish() }),
});

const fieldBased = z.object({
  employees: z
    .array(
      z.object({
        id,
        action: z.enum(['Created', 'Updated', 'Deleted']),
        timestamp,
        changedFields: z.array(z.string()).nullish(),
        fields: z.record(z.string(), z.unknown()).nullish(),
      }),
    )
    .min(1),
});

const FIELD_NAMES = {
  firstName: ['firstName', 'First Name'],
  lastName: ['lastName', 'Last Name'],
  workEmail: ['workEmail', 'Work Email'],
  jobTitle: ['jobTitle', 'Job Title'],
  // the supervisor's employee id; BambooHR's "Reporting to" posts a name, which cannot be matched
  supervisorEId: ['supervisorEId'],
  status: ['status', 'Status'],
  employmentStatus: ['employmentStatus', 'Employment Status'],
  hireDate: ['hireDate', 'Hire Date'],
  jobInformationDate: ['jobInformationDate', 'Job Information: Date'],
  terminationDate: ['terminationDate', 'Termination Date'],
} as const;

type Field = keyof typeof FIELD_NAMES;

const value = (fields: Record<string, unknown>, name: string): string | undefined => {
  const v = fields[name];
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
};

const fromFields = (e: z.output<typeof fieldBased>['employees'][number]): EmployeeChange => {
  const fields = e.fields ?? {};
  const changedFields = e.changedFields ?? [];
  const get = (name: Field) => FIELD_NAMES[name].map((key) => value(fields, key)).find((v) => v !== undefined);
  const changed = (name: Field) => e.action === 'Created' || FIELD_NAMES[name].some((key) => changedFields.includes(key));
  const name = [get('firstName'), get('lastName')].filter(Boolean).join(' ') || undefined;
  const status = get('status') ?? get('employmentStatus');
  const terminated = e.action === 'Deleted' || status === 'Inactive' || status === 'Terminated';
  return {
    kind: e.action === 'Created' ? 'hire' : terminated ? 'termination' : 'update',
    employeeId: e.id,
    effectiveAt:
      instantOf(terminated ? get('terminationDate') : (get('jobInformationDate') ?? (e.action === 'Created' ? get('hireDate') : undefined))) ??
      instantOf(e.timestamp),
    fields: {
      ...(name && (changed('firstName') || changed('lastName')) ? { name } : {}),
      ...(changed('workEmail') ? { email: get('workEmail') ?? null } : {}),
      ...(changed('jobTitle') ? { title: get('jobTitle') ?? null } : {}),
      ...(changed('supervisorEId') ? { managerId: get('supervisorEId') ?? null } : {}),
    },
    thin: false,
  };
};

export const bambooHrPayload: PayloadReader = {
  envelope: z.union([z.object({ type: z.string(), data: anyObject }), z.object({ employees: z.array(z.unknown()) })]),
  read: (body) => {
    if (typeof body === 'object' && body !== null && 'employees' in body) return eventData('bamboohr', fieldBased, body).employees.map(fromFields);
    const event = eventData('bamboohr', z.object({ type: z.string() }), body);
    const kind = eventOf('bamboohr', EVENTS, event.type);
    const { timestamp: at, data } = eventData('bamboohr', eventBased, body);
    // a deletion needs no details; a creation or an update is completed through the API
    return [{ kind, employeeId: data.employeeId, effectiveAt: kind === 'termination' ? instantOf(at) : null, fields: {}, thin: kind !== 'termination' }];
  },
};
