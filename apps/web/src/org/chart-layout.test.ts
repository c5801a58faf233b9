import { describe, expect, it } from 'vitest';
import { ancestorsOf, initiallyExpanded, layoutChart, reportingOf, search } from './chart-layout';
import type { ChartPerson } from './org-snapshot';

const person = (id: string, managerId: string | null, extra: Partial<ChartPerson> = {}): ChartPerson => ({
  id,
  name: id,
  title: null,
  managerId,
  roles: [],
  teams: [],
  ...extra,
});

describe('the reporting tree', () => {
  const org = [person('ceo', null), person('cpo', 'ceo'), person('pm', 'cpo'), person('apm', 'pm'), person('cto', 'ceo')];

  it('shows the top two levels at first, and a collapsed person hides their reports', () => {
    const reporting = reportingOf(org);
    const expanded = initiallyExpanded(reporting);
    const shown = layoutChart(reporting, expanded).nodes.map((n) => n.person.id);
    expect(shown.sort()).toEqual(['ceo', 'cpo', 'cto', 'pm']);
    const pm = layoutChart(reporting, expanded).nodes.find((n) => n.person.id === 'pm')!;
    expect(pm).toMatchObject({ reports: 1, expanded: false });
    expect(layoutChart(reporting, new Set([...expanded, 'pm'])).nodes.map((n) => n.person.id)).toContain('apm');
  });

  it('places reports below their manager and draws one edge per reporting line shown', () => {
    const reporting = reportingOf(org);
    const { nodes, edges } = layoutChart(reporting, new Set(['ceo', 'cpo', 'pm']));
    const y = (id: string) => nodes.find((n) => n.person.id === id)!.y;
    expect(y('cpo')).toBeGreaterThan(y('ceo'));
    expect(y('apm')).toBeGreaterThan(y('pm'));
    expect(edges.map((e) => e.id).sort()).toEqual(['ceo->cpo', 'ceo->cto', 'cpo->pm', 'pm->apm']);
    // no two people on one spot
    expect(new Set(nodes.map((n) => `${n.x},${n.y}`)).size).toBe(nodes.length);
  });

  it('puts people whose manager is not in the org at the top, and breaks a reporting cycle so everyone is shown once', () => {
    const reporting = reportingOf([person('a', 'b'), person('b', 'c'), person('c', 'a'), person('orphan', 'gone')]);
    expect(reporting.roots).toContain('orphan');
    expect(reporting.roots.filter((r) => ['a', 'b', 'c'].includes(r))).toHaveLength(1);
    const everyone = new Set(['a', 'b', 'c', 'orphan']);
    expect(
      layoutChart(reporting, everyone)
        .nodes.map((n) => n.person.id)
        .sort(),
    ).toEqual(['a', 'b', 'c', 'orphan']);
  });

  it('lists the managers above a person, nearest first', () => {
    expect(ancestorsOf(reportingOf(org), 'apm')).toEqual(['pm', 'cpo', 'ceo']);
  });

  it('lays out 10,000 people, all expanded, within 2 seconds', () => {
    const big = [person('p0', null), ...Array.from({ length: 9999 }, (_, i) => person(`p${i + 1}`, `p${Math.floor(i / 8)}`))];
    const started = performance.now();
    const reporting = reportingOf(big);
    const all = new Set(big.map((p) => p.id));
    expect(layoutChart(reporting, all).nodes).toHaveLength(10_000);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('search', () => {
  const org = [
    person('1', null, { name: 'Zoë Åberg', title: 'VP Product' }),
    person('2', '1', { name: 'Luis', roles: [{ roleId: 'r', name: 'Product Owner', allocationPercent: 50 }] }),
  ];
  it('finds by name ignoring case and accents, by title and by role', () => {
    expect(search(org, 'zoe').map((p) => p.id)).toEqual(['1']);
    expect(search(org, 'aberg').map((p) => p.id)).toEqual(['1']);
    expect(search(org, 'product').map((p) => p.id)).toEqual(['1', '2']);
    expect(search(org, 'owner').map((p) => p.id)).toEqual(['2']);
    expect(search(org, '  ')).toEqual([]);
  });
});
