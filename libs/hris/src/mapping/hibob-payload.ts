// HiBob webhooks (https://apidocs.hibob.com/reference/employee-data-webhooks): thin events naming
// the employee, whose details come from the People API. Two shapes:
// - v2, the only one HiBob lets customers create since April 2025: `{companyId, type, triggeredBy,
//   triggeredAt, version: "v2", data: {employeeId, fieldIds?, tableId?, effectiveDate?}}`;
// - v1 (legacy subscriptions still running): `{companyId, type, triggeredAt, employee: {id}}`.
// `triggeredAt` has no offset: it is UTC.
import { z } from 'zod';
import { instantOf, type EmployeeChange } from './employee-change';
import { anyObject, eventData, eventOf, id, unsupported, type PayloadReader } from './payload-reader';

type Reading = { kind: EmployeeChange['kind']; thin: boolean };

// a lifecycle event fires once the lifecycle entry is effective (employee.left: terminated or on
// garden leave); inactivated may be a leave, activated a return: the People API says which
const EVENTS: Record<string, Reading | 'table'> = {
  'employee.created': { kind: 'hire', thin: true },
  'employee.joined': { kind: 'hire', thin: true },
  'employee.updated': { kind: 'update', thin: true },
  'employee.activated': { kind: 'update', thin: true },
  'employee.inactivated': { kind: 'update', thin: true },
  'employee.left': { kind: 'termination', thin: false },
  'employee.deleted': { kind: 'termination', thin: false },
  'table.entry.created': 'table',
  'table.entry.updated': 'table',
};

/** Tables whose entries change what Rolebook holds: the work history (title, manager) and the lifecycle (status). */
const TABLES = ['work', 'lifecycle'];

/** Field ids of an update that matter to Rolebook; an update touching none of them changes nothing here. */
const RELEVANT_FIELD = /^(root\.(displayName|firstName|surname|email)|work\.(title|reportsTo|startDate)|internal\.)/;

const v2 = z.object({
  type: z.string(),
  triggeredAt: z.string().nullish(),
  data: z.object({ employeeId: id, fieldIds: z.array(z.string()).nullish(), tableId: z.string().nullish(), effectiveDate: z.string().nullish() }),
});
const v1 = z.object({ type: z.string(), triggeredAt: z.string().nullish(), employee: z.object({ id }) });

export const hiBobPayload: PayloadReader = {
  envelope: z.object({ type: z.string() }).and(z.union([z.object({ data: anyObject }), z.object({ employee: anyObject })])),
  read: (body) => {
    const type = eventData('hibob', z.object({ type: z.string() }), body).type;
    const reading = eventOf('hibob', EVENTS, type);
    const event =
      typeof body === 'object' && body !== null && 'data' in body
        ? (({ triggeredAt, data }) => ({ triggeredAt, ...data }))(eventData('hibob', v2, body))
        : (({ triggeredAt, employee }) => ({ triggeredAt, employeeId: employee.id, fieldIds: null, tableId: null, effectiveDate: null }))(
            eventData('hibob', v1, body),
          );
    if (reading === 'table') {
      if (!TABLES.includes(event.tableId ?? '')) return unsupported('hibob');
      return [
        { kind: 'update', employeeId: event.employeeId, effectiveAt: instantOf(event.effectiveDate) ?? instantOf(event.triggeredAt), fields: {}, thin: true },
      ];
    }
    if (type === 'employee.updated' && event.fieldIds && !event.fieldIds.some((f) => RELEVANT_FIELD.test(f))) return [];
    return [{ kind: reading.kind, employeeId: event.employeeId, effectiveAt: instantOf(event.triggeredAt), fields: {}, thin: reading.thin }];
  },
};
