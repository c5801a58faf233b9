// Instants are ISO-8601 strings in UTC with millisecond precision ("2026-03-01T00:00:00.000Z"),
// so they sort lexically and compare with plain string operators.

export type Instant = string;

export const toInstant = (date: Date): Instant => date.toISOString();

/** [from, to) with to = null meaning open-ended. */
export interface Interval {
  from: Instant;
  to: Instant | null;
}

export const overlaps = (a: Interval, b: Interval): boolean => (b.to === null || a.from < b.to) && (a.to === null || b.from < a.to);

export const contains = (interval: Interval, at: Instant): boolean => interval.from <= at && (interval.to === null || at < interval.to);

/** Anything in force over [effectiveFrom, effectiveTo): a role assignment, as held in person state and views. */
export interface EffectivePeriod {
  effectiveFrom: Instant;
  effectiveTo: Instant | null;
}

/** The assignment (or any effective period) in force at `at`: started by then and not yet ended. */
export const inForceAt = (period: EffectivePeriod, at: Instant): boolean => contains({ from: period.effectiveFrom, to: period.effectiveTo }, at);

/** Ended at or before `at`; one that is not may still start later. */
export const endedBy = (period: Pick<EffectivePeriod, 'effectiveTo'>, at: Instant): boolean => period.effectiveTo !== null && period.effectiveTo <= at;
