// What a drift rule reports. Ids are deterministic (rule, subject and detail ids only), so the
// same drift found twice is the same finding; messages name roles, never people.
import type { Citation } from '@rolebook/reference-model';

export type Severity = 'info' | 'warning' | 'critical';

export type RuleId =
  | 'phase-coverage'
  | 'pm-and-po-in-small-org'
  | 'forbidden-responsibility'
  | 'missing-core-responsibility'
  | 'definition-drift'
  | 'title-role-mismatch'
  | 'ladder-inversion'
  | 'associate-without-senior'
  | 'individual-contributor-with-reports'
  | 'span-of-control'
  | 'too-many-roles'
  | 'vacant-role'
  | 'product-person-without-role'
  | 'responsibility-without-holder'
  | 'responsibility-shared'
  | 'reporting-cycle';

export interface Subject {
  type: 'person' | 'role' | 'team' | 'org';
  id: string;
}

export interface Finding {
  id: string;
  ruleId: RuleId;
  severity: Severity;
  subject: Subject;
  message: string;
  evidence: Record<string, unknown>;
  /** The reference entry (role key and entry id, or the model rule) and the passage it rests on. */
  source: { entry: string; cite: Citation };
}

export const finding = (f: Omit<Finding, 'id'>, detail?: string): Finding => ({
  id: [f.ruleId, f.subject.type, f.subject.id, ...(detail ? [detail] : [])].join(':'),
  ...f,
});
