// What a drift rule reports. Ids are deterministic (rule, subject and detail ids only), so the
// same drift found twice is the same finding; messages name roles, never people.
// Severity, subject and the finding's shape are the domain's (what the drift stream records).
import type { DriftFindingData } from '@rolebook/domain';

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

/** The recorded finding, under the id a rule gives it and with a rule of this library. */
export type Finding = Omit<DriftFindingData, 'findingId' | 'ruleId'> & { id: string; ruleId: RuleId };

export const finding = (f: Omit<Finding, 'id'>, detail?: string): Finding => ({
  id: [f.ruleId, f.subject.type, f.subject.id, ...(detail ? [detail] : [])].join(':'),
  ...f,
});
