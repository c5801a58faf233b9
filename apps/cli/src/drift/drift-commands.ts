// `rolebook drift check` runs one check through the application layer (DriftService, as the API's
// runDriftCheck does in embedded mode) and prints the open findings as a table; `rolebook drift
// report` writes the findings recorded by an instant as a document a person reads.
import { derivedId } from '@rolebook/application';
import type { Config } from '@rolebook/config';
import type { DriftQueries, RunView } from '@rolebook/projections';
import type { Rolebook } from '@rolebook/runtime';
import type { Output } from '../access-commands';
import { cliActor, withRolebook } from '../installation';
import { writeDocument } from '../output/destination';
import { table } from '../table';
import { allPages } from '../export/export-format';
import { driftReport, severityRank, summaryLine, type ReportFinding } from './drift-report';
import { reportHtml } from './report-html';
import { reportMarkdown } from './report-markdown';
import { subjectLabel, subjectName } from './subject';

export const DRIFT_REPORT_FORMATS = ['md', 'html'] as const;
export type DriftReportFormat = (typeof DRIFT_REPORT_FORMATS)[number];

/** At most `max` characters of a passage, cut at a word, on one line. */
export const shorten = (text: string, max: number): string => {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
};

/** Open and waived findings at `asOf` (the default statuses of the read side), each with its subject's name. */
const findingsAt = (rolebook: Rolebook, tenant: string, asOf: string, statuses?: readonly ('OPEN' | 'WAIVED')[]): ReportFinding[] =>
  [...allPages((page) => rolebook.driftQueries.findings(tenant, asOf, { statuses }, page))].map((f) => ({
    ...f,
    subjectName: subjectName(rolebook.queries, tenant, f.subject, asOf),
  }));

/** The findings as rows: most severe first, then by rule and subject. */
export const findingsTable = (findings: readonly ReportFinding[]): string =>
  table(
    ['RULE', 'SEVERITY', 'SUBJECT', 'CITED PASSAGE'],
    findings
      .map((f) => ({ f, subject: subjectLabel(f.subject, f.subjectName) }))
      .sort(
        (a, b) =>
          severityRank(b.f.severity) - severityRank(a.f.severity) ||
          a.f.ruleId.localeCompare(b.f.ruleId) ||
          a.subject.localeCompare(b.subject) ||
          a.f.id.localeCompare(b.f.id),
      )
      .map(({ f, subject }) => [f.ruleId, f.severity, subject, `"${shorten(f.source.cite.passage, 60)}" (${f.source.cite.source})`]),
  );

export const checkDrift = (config: Config, io: Output, options: { tenant: string; idempotencyKey?: string }) =>
  withRolebook(config, options.tenant, async (rolebook) => {
    // the same run id as the API's for the same key: a retried check is a no-op
    const runId = derivedId(options.idempotencyKey ?? null, options.tenant, 'RunDriftCheck');
    const run = await rolebook.drift.runCheck(options.tenant, 'manual', runId, cliActor());
    const open = findingsAt(rolebook, options.tenant, new Date().toISOString(), ['OPEN']);
    io.err(
      `Drift check ${run.id} at ${run.checkedAt} (reference model version ${run.modelVersion}): ${run.detected} detected, ${run.resolved} resolved, ${run.open} open.`,
    );
    if (open.length > 0) io.out(findingsTable(open));
  });

/** The last run checked at or before `asOf`. */
const runAt = (drift: DriftQueries, tenant: string, asOf: string): RunView | null => {
  for (const run of allPages((page) => drift.runs(tenant, page))) if (run.checkedAt <= asOf) return run;
  return null;
};

export const reportDrift = (config: Config, io: Output, options: { tenant: string; asOf?: string; format: DriftReportFormat; out?: string }) =>
  withRolebook(config, options.tenant, async (rolebook) => {
    const asOf = options.asOf ?? new Date().toISOString();
    const report = driftReport(options.tenant, asOf, runAt(rolebook.driftQueries, options.tenant, asOf), findingsAt(rolebook, options.tenant, asOf));
    await writeDocument([options.format === 'html' ? reportHtml(report) : reportMarkdown(report)], options.out);
    io.err(`Drift report of tenant ${options.tenant} as of ${asOf}: ${summaryLine(report)}`);
  });
