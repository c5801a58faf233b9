// Merge HRIS webhooks (https://docs.merge.dev/hris/webhooks/): `{hook: {event}, linked_account,
// data}` with the Employee common model in `data` as stored (https://docs.merge.dev/hris/employees/):
// `employments` is a list of Employment ids unless expanded, `manager` an Employee id (or the
// expanded Employee). Event names come as `Employee.added/changed/removed` and as lower-case
// `employee.created/updated/deleted`. A delivery whose employments are ids is completed through
// Merge's API (the employee with `expand=employments,manager`).
import { z } from 'zod';
import { instantOf, type EmployeeChange } from './employee-change';
import { anyObject, eventData, eventOf, id, type PayloadReader } from './payload-reader';

const EVENTS: Record<string, EmployeeChange['kind']> = {
  'employee.added': 'hire',
  'employee.created': 'hire',
  'employee.changed': 'update',
  'employee.updated': 'update',
  'employee.removed': 'termination',
  'employee.deleted': 'termination',
};

const employment = z.object({ job_title: z.string().nullish(), effective_date: z.string().nullish() });

/** Merge's Employee, its relations as ids or expanded. */
export const mergeEmployee = z.object({
  id,
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  display_full_name: z.string().nullish(),
  work_email: z.string().nullish(),
  manager: z.union([id, z.object({ id })]).nullish(),
  employments: z.array(z.union([z.string(), employment])).nullish(),
  employment_status: z.string().nullish(),
  start_date: z.string().nullish(),
  termination_date: z.string().nullish(),
});

export type MergeEmployee = z.output<typeof mergeEmployee>;

/** The employment in force last: the latest effective date (Merge does not promise an order). */
export const currentEmployment = (employee: MergeEmployee): z.output<typeof employment> | null => {
  const expanded = (employee.employments ?? []).filter((e) => typeof e !== 'string');
  return expanded.reduce<z.output<typeof employment> | null>((a, b) => (!a || (b.effective_date ?? '') > (a.effective_date ?? '') ? b : a), null);
};

export const mergeName = (e: MergeEmployee): string | undefined => e.display_full_name || [e.first_name, e.last_name].filter(Boolean).join(' ') || undefined;

export const mergeManagerId = (e: MergeEmployee): string | null => (e.manager == null ? null : typeof e.manager === 'string' ? e.manager : e.manager.id);

export const mergePayload: PayloadReader = {
  envelope: z.object({ hook: z.object({ event: z.string() }), data: anyObject }),
  read: (body) => {
    const event = eventData('merge', z.object({ hook: z.object({ event: z.string() }) }), body).hook.event;
    const kind = eventOf('merge', EVENTS, event.toLowerCase());
    const { data } = eventData('merge', z.object({ data: mergeEmployee }), body);
    const terminated = kind === 'termination' || data.employment_status === 'INACTIVE';
    if (!terminated && (data.employments ?? []).some((e) => typeof e === 'string'))
      return [{ kind, employeeId: data.id, effectiveAt: null, fields: {}, thin: true }];
    const current = currentEmployment(data);
    const name = mergeName(data);
    return [
      {
        kind: kind === 'hire' ? 'hire' : terminated ? 'termination' : 'update',
        employeeId: data.id,
        effectiveAt: instantOf(terminated ? data.termination_date : kind === 'hire' ? data.start_date : (current?.effective_date ?? null)),
        fields: { ...(name ? { name } : {}), email: data.work_email ?? null, title: current?.job_title ?? null, managerId: mergeManagerId(data) },
        thin: false,
      },
    ];
  },
};
