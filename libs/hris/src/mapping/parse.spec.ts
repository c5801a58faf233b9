// Every shape each vendor documents for the events Rolebook subscribes to, copied in shape from
// the page each test names, and the rule that decides 400 against "recorded and parked": only a
// body that is not JSON or not in the provider's envelope is malformed.
import type { Provider } from '../providers';
import { instantOf, MalformedPayload, UnmappableDelivery, type EmployeeChange } from './employee-change';
import { checkEnvelope, parsePayload } from './parse';

const parse = (provider: Provider, body: unknown): EmployeeChange[] => parsePayload(provider, Buffer.from(JSON.stringify(body)));
const parkedAs = (provider: Provider, body: unknown): string => {
  try {
    parse(provider, body);
  } catch (error) {
    if (error instanceof UnmappableDelivery) return error.reason;
    throw error;
  }
  throw new Error('not parked');
};

describe('HiBob', () => {
  // https://apidocs.hibob.com/reference/api-calls-for-webhook-events (employee.created event payload)
  const created = {
    companyId: 637323,
    type: 'employee.created',
    triggeredBy: '3332883804594373380',
    triggeredAt: '2025-12-26T11:29:14.399997',
    version: 'v2',
    data: { employeeId: '3332883894235038486' },
  };

  it('reads a v2 creation as a thin hire, its offset-less triggeredAt as UTC', () =>
    expect(parse('hibob', created)).toEqual([
      { kind: 'hire', employeeId: '3332883894235038486', effectiveAt: '2025-12-26T11:29:14.399Z', fields: {}, thin: true },
    ]));

  it('reads a v2 update naming fields Rolebook holds, and skips one that names none of them', () => {
    // same page: "If it's an update, the payload includes the updated field IDs"
    const updated = { ...created, type: 'employee.updated', data: { employeeId: '3332883894235038486', fieldIds: ['work.title', 'root.email'] } };
    expect(parse('hibob', updated)).toMatchObject([{ kind: 'update', employeeId: '3332883894235038486', thin: true }]);
    expect(parse('hibob', { ...updated, data: { ...updated.data, fieldIds: ['payroll.salary.payment'] } })).toEqual([]);
  });

  it('reads lifecycle events: joined is a hire, left a termination when it fires, inactivated and activated ask the API', () => {
    // https://apidocs.hibob.com/reference/employee-data-webhooks (lifecycle webhook events)
    const of = (type: string) => parse('hibob', { ...created, type })[0]!;
    expect(of('employee.joined')).toMatchObject({ kind: 'hire', thin: true });
    expect(of('employee.left')).toMatchObject({ kind: 'termination', thin: false, effectiveAt: '2025-12-26T11:29:14.399Z' });
    expect(of('employee.inactivated')).toMatchObject({ kind: 'update', thin: true });
    expect(of('employee.activated')).toMatchObject({ kind: 'update', thin: true });
  });

  it('reads work and lifecycle table entries as updates effective on their date, and parks other tables', () => {
    // https://apidocs.hibob.com/changelog/employee-data-webhooks-tableentrycreated-tableentryupdated-payload
    const entry = {
      companyId: 636192,
      type: 'table.entry.created',
      triggeredBy: '3332883804594373380',
      triggeredAt: '2025-01-08T13:06:26.915906',
      version: 'v2',
      data: { employeeId: '3332883854254932743', tableId: 'lifecycle', effectiveDate: '2025-01-08' },
    };
    expect(parse('hibob', entry)).toEqual([
      { kind: 'update', employeeId: '3332883854254932743', effectiveAt: '2025-01-08T00:00:00.000Z', fields: {}, thin: true },
    ]);
    expect(parse('hibob', { ...entry, type: 'table.entry.updated', data: { ...entry.data, tableId: 'work' } })).toMatchObject([{ kind: 'update' }]);
    expect(parkedAs('hibob', { ...entry, data: { employeeId: '1', tableId: 'bankAccounts', id: 42 } })).toBe('UNSUPPORTED_EVENT');
  });

  it('still reads the v1 shape of older subscriptions', () =>
    // https://apidocs.hibob.com/reference/employee-changes-events (Employee events, v1 Legacy)
    expect(parse('hibob', { companyId: 42, type: 'employee.updated', triggeredAt: '2024-03-01T10:00:00', employee: { id: 'bob-7' } })).toEqual([
      { kind: 'update', employeeId: 'bob-7', effectiveAt: '2024-03-01T10:00:00.000Z', fields: {}, thin: true },
    ]));

  it('parks an event it does not map, and data not as documented', () => {
    expect(parkedAs('hibob', { ...created, type: 'timeoff.request.created' })).toBe('UNSUPPORTED_EVENT');
    expect(parkedAs('hibob', { ...created, data: { employee: 'no id' } })).toBe('INVALID_EVENT_DATA');
  });
});

