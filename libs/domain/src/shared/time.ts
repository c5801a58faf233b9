// Instants are ISO-8601 strings in UTC with millisecond precision ("2026-03-01T00:00:00.000Z"),
// so they sort lexically and compare with plain string operators.

export type Instant = string;

export const toInstant = (date: Date): Instant => date.toISOString();

/** [from, to) with to = null meaning open-ended. */
export interface Interval {
  from: Instant;
  to: Instant | null;
}

export const overlaps = (a: Interval, b: Interval): boolean =>
  (b.to === null || a.from < b.to) && (a.to === null || b.from < a.to);

export const contains = (interval: Interval, at: Instant): boolean =>
  interval.from <= at && (interval.to === null || at < interval.to);
