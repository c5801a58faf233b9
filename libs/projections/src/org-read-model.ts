// Folds recorded events into the bitemporal read model, one transaction per event together
// with the checkpoint, so a crash never applies an event twice or skips one.
import {
  deciderFor,
  parseStreamName,
  upcasters,
  type AggregateKind,
  type AnyState,
  type EffectiveOrgEvent,
  type OrgEvent,
  type Person,
  type Role,
  type Team,
} from '@rolebook/domain';
import type { RecordedEvent } from '@rolebook/event-store';
import type { ReadModelDb } from './read-model-db';
import { timeline, type Segment } from './timeline';

export const CHECKPOINT = 'org';

interface Link {
  kind: 'assignment' | 'member';
  targetId: string;
  from: string | null;
  to: string | null;
}

interface Row {
  sortKey: string;
  status: string;
  managerId: string | null;
  parentId: string | null;
  links: Link[];
}

const rowOf = (kind: AggregateKind, state: AnyState): Row => {
  switch (kind) {
    case 'role': {
      const role = state as Exclude<Role, { status: 'Unknown' }>;
      return { sortKey: role.name.toLowerCase(), status: role.status, managerId: null, parentId: null, links: [] };
    }
    case 'person': {
      const person = state as Exclude<Person, { status: 'Unknown' }>;
      return {
        sortKey: person.name.toLowerCase(),
        status: person.status,
        managerId: person.managerId,
        parentId: null,
        links: person.assignments.map((a) => ({ kind: 'assignment', targetId: a.roleId, from: a.effectiveFrom, to: a.effectiveTo })),
      };
    }
    case 'team': {
      const team = state as Exclude<Team, { status: 'Unknown' }>;
      return {
        sortKey: team.name.toLowerCase(),
        status: team.status,
        managerId: null,
        parentId: team.parentTeamId,
        links: team.memberIds.map((id) => ({ kind: 'member', targetId: id, from: null, to: null })),
      };
    }
  }
};

/** The domain event inside a recorded one, or null when it is not an org event this code knows. */
export const decodeOrgEvent = (recorded: RecordedEvent): EffectiveOrgEvent | null => {
  if (!parseStreamName(recorded.stream)) return null;
  const { type, data } = upcasters.upcast(recorded.type, recorded.data);
  return { type, data, effectiveAt: recorded.metadata['effectiveAt'] } as EffectiveOrgEvent;
};

export class OrgReadModel {
  private readonly statements;

  constructor(private readonly db: ReadModelDb) {
    this.statements = {
      checkpoint: db.prepare<[string], { position: number }>('SELECT position FROM checkpoints WHERE name = ?'),
      saveCheckpoint: db.prepare('INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position'),
      recorded: db.prepare('INSERT OR IGNORE INTO recorded (position, recorded_at) VALUES (?, ?)'),
      entityEvent: db.prepare('INSERT INTO entity_events (tenant_id, kind, entity_id, position, effective_at, event) VALUES (?, ?, ?, ?, ?, ?)'),
      entityEvents: db.prepare<[string, string, string], { position: number; event: string }>(
        'SELECT position, event FROM entity_events WHERE tenant_id = ? AND kind = ? AND entity_id = ?',
      ),
      close: db.prepare<[number, string, string, string, string], { valid_from: string }>(
        `UPDATE versions SET recorded_to = ? WHERE tenant_id = ? AND kind = ? AND entity_id = ?
           AND recorded_to IS NULL AND (valid_to IS NULL OR valid_to > ?) RETURNING valid_from`,
      ),
      insertVersion: db.prepare(
        `INSERT INTO versions (tenant_id, kind, entity_id, valid_from, valid_to, recorded_from, sort_key, status, manager_id, parent_id, state)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertLink: db.prepare('INSERT INTO links (version_id, tenant_id, kind, target_id, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?)'),
    };
  }

  checkpoint(): number | null {
    return this.statements.checkpoint.get(CHECKPOINT)?.position ?? null;
  }

  /** Applies one recorded event and moves the checkpoint past it, atomically. */
  apply(recorded: RecordedEvent): void {
    this.db.transaction(() => {
      this.statements.recorded.run(recorded.position, recorded.recordedAt);
      const stream = parseStreamName(recorded.stream);
      const event = decodeOrgEvent(recorded);
      if (stream && event) this.applyToEntity(stream.tenantId, stream.kind, stream.id, recorded.position, event);
      this.statements.saveCheckpoint.run(CHECKPOINT, recorded.position);
    })();
  }

  private applyToEntity(tenantId: string, kind: AggregateKind, entityId: string, position: number, event: EffectiveOrgEvent): void {
    const at = event.effectiveAt;
    this.statements.entityEvent.run(tenantId, kind, entityId, position, at, JSON.stringify(event));
    const history = this.statements.entityEvents
      .all(tenantId, kind, entityId)
      .map((row) => ({ position: row.position, event: JSON.parse(row.event) as EffectiveOrgEvent }));
    const decider = deciderFor(kind);
    const segments = timeline<OrgEvent, AnyState>(decider.evolve, decider.initialState, history);

    // What was known from the instant of this change onwards is superseded as of this position;
    // the segments covering the same span are inserted as the new knowledge.
    const superseded = this.statements.close.all(position, tenantId, kind, entityId, at).map((r) => r.valid_from);
    const cutoff = superseded.length === 0 ? null : [at, ...superseded].sort()[0]!;
    for (const segment of segments) {
      if (cutoff !== null && segment.to !== null && segment.to <= cutoff) continue;
      this.insertSegment(tenantId, kind, entityId, position, segment);
    }
  }

  private insertSegment(tenantId: string, kind: AggregateKind, entityId: string, position: number, segment: Segment<AnyState>): void {
    if (segment.state.status === 'Unknown') return;
    const row = rowOf(kind, segment.state);
    const { lastInsertRowid } = this.statements.insertVersion.run(
      tenantId,
      kind,
      entityId,
      segment.from,
      segment.to,
      position,
      row.sortKey,
      row.status,
      row.managerId,
      row.parentId,
      JSON.stringify(segment.state),
    );
    for (const link of row.links) {
      this.statements.insertLink.run(lastInsertRowid, tenantId, link.kind, link.targetId, link.from, link.to);
    }
  }
}