describe('Merge', () => {
  // https://docs.merge.dev/hris/webhooks/ (the hook, linked account and data envelope) and
  // https://docs.merge.dev/hris/employees/ (the Employee model: employments and manager as ids unless expanded)
  const delivery = (event: string, data: object) => ({
    hook: { id: '0e4ce7b7-2a3c-4e0c-8e52-5b1d3a1c7f6e', event, target: 'https://rolebook.example/webhooks/merge' },
    linked_account: {
      id: 'e0a0f7a4-5e29-4d4e-a3b2-1c7d1fd1b6bf',
      integration: 'BambooHR',
      integration_slug: 'bamboohr',
      category: 'hris',
      end_user_origin_id: 'acme',
      status: 'COMPLETE',
      account_type: 'PRODUCTION',
    },
    data,
  });
  const employee = {
    id: '19202938',
    remote_id: '12345',
    employee_number: '2',
    first_name: 'Greg',
    last_name: 'Hirsch',
    display_full_name: 'Cousin Greg Hirsch',
    work_email: 'greg@merge.dev',
    employments: ['17a54124-287f-494d-965e-3c5b330c9a68', '118ae2a1-0ddd-4e7d-a6c2-a3b1b5f4c2a2'],
    manager: '0048ea5b-911e-4dff-9364-92070dea62ff',
    employment_status: 'ACTIVE',
    start_date: '2021-10-11T00:00:00Z',
    termination_date: null,
    modified_at: '2021-10-16T00:00:00Z',
  };

  it('completes a change whose employments are ids through the API', () =>
    expect(parse('merge', delivery('Employee.changed', employee))).toEqual([
      { kind: 'update', employeeId: '19202938', effectiveAt: null, fields: {}, thin: true },
    ]));

  it('reads an expanded model, the employment in force last and the manager as an id or an object', () => {
    const expanded = {
      ...employee,
      manager: { id: '0048ea5b-911e-4dff-9364-92070dea62ff', first_name: 'Logan' },
      employments: [
        { id: 'a', job_title: 'Associate Product Manager', effective_date: '2021-10-11T00:00:00Z' },
        { id: 'b', job_title: 'Product Manager', effective_date: '2023-01-01T00:00:00Z' },
      ],
    };
    expect(parse('merge', delivery('Employee.added', expanded))).toEqual([
      {
        kind: 'hire',
        employeeId: '19202938',
        effectiveAt: '2021-10-11T00:00:00.000Z',
        fields: { name: 'Cousin Greg Hirsch', email: 'greg@merge.dev', title: 'Product Manager', managerId: '0048ea5b-911e-4dff-9364-92070dea62ff' },
        thin: false,
      },
    ]);
    expect(parse('merge', delivery('employee.updated', { ...expanded, manager: 'm-1' }))[0]).toMatchObject({
      kind: 'update',
      effectiveAt: '2023-01-01T00:00:00.000Z',
      fields: { managerId: 'm-1' },
    });
  });

  it('takes both spellings of the events, and a removal or an inactive status as a termination on its date', () => {
    expect(parse('merge', delivery('employee.deleted', employee))).toMatchObject([{ kind: 'termination', thin: false }]);
    expect(parse('merge', delivery('Employee.removed', { ...employee, termination_date: '2026-01-31T00:00:00Z' }))).toMatchObject([
      { kind: 'termination', effectiveAt: '2026-01-31T00:00:00.000Z' },
    ]);
    expect(parse('merge', delivery('Employee.changed', { ...employee, employment_status: 'INACTIVE', termination_date: '2026-02-01' }))).toMatchObject([
      { kind: 'termination', effectiveAt: '2026-02-01T00:00:00.000Z' },
    ]);
  });

  it('parks an event of another model', () => expect(parkedAs('merge', delivery('Employment.changed', { id: 'x' }))).toBe('UNSUPPORTED_EVENT'));
});

