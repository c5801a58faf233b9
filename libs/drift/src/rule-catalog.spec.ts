import { describeRule, RULE_CATALOG } from './rule-catalog';
import { RULES } from './index';

describe('rule catalog', () => {
  it('describes every rule with a title and an explanation of its own', () => {
    const entries = Object.values(RULE_CATALOG);
    expect(entries.length).toBeGreaterThanOrEqual(Object.values(RULES).flat().length);
    for (const { title, explanation } of entries) {
      expect(title.length).toBeGreaterThan(5);
      expect(explanation.length).toBeGreaterThan(20);
    }
    expect(new Set(entries.map((e) => e.title)).size).toBe(entries.length);
  });

  it('describes a rule it does not know by its id', () => {
    expect(describeRule('vacant-role')).toBe(RULE_CATALOG['vacant-role']);
    expect(describeRule('some-future-rule').title).toBe('some-future-rule');
    expect(describeRule('toString').title).toBe('toString');
  });
});
