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

/** The body cannot be what the provider sends at all (not JSON, no envelope): the webhook answers 400 and records nothing. */
export class MalformedPayload extends Error {
  constructor(
    readonly provider: string,
    detail: string,
  ) {
    super(`Malformed ${provider} payload: ${detail}`);
    this.name = 'MalformedPayload';
  }
}

/**
 * Why a delivery in the provider's envelope is recorded but not applied (DEAD with this reason at
 * once, replayable with replayWebhookDelivery once Rolebook reads it): an event Rolebook does not
 * map, or event data not as the provider documents it.
 */
export const PARK_REASONS = ['UNSUPPORTED_EVENT', 'INVALID_EVENT_DATA'] as const;

export type ParkReason = (typeof PARK_REASONS)[number];

export class UnmappableDelivery extends Error {
  constructor(
    readonly provider: string,
    readonly reason: ParkReason,
  ) {
    super(`${provider} delivery parked: ${reason}`);
    this.name = 'UnmappableDelivery';
  }
}

/**
 * An instant as an ISO string; null when absent or unreadable (or BambooHR's 0000-00-00). Takes a
 * date (YYYY-MM-DD, midnight UTC), a date-time with an offset, a date-time without one (HiBob's
 * `triggeredAt`: UTC), or a Unix timestamp in seconds (a number or digits; milliseconds above 10¹²).
 */
export const instantOf = (value: string | number | null | undefined): string | null => {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number' || /^\d+$/.test(value)) {
    const n = Number(value);
    return new Date(n > 1e12 ? n : n * 1000).toISOString();
  }
  if (value.startsWith('0000-00-00')) return null;
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000Z` : /T[\d:.]+$/.test(value) ? `${value}Z` : value;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};
