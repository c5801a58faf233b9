// Folds a tenant's drift stream into findings (with their occurrences), waivers and runs.
// Called by the read model inside its transaction, so the checkpoint covers it.
import type { DriftEvent, Effective } from '@rolebook/domain';
import type { RecordedEvent } from '@rolebook/event-store';
import type { ReadModelDb } from './read-model-db';

export class DriftReadModel {
  private readonly statements;

  constructor(db: ReadModelDb) {
    this.statements = {
      lastOccurrence: db.prepare<[string, string], { occurrence: number | null }>(
        'SELECT MAX(occurrence) AS occurrence FROM drift_findings WHERE tenant_id = ? AND finding_id = ?',
      ),
      detect: db.prepare(
        `INSERT INTO drift_findings (tenant_id, finding_id, occurrence, rule_id, severity, subject_type, subject_id, message, evidence, source, detected_at, detected_run)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      resolve: db.prepare('UPDATE drift_findings SET resolved_at = ? WHERE tenant_id = ? AND finding_id = ? AND resolved_at IS NULL'),
      waive: db.prepare(
        'INSERT INTO drift_waivers (tenant_id, finding_id, occurrence, reason, actor, waived_at, expires_at, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      run: db.prepare(
        `INSERT OR IGNORE INTO drift_runs (tenant_id, run_id, trigger, checked_at, recorded_at, duration_ms, model_version, detected, resolved, open, position)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
  }

  apply(tenantId: string, e: Effective<DriftEvent>, recorded: RecordedEvent): void {
    const at = e.effectiveAt;
    switch (e.type) {
      case 'DriftDetected': {
        const d = e.data;
        const occurrence = (this.statements.lastOccurrence.get(tenantId, d.findingId)?.occurrence ?? 0) + 1;
        this.statements.detect.run(
          tenantId,
          d.findingId,
          occurrence,
          d.ruleId,
          d.severity,
          d.subject.type,
          d.subject.id,
          d.message,
          JSON.stringify(d.evidence),
          JSON.stringify(d.source),
          at,
          d.runId,
        );
        return;
      }
      case 'DriftResolved':
        this.statements.resolve.run(at, tenantId, e.data.findingId);
        return;
      case 'DriftWaived': {
        const occurrence = this.statements.lastOccurrence.get(tenantId, e.data.findingId)?.occurrence ?? 1;
        const actor = typeof recorded.metadata['actor'] === 'string' ? recorded.metadata['actor'] : 'unknown';
        this.statements.waive.run(tenantId, e.data.findingId, occurrence, e.data.reason, actor, at, e.data.expiresAt, recorded.position);
        return;
      }
      case 'DriftCheckCompleted': {
        const d = e.data;
        this.statements.run.run(
          tenantId,
          d.runId,
          d.trigger,
          at,
          recorded.recordedAt,
          d.durationMs,
          d.modelVersion,
          d.detected,
          d.resolved,
          d.open,
          recorded.position,
        );
        return;
      }
    }
  }
}
