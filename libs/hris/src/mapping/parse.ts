// Payload mapping per provider: raw JSON in, employee changes out; zod says what is malformed.
import { z } from 'zod';
import type { Provider } from '../providers';
import { instantOf, MalformedPayload, MappingNotBuilt, type EmployeeChange } from './employee-change';

const id = z.union([z.string().min(1), z.number().int()]).transform(String);
const text = z.string().trim().min(1).max(200);

// Standard Webhooks senders post Rolebook's own documented event shape.
const standard = z.object({
  type: z.enum(['employee.hired', 'employee.updated', 'employee.terminated']),
  data: z.object({
    employeeId: id,
    effectiveAt: z.string().nullish(),
    name: text.optional(),
    email: z.string().email().nullish(),
    title: text.nullish(),
    managerId: id.nullish(),
  }),
});

// BambooHR field-based (global) webhooks: employees[] with an action, the changed field names and
// the posted fields. Fields are posted under BambooHR's English field names unless the webhook
// gives them aliases; the API names are the usual aliases. Both are read.
const bambooFieldBased = z.object({
  employees: z
    .array(
      z.object({
        id,
        action: z.enum(['Created', 'Updated', 'Deleted']),
        changedFields: z.array(z.string()).default([]),
        fields: z.record(z.string(), z.unknown()).default({}),
      }),
    )
    .min(1),
});

// BambooHR event-based webhooks (the ones BambooHR recommends): the employee's id and the names
// of the fields that changed; the details come from its API.
const bambooEventBased = z.object({
  type: z.enum(['employee.created', 'employee.updated', 'employee.deleted']),
  timestamp: z.string().nullish(),
  data: z.object({ employeeId: id, changedFields: z.array(z.string()).default([]) }),
});

const BAMBOO_FIELD_NAMES = {
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

type BambooField = keyof typeof BAMBOO_FIELD_NAMES;

// HiBob: thin events naming the employee; details come from the People API.
const hibob = z.object({
  type: z.enum(['employee.created', 'employee.updated', 'employee.left', 'employee.deleted']),
  employee: z.object({ id }),
  triggeredAt: z.string().nullish(),
});

// Personio (API v2 webhooks): the envelope its documentation gives as a JSON schema. The events
// are dataless (ids only); completing them through Personio's API is not built.
const personio = z.object({
  company_id: z.string().min(1),
  event_name: z.string().min(1),
  occurred_at: z.iso.datetime({ offset: true }),
  payload: z.record(z.string(), z.unknown()),
  meta: z.record(z.string(), z.unknown()).optional(),
});

// Merge HRIS: the Employee common model in `data`, the event in `hook.event`.
const merge = z.object({
  hook: z.object({ event: z.enum(['Employee.added', 'Employee.changed', 'Employee.removed']) }),
  data: z.object({
    id,
    first_name: z.string().nullish(),
    last_name: z.string().nullish(),
    display_full_name: z.string().nullish(),
    work_email: z.string().nullish(),
    manager: id.nullish(),
    employments: z.array(z.object({ job_title: z.string().nullish(), effective_date: z.string().nullish() })).nullish(),
    employment_status: z.string().nullish(),
    start_date: z.string().nullish(),
    termination_date: z.string().nullish(),
  }),
});

const field = (fields: Record<string, unknown>, name: string): string | undefined => {
  const value = fields[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

const parsers: Record<Provider, (body: unknown) => EmployeeChange[]> = {
  standard: (body) => {
    const { type, data } = standard.parse(body);
    const kind = type === 'employee.hired' ? 'hire' : type === 'employee.terminated' ? 'termination' : 'update';
    const { employeeId, effectiveAt, ...fields } = data;
    return [
      {
        kind,
        employeeId,
        effectiveAt: instantOf(effectiveAt),
        fields: Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
        thin: false,
      },
    ];
  },
  bamboohr: (body) => {
    if (typeof body === 'object' && body !== null && 'type' in body) {
      const { type, timestamp, data } = bambooEventBased.parse(body);
      const kind = type === 'employee.created' ? 'hire' : type === 'employee.deleted' ? 'termination' : 'update';
      return [
        { kind, employeeId: data.employeeId, effectiveAt: kind === 'termination' ? instantOf(timestamp) : null, fields: {}, thin: kind !== 'termination' },
      ];
    }
    return bambooFieldBased.parse(body).employees.map((e): EmployeeChange => {
      const get = (name: BambooField) => BAMBOO_FIELD_NAMES[name].map((key) => field(e.fields, key)).find((v) => v !== undefined);
      const changed = (name: BambooField) => e.action === 'Created' || BAMBOO_FIELD_NAMES[name].some((key) => e.changedFields.includes(key));
      const name = [get('firstName'), get('lastName')].filter(Boolean).join(' ') || undefined;
      const status = get('status') ?? get('employmentStatus');
      const terminated = e.action === 'Deleted' || status === 'Inactive' || status === 'Terminated';
      const fields = {
        ...(name && (changed('firstName') || changed('lastName')) ? { name } : {}),
        ...(changed('workEmail') ? { email: get('workEmail') ?? null } : {}),
        ...(changed('jobTitle') ? { title: get('jobTitle') ?? null } : {}),
        ...(changed('supervisorEId') ? { managerId: get('supervisorEId') ?? null } : {}),
      };
      return {
        kind: e.action === 'Created' ? 'hire' : terminated ? 'termination' : 'update',
        employeeId: e.id,
        effectiveAt: instantOf(terminated ? (get('terminationDate') ?? null) : (get('jobInformationDate') ?? get('hireDate') ?? null)),
        fields,
        thin: false,
      };
    });
  },
  hibob: (body) => {
    const event = hibob.parse(body);
    const kind = event.type === 'employee.created' ? 'hire' : event.type === 'employee.updated' ? 'update' : 'termination';
    return [{ kind, employeeId: event.employee.id, effectiveAt: null, fields: {}, thin: kind !== 'termination' }];
  },
  personio: (body) => {
    personio.parse(body);
    throw new MappingNotBuilt('personio');
  },
  merge: (body) => {
    const { hook, data } = merge.parse(body);
    const title = data.employments?.[0]?.job_title ?? null;
    const name = data.display_full_name ?? ([data.first_name, data.last_name].filter(Boolean).join(' ') || undefined);
    const terminated = hook.event === 'Employee.removed' || data.employment_status === 'INACTIVE';
    return [
      {
        kind: hook.event === 'Employee.added' ? 'hire' : terminated ? 'termination' : 'update',
        employeeId: data.id,
        effectiveAt: instantOf(
          terminated ? data.termination_date : hook.event === 'Employee.added' ? data.start_date : (data.employments?.[0]?.effective_date ?? null),
        ),
        fields: { ...(name ? { name } : {}), email: data.work_email ?? null, title, managerId: data.manager ?? null },
        thin: false,
      },
    ];
  },
};

/** The employee changes a verified delivery carries; MalformedPayload when it is not what the provider sends. */
export const parsePayload = (provider: Provider, raw: Buffer): EmployeeChange[] => {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new MalformedPayload(provider, 'not JSON');
  }
  try {
    return parsers[provider](body);
  } catch (error) {
    if (error instanceof z.ZodError) throw new MalformedPayload(provider, error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    throw error;
  }
};
