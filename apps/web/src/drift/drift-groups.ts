// Findings grouped by rule, the most severe rules first, and within a rule by severity.

export type Severity = 'CRITICAL' | 'WARNING' | 'INFO';
const RANK: Record<Severity, number> = { CRITICAL: 0, WARNING: 1, INFO: 2 };

export interface Groupable {
  ruleId: string;
  severity: Severity;
}

export interface RuleGroup<T extends Groupable> {
  ruleId: string;
  /** The most severe of the rule's findings. */
  severity: Severity;
  bySeverity: { severity: Severity; findings: T[] }[];
  count: number;
}

export const groupFindings = <T extends Groupable>(findings: readonly T[]): RuleGroup<T>[] => {
  const byRule = new Map<string, T[]>();
  for (const f of findings) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  return [...byRule.entries()]
    .map(([ruleId, list]) => {
      const severities = [...new Set(list.map((f) => f.severity))].sort((a, b) => RANK[a] - RANK[b]);
      return {
        ruleId,
        severity: severities[0]!,
        bySeverity: severities.map((severity) => ({ severity, findings: list.filter((f) => f.severity === severity) })),
        count: list.length,
      };
    })
    .sort((a, b) => RANK[a.severity] - RANK[b.severity] || b.count - a.count || a.ruleId.localeCompare(b.ruleId));
};

/** "reporting-cycle" → "Reporting cycle". */
export const ruleTitle = (ruleId: string): string => {
  const words = ruleId.replace(/[-_.]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};
