// Reads of drift findings and runs. A finding's status at an instant (FindingStatus): RESOLVED
// once a check no longer found it, WAIVED while a waiver is in force, OPEN otherwise.
import {
  FINDING_STATUSES,
  type DriftTrigger,
  type FindingSource,
  type FindingStatus,
  type FindingSubject,
  type Severity,
  type SubjectType,
} from '@rolebook/domain';
import { decodeCursor, encodeCursor, parsePositionCursor, positionCursor } from './cursors';
import { fetchSize, toPage, type Page, type PageRequest } from './page';
import type { ReadModelDb } from './read-model-db';

export interface FindingView {
  id: string;
  occurrence: number;
  ruleId: string;
  severity: Severity;
  status: FindingStatus;
  subject: FindingSubject;
  message: string;
  evidence: Record<string, unknown>;
  source: FindingSource;
  detectedAt: string;
  resolvedAt: string | null;
  waiver: { reason: string; actor: string; waivedAt: string; expiresAt: string | null } | null;
}

export interface RunView {
  id: string;
  trigger: DriftTrigger;
  checkedAt: string;
  recordedAt: string;
  durationMs: number;
  modelVersion: number;
  detected: number;
  resolved: number;
  open: number;
  position: number;
}

export interface FindingFilter {
  findingId?: string;
  statuses?: readonly FindingStatus[];
  severity?: Severity;
  ruleId?: string;
  subjectId?: string;
}

interface FindingRow {
  finding_id: string;
  occurrence: number;
  rule_id: string;
  severity: Severity;
  subject_type: SubjectType;
  subject_id: string;
  message: string;
  evidence: string;
  source: string;
  detected_at: string;
  resolved_at: string | null;
  status: FindingStatus;
  w_reason: string | null;
  w_actor: string | null;
  w_at: string | null;
  w_expires: string | null;
}

interface RunRow {
  run_id: string;
  trigger: DriftTrigger;
  checked_at: string;
  recorded_at: string;
  duration_ms: number;
  model_version: number;
  detected: number;
  resolved: number;
  open: number;
  position: number;
}

/** What a list of findings shows unless asked otherwise. */
const DEFAULT_STATUSES: readonly FindingStatus[] = ['OPEN', 'WAIVED'];

export class DriftQueries {
  constructor(private readonly db: ReadModelDb) {}

  /** Findings at `asOf` (default statuses OPEN and WAIVED), ordered by id. */
  findings(tenantId: string, asOf: string, filter: FindingFilter, page: PageRequest): Page<FindingView> {
    const statuses = filter.statuses ?? DEFAULT_STATUSES;
    const where = ['f.tenant_id = @tenantId', 'f.detected_at <= @asOf', `status IN (${statuses.map((s) => `'${s}'`).join(', ') || 'NULL'})`];
    if (filter.findingId) where.push('f.finding_id = @findingId');
    if (filter.severity) where.push('f.severity = @severity');
    if (filter.ruleId) where.push('f.rule_id = @ruleId');
    if (filter.subjectId) where.push('f.subject_id = @subjectId');
    // a resolved finding shows its last occurrence only
    where.push(`(status <> 'RESOLVED' OR f.occurrence = (SELECT MAX(o.occurrence) FROM drift_findings o
      WHERE o.tenant_id = f.tenant_id AND o.finding_id = f.finding_id AND o.detected_at <= @asOf))`);
    const base = `SELECT * FROM (SELECT f.*,
        CASE WHEN f.resolved_at IS NOT NULL AND f.resolved_at <= @asOf THEN 'RESOLVED'
             WHEN w.reason IS NOT NULL THEN 'WAIVED' ELSE 'OPEN' END AS status,
        w.reason AS w_reason, w.actor AS w_actor, w.waived_at AS w_at, w.expires_at AS w_expires
      FROM drift_findings f
      LEFT JOIN drift_waivers w ON w.rowid = (SELECT w2.rowid FROM drift_waivers w2
        WHERE w2.tenant_id = f.tenant_id AND w2.finding_id = f.finding_id AND w2.occurrence = f.occurrence
          AND w2.waived_at <= @asOf AND (w2.expires_at IS NULL OR w2.expires_at > @asOf) ORDER BY w2.position DESC LIMIT 1)
      WHERE f.tenant_id = @tenantId) f WHERE ${where.join(' AND ')}`;
    const params = { tenantId, asOf, findingId: filter.findingId, severity: filter.severity, ruleId: filter.ruleId, subjectId: filter.subjectId };
    let cursor = '';
    const cursorParams: Record<string, unknown> = {};
    if (page.after !== null) {
      const [id, occurrence] = decodeCursor<[string, number]>(page.after, ['string', 'number']);
      cursor = ' AND (f.finding_id, f.occurrence) > (@afterId, @afterOccurrence)';
      Object.assign(cursorParams, { afterId: id, afterOccurrence: occurrence });
    }
    const rows = this.db
      .prepare<Record<string, unknown>, FindingRow>(`${base}${cursor} ORDER BY f.finding_id, f.occurrence LIMIT @limit`)
      .all({ ...params, ...cursorParams, limit: fetchSize(page) });
    return toPage(
      rows,
      page,
      (row) => ({ cursor: encodeCursor([row.finding_id, row.occurrence]), node: toFinding(row) }),
      () => this.db.prepare<Record<string, unknown>, { n: number }>(`SELECT COUNT(*) AS n FROM (${base})`).get(params)!.n,
    );
  }

