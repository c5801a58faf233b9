// Parsers of the values commands take on their command line: a bad value is a usage error (exit 2)
// that says what is expected, before any store is opened.
import { INSTANT_RANGE, inInstantRange, instantOfText, isTenantId } from '@rolebook/domain';
import { InvalidArgumentError } from 'commander';

export const slug = (value: string): string => {
  if (!isTenantId(value)) throw new InvalidArgumentError('a tenant is a lowercase slug (a-z, 0-9, -), at most 63 characters.');
  return value;
};

/** An ISO-8601 date-time with offset, or a date (midnight UTC), as a UTC instant. Whether it may be in the past is the store's rule. */
export const instant = (value: string): string => {
  const at = instantOfText(value);
  if (at === null) throw new InvalidArgumentError('give a date (2027-01-31, midnight UTC) or an ISO-8601 date-time with offset (2027-01-31T18:00:00Z).');
  if (!inInstantRange(at))
    throw new InvalidArgumentError(`give an instant between ${INSTANT_RANGE.earliest.slice(0, 10)} and ${INSTANT_RANGE.latest.slice(0, 10)}.`);
  return at;
};