describe('BambooHR', () => {
  // https://documentation.bamboohr.com/docs/event-based-webhooks (the JSON encoding)
  const event = (type: string, timestamp: string | number) => ({ type, timestamp, data: { companyId: 1, employeeId: '123', changedFields: ['jobTitle'] } });

  it('reads event-based deliveries, ISO or Unix timestamps', () => {
    expect(parse('bamboohr', event('employee.created', '2026-03-02T09:00:00Z'))).toEqual([
      { kind: 'hire', employeeId: '123', effectiveAt: null, fields: {}, thin: true },
    ]);
    expect(parse('bamboohr', event('employee.deleted', '2026-03-02T09:00:00Z'))[0]).toMatchObject({
      kind: 'termination',
      effectiveAt: '2026-03-02T09:00:00.000Z',
    });
    expect(parse('bamboohr', event('employee.deleted', 1772442000))[0]).toMatchObject({ effectiveAt: '2026-03-02T09:00:00.000Z' });
    expect(parse('bamboohr', event('employee.deleted', '1772442000'))[0]).toMatchObject({ effectiveAt: '2026-03-02T09:00:00.000Z' });
  });

  it('reads field-based deliveries keyed by display name or by alias', () => {
    // https://documentation.bamboohr.com/docs/field-based-webhooks
    const byName = {
      employees: [
        {
          id: '124',
          action: 'Updated',
          timestamp: '2026-03-02T09:00:00Z',
          changedFields: ['Job Title'],
          fields: { 'First Name': 'Ada', 'Last Name': 'Names', 'Job Title': 'Senior Product Manager', 'Job Information: Date': '2026-03-01' },
        },
      ],
    };
    expect(parse('bamboohr', byName)).toEqual([
      { kind: 'update', employeeId: '124', effectiveAt: '2026-03-01T00:00:00.000Z', fields: { title: 'Senior Product Manager' }, thin: false },
    ]);
    const byAlias = {
      employees: [
        { id: 125, action: 'Created', timestamp: 1772442000, changedFields: [], fields: { firstName: 'Lin', lastName: 'Alias', supervisorEId: 124 } },
      ],
    };
    expect(parse('bamboohr', byAlias)).toEqual([
      {
        kind: 'hire',
        employeeId: '125',
        effectiveAt: '2026-03-02T09:00:00.000Z',
        fields: { name: 'Lin Alias', email: null, title: null, managerId: '124' },
        thin: false,
      },
    ]);
    const left = { employees: [{ id: '124', action: 'Updated', changedFields: ['Status'], fields: { Status: 'Inactive', 'Termination Date': '2026-04-30' } }] };
    expect(parse('bamboohr', left)[0]).toMatchObject({ kind: 'termination', effectiveAt: '2026-04-30T00:00:00.000Z' });
  });

  it('parks the events it does not map and deliveries whose data is not as documented', () => {
    expect(parkedAs('bamboohr', { type: 'employee.hours.updated', data: {} })).toBe('UNSUPPORTED_EVENT');
    expect(parkedAs('bamboohr', { type: 'employee.updated', data: { companyId: 1 } })).toBe('INVALID_EVENT_DATA');
    expect(parkedAs('bamboohr', { employees: [{ id: '1', action: 'Renamed' }] })).toBe('INVALID_EVENT_DATA');
  });
});