  /** The finding's latest occurrence detected by `asOf`, whatever its status. */
  finding(tenantId: string, findingId: string, asOf: string): FindingView | null {
    const items = this.findings(tenantId, asOf, { findingId, statuses: FINDING_STATUSES }, { first: 1000, after: null }).items;
    return items[items.length - 1]?.node ?? null;
  }

  /** Runs, newest first; the cursor is the run's position. */
  runs(tenantId: string, page: PageRequest): Page<RunView> {
    const before = page.after === null ? Number.MAX_SAFE_INTEGER : parsePositionCursor(page.after);
    const rows = this.db
      .prepare<[string, number, number], RunRow>('SELECT * FROM drift_runs WHERE tenant_id = ? AND position < ? ORDER BY position DESC LIMIT ?')
      .all(tenantId, before, fetchSize(page));
    return toPage(
      rows,
      page,
      (row) => ({ cursor: positionCursor(row.position), node: toRun(row) }),
      () => this.db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM drift_runs WHERE tenant_id = ?').get(tenantId)!.n,
    );
  }

  run(tenantId: string, runId: string): RunView | null {
    const row = this.db.prepare<[string, string], RunRow>('SELECT * FROM drift_runs WHERE tenant_id = ? AND run_id = ?').get(tenantId, runId);
    return row ? toRun(row) : null;
  }
}

const toRun = (r: RunRow): RunView => ({
  id: r.run_id,
  trigger: r.trigger,
  checkedAt: r.checked_at,
  recordedAt: r.recorded_at,
  durationMs: r.duration_ms,
  modelVersion: r.model_version,
  detected: r.detected,
  resolved: r.resolved,
  open: r.open,
  position: r.position,
});

const toFinding = (row: FindingRow): FindingView => ({
  id: row.finding_id,
  occurrence: row.occurrence,
  ruleId: row.rule_id,
  severity: row.severity,
  status: row.status,
  subject: { type: row.subject_type, id: row.subject_id },
  message: row.message,
  evidence: JSON.parse(row.evidence) as FindingView['evidence'],
  source: JSON.parse(row.source) as FindingView['source'],
  detectedAt: row.detected_at,
  resolvedAt: row.resolved_at,
  waiver: row.status === 'WAIVED' && row.w_reason ? { reason: row.w_reason, actor: row.w_actor!, waivedAt: row.w_at!, expiresAt: row.w_expires } : null,
});
