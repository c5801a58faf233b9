// `rolebook export drift`: every finding at --as-of (open, waived or resolved then), with its rule,
// severity, subject, status, the reference entry and cited passage it rests on, and its waiver.
// Findings have one time axis: a check records them as it runs, so what was known at an instant
// and what was in effect then are the same (--known-at is refused).
import { FINDING_STATUSES } from '@rolebook/domain';
import type { DriftQueries, FindingView, OrgQueries } from '@rolebook/projections';
import { subjectName } from '../drift/subject';
import type { CsvColumn } from '../output/csv';
import { allPages, type ExportDocument } from './export-format';

export type DriftRecord = FindingView & { subjectName: string | null };

export function* driftRecords(drift: DriftQueries, queries: OrgQueries, tenant: string, asOf: string): Generator<DriftRecord> {
  for (const finding of allPages((page) => drift.findings(tenant, asOf, { statuses: FINDING_STATUSES }, page)))
    yield { ...finding, subjectName: subjectName(queries, tenant, finding.subject, asOf) };
}

export const DRIFT_COLUMNS: readonly CsvColumn<DriftRecord>[] = [
  { header: 'finding_id', value: (f) => f.id },
  { header: 'occurrence', value: (f) => f.occurrence },
  { header: 'rule', value: (f) => f.ruleId },
  { header: 'severity', value: (f) => f.severity },
  { header: 'status', value: (f) => f.status },
  { header: 'subject_type', value: (f) => f.subject.type },
  { header: 'subject_id', value: (f) => f.subject.id },
  { header: 'subject_name', value: (f) => f.subjectName },
  { header: 'message', value: (f) => f.message },
  { header: 'detected_at', value: (f) => f.detectedAt },
  { header: 'resolved_at', value: (f) => f.resolvedAt },
  { header: 'waiver_reason', value: (f) => f.waiver?.reason ?? null },
  { header: 'waived_by', value: (f) => f.waiver?.actor ?? null },
  { header: 'waived_at', value: (f) => f.waiver?.waivedAt ?? null },
  { header: 'waiver_expires_at', value: (f) => f.waiver?.expiresAt ?? null },
  { header: 'source_entry', value: (f) => f.source.entry },
  { header: 'cited_source', value: (f) => f.source.cite.source },
  { header: 'cited_passage', value: (f) => f.source.cite.passage },
  { header: 'evidence', value: (f) => JSON.stringify(f.evidence) },
];

export const driftExport = (drift: DriftQueries, queries: OrgQueries, tenant: string, asOf: string): ExportDocument<DriftRecord> => ({
  about: { export: 'drift', tenant, asOf },
  recordsKey: 'findings',
  records: driftRecords(drift, queries, tenant, asOf),
  columns: DRIFT_COLUMNS,
});