describe('Personio', () => {
  // https://developer.personio.de/v2.0/reference/webhooks (the envelope's JSON schema and the event catalog)
  const envelope = (event_name: string, payload: object) => ({ company_id: '4711', event_name, occurred_at: '2026-05-04T08:00:00Z', payload, meta: {} });

  it('reads person and employment events as thin changes of the person they name', () => {
    expect(parse('personio', envelope('person.created', { id: '991' }))).toEqual([
      { kind: 'hire', employeeId: '991', effectiveAt: '2026-05-04T08:00:00.000Z', fields: {}, thin: true },
    ]);
    expect(parse('personio', envelope('employment.updated', { id: 'emp-1', person_id: 991 }))).toMatchObject([
      { kind: 'update', employeeId: '991', thin: true },
    ]);
    expect(parse('personio', envelope('employment.terminated', { id: 'emp-1', person: { id: '991' } }))).toMatchObject([{ kind: 'update', employeeId: '991' }]);
    expect(parse('personio', envelope('person.deleted', { id: '991' }))).toMatchObject([{ kind: 'termination', thin: false }]);
  });

  it('parks events it does not map, and an employment event that names no person', () => {
    expect(parkedAs('personio', envelope('absence-period.created', { id: 'a-1' }))).toBe('UNSUPPORTED_EVENT');
    expect(parkedAs('personio', envelope('employment.updated', { id: 'emp-1' }))).toBe('INVALID_EVENT_DATA');
  });
});

describe('Standard Webhooks', () => {
  it("reads Rolebook's documented event shape (README, HRIS webhooks)", () =>
    expect(parse('standard', { type: 'employee.hired', data: { employeeId: 'e-1', name: 'Grace Hopper', title: 'PM', effectiveAt: '2026-01-05' } })).toEqual([
      { kind: 'hire', employeeId: 'e-1', effectiveAt: '2026-01-05T00:00:00.000Z', fields: { name: 'Grace Hopper', title: 'PM' }, thin: false },
    ]));

  it('parks an event it does not know', () => expect(parkedAs('standard', { type: 'employee.promoted', data: {} })).toBe('UNSUPPORTED_EVENT'));
});

describe('what is malformed (400) and what is parked', () => {
  const providers: Provider[] = ['standard', 'bamboohr', 'hibob', 'personio', 'merge'];

  it.each(providers)('%s: a body that is not JSON, or not in the envelope, is malformed', (provider) => {
    expect(() => checkEnvelope(provider, Buffer.from('<xml/>'))).toThrow(MalformedPayload);
    expect(() => checkEnvelope(provider, Buffer.from('[]'))).toThrow(MalformedPayload);
    expect(() => checkEnvelope(provider, Buffer.from('{"hello": "world"}'))).toThrow(MalformedPayload);
  });

  it("names neither the body's values nor personal data in the error", () => {
    const error = (() => {
      try {
        checkEnvelope('standard', Buffer.from('{"name": "Grace Hopper"}'));
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).not.toContain('Grace');
  });
});

describe('instantOf', () => {
  it('reads dates, instants with and without an offset, and Unix seconds or milliseconds', () => {
    expect(instantOf('2026-03-02')).toBe('2026-03-02T00:00:00.000Z');
    expect(instantOf('2026-03-02T10:00:00+02:00')).toBe('2026-03-02T08:00:00.000Z');
    expect(instantOf('2026-03-02T10:00:00')).toBe('2026-03-02T10:00:00.000Z');
    expect(instantOf(1772442000)).toBe('2026-03-02T09:00:00.000Z');
    expect(instantOf('1772442000000')).toBe('2026-03-02T09:00:00.000Z');
    expect(instantOf('0000-00-00')).toBeNull();
    expect(instantOf('soon')).toBeNull();
    expect(instantOf(null)).toBeNull();
  });
});
