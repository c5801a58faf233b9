// A drift report as Markdown (CommonMark with GFM tables). Every text from the stores is escaped
// (and kept out of code spans, where escapes do not apply).
import { escapeMarkdown as md } from '../output/escape';
import { summaryLine, type DriftReport, type RuleGroup } from './drift-report';

const runLine = (report: DriftReport): string =>
  report.run
    ? `Last check: ${report.run.checkedAt} (run ${report.run.id}, reference model version ${report.run.modelVersion}).`
    : 'No drift check was recorded by then: run `rolebook drift check` first.';

const waiverLine = (finding: RuleGroup['findings'][number]): string[] =>
  finding.waiver
    ? [
        `  Waived by ${md(finding.waiver.actor)} at ${finding.waiver.waivedAt}${finding.waiver.expiresAt ? ` until ${finding.waiver.expiresAt}` : ''}: ${md(finding.waiver.reason)}`,
      ]
    : [];

const group = (g: RuleGroup): string[] => [
  `## ${md(g.title)}`,
  '',
  `Rule ${md(g.ruleId)}. ${md(g.explanation)}`,
  '',
  ...g.findings.flatMap((f) => [
    `- **${f.severity}**, ${f.status.toLowerCase()}: ${md(f.subjectLabel)}. ${md(f.message)}.`,
    ...waiverLine(f),
    '',
    `  > ${md(f.source.cite.passage)}`,
    '',
    `  Source: ${md(f.source.cite.source)} (reference entry ${md(f.source.entry)})`,
    '',
  ]),
];

export const reportMarkdown = (report: DriftReport): string =>
  [
    `# Drift report: tenant ${report.tenant}`,
    '',
    `As of ${report.asOf}. ${runLine(report)}`,
    '',
    `${summaryLine(report)}`,
    '',
    ...(report.groups.length > 0
      ? [
          '| Rule | Highest severity | Findings |',
          '| --- | --- | --- |',
          ...report.groups.map((g) => `| ${md(g.title)} | ${g.severity} | ${g.findings.length} |`),
          '',
          ...report.groups.flatMap(group),
        ]
      : ['No open or waived finding.', '']),
  ].join('\n');
