import { describe, expect, it } from 'vitest';
import { groupFindings, ruleTitle } from './drift-groups';

describe('drift findings grouped', () => {
  it('by rule, the rules with a critical finding first, then by severity within a rule', () => {
    const groups = groupFindings([
      { id: 1, ruleId: 'title-role-mismatch', severity: 'WARNING' as const },
      { id: 2, ruleId: 'forbidden-responsibility', severity: 'INFO' as const },
      { id: 3, ruleId: 'forbidden-responsibility', severity: 'CRITICAL' as const },
      { id: 4, ruleId: 'title-role-mismatch', severity: 'WARNING' as const },
    ]);
    expect(groups.map((g) => [g.ruleId, g.severity, g.count])).toEqual([
      ['forbidden-responsibility', 'CRITICAL', 2],
      ['title-role-mismatch', 'WARNING', 2],
    ]);
    expect(groups[0]!.bySeverity.map((s) => [s.severity, s.findings.map((f) => f.id)])).toEqual([
      ['CRITICAL', [3]],
      ['INFO', [2]],
    ]);
  });

  it('titles a rule id in words', () => expect(ruleTitle('associate-without-senior')).toBe('Associate without senior'));
});
