// The checks one record passes on its own (before it is compared with Rolebook and the other
// records): an employee id, a valid name, email, title and team, dates that are dates, an
// allocation that is a percentage. The domain's own schemas judge names, emails and titles.
import { createTeamSchema, inInstantRange, instantOfText, registerPersonSchema, type Instant } from '@rolebook/domain';
import type { z } from 'zod';
import type { EmployeeRecord, Refusal } from './employee-record';

export interface CheckedRecord {
  record: EmployeeRecord;
  name: string;
  email: string | null;
  title: string | null;
  /** The team's name as given (trimmed); null: none; undefined: not stated. */
  team: string | null | undefined;
  start: Instant | null;
  end: Instant | null;
  allocationPercent: number;
}

/** A date or an instant within the range Rolebook takes; null otherwise. */
const instantOfDate = (text: string): Instant | null => {
  const at = instantOfText(text);
  return at !== null && inInstantRange(at) ? at : null;
};

const refusal = (reason: string, message: string): Refusal => ({ reason, message });

/** The first issue's message of a failed check (the schemas' messages name no value). */
const problem = <T>(schema: z.ZodType<T>, value: unknown): string | null => {
  const result = schema.safeParse(value);
  return result.success ? null : (result.error.issues[0]?.message ?? 'is not valid');
};

const blankToNull = (value: string | null | undefined): string | null | undefined => (value === undefined ? undefined : value?.trim() ? value.trim() : null);

export const checkRecord = (record: EmployeeRecord): CheckedRecord | Refusal => {
  if (!record.employeeId.trim()) return refusal('MISSING_EMPLOYEE_ID', 'the employee id is empty');
  const person = registerPersonSchema.shape;
  const name = record.name.trim();
  const nameProblem = problem(person.name, name);
  if (nameProblem) return refusal('BAD_NAME', `the name ${nameProblem}`);
  const email = blankToNull(record.email) ?? null;
  const emailProblem = email === null ? null : problem(person.email, email);
  if (emailProblem) return refusal('BAD_EMAIL', `the email ${emailProblem}`);
  const title = blankToNull(record.title) ?? null;
  const titleProblem = problem(person.title, title);
  if (titleProblem) return refusal('BAD_TITLE', `the job title ${titleProblem}`);
  const team = blankToNull(record.team);
  const teamProblem = team ? problem(createTeamSchema.shape.name, team) : null;
  if (teamProblem) return refusal('BAD_TEAM', `the team ${teamProblem}`);

  const dates: Record<'start' | 'end', Instant | null> = { start: null, end: null };
  for (const field of ['start', 'end'] as const) {
    const text = record[field]?.trim();
    if (!text) continue;
    const instant = instantOfDate(text);
    if (!instant) return refusal('BAD_DATE', `the ${field} date is not a date (YYYY-MM-DD, between 1900 and 2200)`);
    dates[field] = instant;
  }
  if (dates.start && dates.end && dates.end < dates.start) return refusal('END_BEFORE_START', 'the end date is before the start date');

  const allocationText = record.allocation?.trim().replace(/\s*%$/, '');
  let allocationPercent = 100;
  if (allocationText) {
    if (!/^\d+(\.\d+)?$/.test(allocationText)) return refusal('BAD_ALLOCATION', 'the allocation is not a percentage (a whole number from 1 to 100)');
    allocationPercent = Number(allocationText);
    if (allocationPercent > 100) return refusal('ALLOCATION_EXCEEDED', 'the allocation is over 100 %');
    if (allocationPercent < 1 || !Number.isInteger(allocationPercent))
      return refusal('BAD_ALLOCATION', 'the allocation is not a percentage (a whole number from 1 to 100)');
  }
  return { record, name, email, title, team, start: dates.start, end: dates.end, allocationPercent };
};
