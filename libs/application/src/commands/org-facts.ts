// The one port through which a decision learns facts about aggregates other than its own
// (a manager's status and reporting line, a role's open assignments, a parent team's line).
// Commands never read other streams or query models themselves.
import type { Instant, Status } from '@rolebook/domain';

export type OrgEntityKind = 'role' | 'person' | 'team';

/** Facts as they stand at one moment: answered without waiting, as often as a decision asks. */
export interface CurrentFacts {
  /** The entity's status in force at `at`; 'Future' when it exists but only takes effect later. */
  statusAt(tenantId: string, kind: OrgEntityKind, id: string, at: Instant): Status;
  /** Assignments of the role, as known now, open at or after `from`. */
  openAssignmentCount(tenantId: string, roleId: string, from: Instant): number;
  /** The person's reporting line upwards at `at`, the person first; stops at a cycle. */
  managerLine(tenantId: string, personId: string, at: Instant): string[];
  /** The team's line of parents upwards at `at`, the team first; stops at a cycle. */
  teamLine(tenantId: string, teamId: string, at: Instant): string[];
}

export interface OrgFacts {
  /** The facts once everything the store held when called is taken into account: one wait per decision, however many facts it asks. */
  current(): Promise<CurrentFacts>;
}
