// What a reconciliation takes (a directory's employees, as text, with where each came from) and
// what it answers (a plan: per record, what changes or why it is refused).
import type { EventSource, Instant } from '@rolebook/domain';
import type { EmployeeStep } from './employee-steps';

/** One employee as a directory states them, as read (a CSV row, an HRIS directory entry). */
export interface EmployeeRecord {
  /** Where the record was read (a CSV line), for reports; null when the source has no lines. */
  line: number | null;
  employeeId: string;
  name: string;
  email: string | null;
  title: string | null;
  /** The manager's employee id or email; null: no manager; absent: the directory does not say. */
  manager?: string | null;
  /** The team's name; null: in no team of the directory; absent: the directory does not say. */
  team?: string | null;
  /** When the employee started / left: a date (YYYY-MM-DD, midnight UTC) or an ISO-8601 instant with offset. */
  start: string | null;
  end: string | null;
  /** The % of the role their title maps to (1-100); null: 100. */
  allocation: string | null;
}

export interface ReconcileRun {
  tenantId: string;
  /** Recorded as every event's source: `import:csv`, `hris:bamboohr`, ... */
  source: EventSource;
  /** Whose employee ids these are (an HRIS provider, or `csv`): a person's id is derived from it and the employee id. */
  directory: string;
  /** The run's id: every event's correlation and causation, and the stem of its idempotency keys. */
  runId: string;
  /** Who the events name as actor. */
  actor: string;
  /** The instant changes of people already in Rolebook take effect. */
  now: Instant;
}

export type OutcomeKind = 'created' | 'updated' | 'terminated' | 'unchanged' | 'refused';

/** What changes for one employee: `created`, `name`, `email`, `title`, `manager`, `role`, `team`, `terminated`. */
export type Change = 'created' | 'name' | 'email' | 'title' | 'manager' | 'role' | 'team' | 'terminated';

export interface Refusal {
  /** A stable code: UNKNOWN_MANAGER, REPORTING_CYCLE, BAD_DATE, DUPLICATE_EMPLOYEE_ID, ALLOCATION_EXCEEDED, ... */
  reason: string;
  /** Why, naming no personal data (lines and columns, never a name or an email). */
  message: string;
}

/** When a step runs: every record's steps of one phase are written before the next phase's. */
export type Phase = 'people' | 'managers' | 'roles-and-teams' | 'leavers';
export const PHASES: readonly Phase[] = ['people', 'managers', 'roles-and-teams', 'leavers'];

export interface PlannedStep {
  phase: Phase;
  step: EmployeeStep;
  /** The entity version the plan saw (the first step on a person's stream): a concurrent change is a CONFLICT. */
  expectedVersion: number | null;
}

export interface RecordPlan {
  line: number | null;
  employeeId: string;
  /** The person's Rolebook id; null when the record was refused before one could be derived. */
  personId: string | null;
  outcome: OutcomeKind;
  changes: Change[];
  /** The tenant role the title maps to (its name), if any. */
  role: string | null;
  refusal: Refusal | null;
  /** The person's personal data was erased: no reason is recorded about them (it could not be sealed). */
  erased: boolean;
  steps: PlannedStep[];
}

export interface NewRole {
  roleId: string;
  name: string;
  purpose: string;
  responsibilities: string[];
  referenceRoleKey: string;
  effectiveAt: Instant;
}

export interface NewTeam {
  teamId: string;
  name: string;
  effectiveAt: Instant;
}

export interface Plan {
  run: ReconcileRun;
  records: RecordPlan[];
  /** Roles a title maps to that the tenant did not have: defined from the reference model. */
  newRoles: NewRole[];
  newTeams: NewTeam[];
}

export type Counts = Record<OutcomeKind, number>;

export const countsOf = (records: readonly { outcome: OutcomeKind }[]): Counts => {
  const counts: Counts = { created: 0, updated: 0, terminated: 0, unchanged: 0, refused: 0 };
  for (const r of records) counts[r.outcome]++;
  return counts;
};
