// The vocabulary of drift findings, defined once: the rules, the drift stream, the read model
// and the GraphQL enums all take their values from these arrays.

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A finding's status at an instant: RESOLVED once a check no longer found it, WAIVED while a waiver is in force, OPEN otherwise. */
export const FINDING_STATUSES = ['OPEN', 'WAIVED', 'RESOLVED'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** What a finding is about. */
export const SUBJECT_TYPES = ['person', 'role', 'team', 'org'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export interface FindingSubject {
  type: SubjectType;
  id: string;
}

/** The reference entry (role key and entry id, or the model rule) and the passage it rests on. */
export interface FindingSource {
  entry: string;
  cite: { source: string; passage: string };
}

/** A finding as a check records it in the drift stream. Ids are deterministic, so the same drift found twice is the same finding. */
export interface DriftFindingData {
  findingId: string;
  ruleId: string;
  severity: Severity;
  subject: FindingSubject;
  message: string;
  evidence: Record<string, unknown>;
  source: FindingSource;
}
