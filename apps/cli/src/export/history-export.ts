// `rolebook export history`: the tenant's recorded changes, oldest first, with who made them
// (actor), when they took effect and when they were recorded, why (reason) and through what
// (source), and the change itself. --known-at keeps what was recorded by then, --as-of what had
// taken effect by then; without them, everything.
import type { EventQueries, HistoryEntry } from '@rolebook/projections';
import type { CsvColumn } from '../output/csv';
import { allPages, type ExportDocument } from './export-format';

export type HistoryRecord = Omit<HistoryEntry, 'tenantId'>;

export interface HistoryRange {
  asOf: string | null;
  knownAt: string | null;
}

export function* historyRecords(events: EventQueries, tenant: string, range: HistoryRange): Generator<HistoryRecord> {
  for (const { tenantId: _tenantId, ...entry } of allPages((page) => events.auditLog(tenant, {}, page))) {
    if ((range.knownAt === null || entry.recordedAt <= range.knownAt) && (range.asOf === null || entry.effectiveAt <= range.asOf)) yield entry;
  }
}

export const HISTORY_COLUMNS: readonly CsvColumn<HistoryRecord>[] = [
  { header: 'position', value: (e) => e.position },
  { header: 'recorded_at', value: (e) => e.recordedAt },
  { header: 'effective_at', value: (e) => e.effectiveAt },
  { header: 'entity_type', value: (e) => e.entityType },
  { header: 'entity_id', value: (e) => e.entityId },
  { header: 'version', value: (e) => e.version },
  { header: 'type', value: (e) => e.type },
  { header: 'type_version', value: (e) => e.typeVersion },
  { header: 'actor', value: (e) => e.actor },
  { header: 'reason', value: (e) => e.reason },
  { header: 'source', value: (e) => e.source },
  { header: 'event_id', value: (e) => e.eventId },
  { header: 'correlation_id', value: (e) => e.correlationId },
  { header: 'causation_id', value: (e) => e.causationId },
  { header: 'data', value: (e) => JSON.stringify(e.data) },
];

export const historyExport = (events: EventQueries, tenant: string, range: HistoryRange): ExportDocument<HistoryRecord> => ({
  about: { export: 'history', tenant, asOf: range.asOf, knownAt: range.knownAt },
  recordsKey: 'events',
  records: historyRecords(events, tenant, range),
  columns: HISTORY_COLUMNS,
});
