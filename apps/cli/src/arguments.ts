// Parsers of the values commands take on their command line: a bad value is a usage error (exit 2)
// that says what is expected, before any store is opened.
import { INSTANT_RANGE, inInstantRange, isTenantId } from '@rolebook/domain';
import { InvalidArgumentError } from 'commander';

export const slug = (value: string): string => {
  if (!isTenantId(value)) throw new InvalidArgumentError('a tenant is a lowercase slug (a-z, 0-9, -), at most 63 characters.');
  return value;
};

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(:[0-5]\d(\.\d+)?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** Whether year, month and day name a day of the calendar (not 2026-02-30). */
const isCalendarDay = (year: number, month: number, day: number): boolean => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/** An ISO-8601 date-time with offset, or a date (midnight UTC), as a UTC instant. Whether it may be in the past is the store's rule. */
export const instant = (value: string): string => {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  const parts = DATE_TIME.exec(text);
  if (!parts || !isCalendarDay(Number(parts[1]), Number(parts[2]), Number(parts[3])))
    throw new InvalidArgumentError('give a date (2027-01-31, midnight UTC) or an ISO-8601 date-time with offset (2027-01-31T18:00:00Z).');
  const at = new Date(text).toISOString();
  if (!inInstantRange(at))
    throw new InvalidArgumentError(`give an instant between ${INSTANT_RANGE.earliest.slice(0, 10)} and ${INSTANT_RANGE.latest.slice(0, 10)}.`);
  return at;
};
