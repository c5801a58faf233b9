// What an HRIS delivery says happened to one employee, in Rolebook's terms. HRIS ids stay HRIS
// ids here; the application maps them to Rolebook ids per tenant.
export interface EmployeeFields {
  name?: string;
  email?: string | null;
  title?: string | null;
  /** The manager's HRIS id; null: no manager. */
  managerId?: string | null;
}

/** What a provider's API says of an employee, for deliveries that carry only ids. */
export interface FetchedEmployee {
  fields: EmployeeFields;
  /** The hire date the HRIS holds: when a thin hire takes effect. */
  hiredAt: string | null;
  /** The HRIS says the employee has left (an update may be how a termination arrives). */
  terminated: boolean;
  terminatedAt: string | null;
}

/** One employee as a provider's directory lists them (a reconciliation's input): who, and what the HRIS holds now. */
export interface DirectoryEmployee extends FetchedEmployee {
  /** The employee's id in the HRIS. */
  employeeId: string;
}

export interface EmployeeChange {
  kind: 'hire' | 'update' | 'termination';
  /** The employee's id in the HRIS. */
  employeeId: string;
  /** When the change takes effect; null: when it was received. */
  effectiveAt: string | null;
  /** The fields the delivery carries; absent ones are unchanged. */
  fields: EmployeeFields;
  /** The delivery carries only ids: the details are fetched from the provider. */
  thin: boolean;
}

export class MalformedPayload extends Error {
  constructor(
    readonly provider: string,
    detail: string,
  ) {
    super(`Malformed ${provider} payload: ${detail}`);
    this.name = 'MalformedPayload';
  }
}

/** Deliveries from this provider are verified and recorded, but turning them into changes is not built. */
export class MappingNotBuilt extends Error {
  constructor(readonly provider: string) {
    super(`Mapping of ${provider} payloads is not built yet`);
    this.name = 'MappingNotBuilt';
  }
}

/** A date (YYYY-MM-DD, taken as midnight UTC) or an instant, as an ISO instant; null when absent (or BambooHR's 0000-00-00). */
export const instantOf = (value: string | null | undefined): string | null => {
  if (!value || value.startsWith('0000-00-00')) return null;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00.000Z`) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};
