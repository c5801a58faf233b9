import type { FindingView, RunView } from '@rolebook/projections';
import { shorten } from './drift-commands';
import { driftReport, summaryLine, type ReportFinding } from './drift-report';
import { reportHtml } from './report-html';
import { reportMarkdown } from './report-markdown';

const finding = (
  id: string,
  ruleId: string,
  severity: FindingView['severity'],
  subjectName: string | null,
  status: FindingView['status'] = 'OPEN',
): ReportFinding => ({
  id,
  occurrence: 1,
  ruleId,
  severity,
  status,
  subject: subjectName === null ? { type: 'org', id: 'org' } : { type: 'role', id: `role-${id}` },
  subjectName,
  message: `Message of ${id}`,
  evidence: {},
  source: { entry: 'rules.vacantRole', cite: { source: '000_seed.txt', passage: `Passage of ${id} <b>&</b>` } },
  detectedAt: '2026-06-01T00:00:00.000Z',
  resolvedAt: null,
  waiver: status === 'WAIVED' ? { reason: 'accepted <for now>', actor: 'key:ops', waivedAt: '2026-06-02T00:00:00.000Z', expiresAt: null } : null,
});

const run: RunView = {
  id: 'run-1',
  trigger: 'manual',
  checkedAt: '2026-06-01T00:00:00.000Z',
  recordedAt: '2026-06-01T00:00:00.000Z',
  durationMs: 3,
  modelVersion: 1,
  detected: 4,
  resolved: 0,
  open: 4,
  position: 10,
};

const findings = [
  finding('a', 'vacant-role', 'info', 'Zeta'),
  finding('b', 'reporting-cycle', 'critical', null),
  finding('c', 'vacant-role', 'info', 'Alpha', 'WAIVED'),
  finding('d', 'responsibility-shared', 'warning', 'R&D <Lead>'),
];

describe('drift report', () => {
  const report = driftReport('acme', '2026-06-30T00:00:00.000Z', run, findings);

  it('groups findings by rule, most severe rule first, each group ordered by severity then subject', () => {
    expect(report.groups.map((g) => [g.ruleId, g.severity, g.findings.map((f) => f.id)])).toEqual([
      ['reporting-cycle', 'critical', ['b']],
      ['responsibility-shared', 'warning', ['d']],
      ['vacant-role', 'info', ['c', 'a']],
    ]);
    expect(report.groups[2]!.title).toBe('A vacant role');
    expect(report.groups[0]!.findings[0]!.subjectLabel).toBe('the organization');
  });

  it('sums them up by status and severity', () => {
    expect(summaryLine(report)).toBe('3 open findings, 1 waived (1 critical, 1 warning, 2 info).');
    expect(summaryLine(driftReport('acme', '2026-06-30T00:00:00.000Z', null, []))).toBe('0 open findings, 0 waived.');
  });

  it('renders Markdown with a section per rule and each citation, store text escaped', () => {
    const md = reportMarkdown(report);
    expect(md.match(/^## .*$/gm)).toEqual(['## A reporting cycle', '## A responsibility owned by several roles', '## A vacant role']);
    expect(md).toContain('- **warning**, open: role R\\&D \\<Lead\\>. Message of d.');
    expect(md).toContain('  > Passage of a \\<b\\>\\&\\</b\\>\n');
    expect(md).toContain('  Waived by key:ops at 2026-06-02T00:00:00.000Z: accepted \\<for now\\>');
    expect(md).toContain('Source: 000\\_seed.txt (reference entry rules.vacantRole)');
  });

  it('renders HTML with every store text escaped', () => {
    const html = reportHtml(report);
    expect(html).toContain('<strong>role R&amp;D &lt;Lead&gt;</strong>');
    expect(html).toContain('<blockquote>Passage of a &lt;b&gt;&amp;&lt;/b&gt;</blockquote>');
    expect(html).toContain('accepted &lt;for now&gt;');
    expect(html).not.toContain('<Lead>');
    expect(html.match(/<section /g)).toHaveLength(3);
  });
});

describe('shorten', () => {
  it('keeps a short passage whole, on one line', () => {
    expect(shorten('A  short\npassage.', 60)).toBe('A short passage.');
  });

  it('cuts a long one at a word, within the limit', () => {
    const cut = shorten('The most successful teams I have coached have one or more people in each role, always.', 40);
    expect(cut).toBe('The most successful teams I have…');
    expect(cut.length).toBeLessThanOrEqual(40);
  });
});
