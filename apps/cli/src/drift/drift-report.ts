// What a drift report says, whatever its format: a summary of the findings at an instant (open and
// waived), then the findings grouped by rule, each group with the rule's explanation, each finding
// with its subject and the passage it rests on. Pure: the formats render it.
import { SEVERITIES, type Severity } from '@rolebook/domain';
import { describeRule } from '@rolebook/drift';
import type { FindingView, RunView } from '@rolebook/projections';
import { subjectLabel } from './subject';

export type ReportFinding = FindingView & { subjectName: string | null };

export interface RuleGroup {
  ruleId: string;
  title: string;
  explanation: string;
  /** The highest severity among the group's findings. */
  severity: Severity;
  findings: (ReportFinding & { subjectLabel: string })[];
}

export interface DriftReport {
  tenant: string;
  asOf: string;
  /** The last check recorded by `asOf`, or null when none was. */
  run: RunView | null;
  open: number;
  waived: number;
  bySeverity: Record<Severity, number>;
  groups: RuleGroup[];
}

/** Higher for the more severe (SEVERITIES runs from info to critical). */
export const severityRank = (severity: Severity): number => SEVERITIES.indexOf(severity);

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const driftReport = (tenant: string, asOf: string, run: RunView | null, findings: readonly ReportFinding[]): DriftReport => {
  const byRule = new Map<string, RuleGroup['findings']>();
  for (const finding of findings) {
    const group = byRule.get(finding.ruleId) ?? [];
    group.push({ ...finding, subjectLabel: subjectLabel(finding.subject, finding.subjectName) });
    byRule.set(finding.ruleId, group);
  }
  const groups = [...byRule.entries()].map(([ruleId, members]): RuleGroup => {
    members.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || compare(a.subjectLabel, b.subjectLabel) || compare(a.id, b.id));
    return { ruleId, ...describeRule(ruleId), severity: members[0]!.severity, findings: members };
  });
  groups.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || compare(a.title, b.title));
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length])) as Record<Severity, number>;
  return {
    tenant,
    asOf,
    run,
    open: findings.filter((f) => f.status === 'OPEN').length,
    waived: findings.filter((f) => f.status === 'WAIVED').length,
    bySeverity,
    groups,
  };
};

/** One sentence on the findings: how many are open and waived, by severity. */
export const summaryLine = (report: DriftReport): string => {
  const severities = [...SEVERITIES]
    .reverse()
    .filter((s) => report.bySeverity[s] > 0)
    .map((s) => `${report.bySeverity[s]} ${s}`);
  const counts = `${report.open} open finding${report.open === 1 ? '' : 's'}, ${report.waived} waived`;
  return severities.length > 0 ? `${counts} (${severities.join(', ')}).` : `${counts}.`;
};
