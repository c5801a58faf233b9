// Reads of the event table: one entity's history, the tenant's audit log, and the events after
// a position (for subscriptions catching up). Oldest first; the cursor is the global position.
import type { AggregateKind } from '@rolebook/domain';
import { parsePositionCursor, positionCursor } from './cursors';
import { fetchSize, toPage, type Page, type PageRequest } from './page';
import type { ReadModelDb } from './read-model-db';

export interface HistoryEntry {
  position: number;
  eventId: string;
  tenantId: string;
  entityType: AggregateKind;
  entityId: string;
  /** Entity version after this event. */
  version: number;
  type: string;
  /** The event type's version the event was stored with (data is shown in the current shape). */
  typeVersion: number;
  effectiveAt: string;
  recordedAt: string;
  actor: string;
  reason: string | null;
  source: string;
  correlationId: string;
  causationId: string | null;
  data: unknown;
}

export interface AuditFilter {
  actor?: string;
  types?: string[];
  entityType?: AggregateKind;
  entityId?: string;
  source?: string;
  /** Recorded at or after. */
  from?: string;
  /** Recorded before. */
  to?: string;
}

interface Row {
  position: number;
  event_id: string;
  tenant_id: string;
  kind: AggregateKind;
  entity_id: string;
  revision: number;
  type: string;
  type_version: number;
  effective_at: string;
  recorded_at: string;
  actor: string;
  reason: string | null;
  source: string;
  correlation_id: string;
  causation_id: string | null;
  data: string;
}

const toEntry = (row: Row): HistoryEntry => ({
  position: row.position,
  eventId: row.event_id,
  tenantId: row.tenant_id,
  entityType: row.kind,
  entityId: row.entity_id,
  version: row.revision + 1,
  type: row.type,
  typeVersion: row.type_version,
  effectiveAt: row.effective_at,
  recordedAt: row.recorded_at,
  actor: row.actor,
  reason: row.reason,
  source: row.source,
  correlationId: row.correlation_id,
  causationId: row.causation_id,
  data: JSON.parse(row.data),
});

export class EventQueries {
  constructor(private readonly db: ReadModelDb) {}

  history(tenantId: string, entityId: string, page: PageRequest): Page<HistoryEntry> {
    return this.auditLog(tenantId, { entityId }, page);
  }

  auditLog(tenantId: string, filter: AuditFilter, page: PageRequest): Page<HistoryEntry> {
    const where = ['tenant_id = @tenantId'];
    const params: Record<string, unknown> = { tenantId };
    const add = (sql: string, values: Record<string, unknown>) => {
      where.push(sql);
      Object.assign(params, values);
    };
    if (filter.entityId !== undefined) add('entity_id = @entityId', { entityId: filter.entityId });
    if (filter.actor !== undefined) add('actor = @actor', { actor: filter.actor });
    if (filter.entityType !== undefined) add('kind = @kind', { kind: filter.entityType });
    if (filter.source !== undefined) add('source = @source', { source: filter.source });
    if (filter.from !== undefined) add('recorded_at >= @from', { from: filter.from });
    if (filter.to !== undefined) add('recorded_at < @to', { to: filter.to });
    if (filter.types !== undefined) {
      const names = filter.types.map((_, i) => `@type${i}`);
      add(`type IN (${names.join(', ') || 'NULL'})`, Object.fromEntries(filter.types.map((t, i) => [`type${i}`, t])));
    }
    const conditions = where.join(' AND ');
    const after = page.after === null ? 0 : parsePositionCursor(page.after);
    const rows = this.db
      .prepare<Record<string, unknown>, Row>(`SELECT * FROM events WHERE ${conditions} AND position > @after ORDER BY position LIMIT @limit`)
      .all({ ...params, after, limit: fetchSize(page) });
    return toPage(
      rows,
      page,
      (row) => ({ cursor: positionCursor(row.position), node: toEntry(row) }),
      () => this.db.prepare<Record<string, unknown>, { n: number }>(`SELECT COUNT(*) AS n FROM events WHERE ${conditions}`).get(params)!.n,
    );
  }

  /** The tenant's events strictly after `position`, oldest first, at most `limit`. */
  after(tenantId: string, position: number, limit: number): HistoryEntry[] {
    return this.db
      .prepare<[string, number, number], Row>('SELECT * FROM events WHERE tenant_id = ? AND position > ? ORDER BY position LIMIT ?')
      .all(tenantId, position, limit)
      .map(toEntry);
  }

  /** The event at a position, if it is an org event of the tenant. */
  at(tenantId: string, position: number): HistoryEntry | null {
    const row = this.db.prepare<[string, number], Row>('SELECT * FROM events WHERE tenant_id = ? AND position = ?').get(tenantId, position);
    return row ? toEntry(row) : null;
  }
}
