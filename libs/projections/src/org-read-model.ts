// Folds recorded events into the bitemporal read model, one transaction per event together
// with the checkpoint, so a crash never applies an event twice or skips one.
import {
  ORG_KINDS,
  PERSONAL_DATA_FIELDS,
  PERSONAL_TEAM_EVENT_TYPES,
  PLAIN_REASON_EVENTS,
  deciderFor,
  isEventOf,
  parseStoredType,
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
import { DEFAULT_PLACEHOLDERS, ERASED, type SealableValue } from '@rolebook/privacy';
import { DriftReadModel } from './drift-read-model';
import type { ReadModelDb } from './read-model-db';
import { timeline, type Segment } from './timeline';

export const CHECKPOINT = 'org';
/** Events applied between refreshes of the query planner's statistics. */
const OPTIMIZE_EVERY = 10_000;

const MEMBER_TYPES = ['TeamMemberAdded', 'TeamMemberRemoved'];

interface Link {
  kind: 'assignment';
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
  switch (kind as 'role' | 'person' | 'team') {
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
      return { sortKey: team.name.toLowerCase(), status: team.status, managerId: null, parentId: team.parentTeamId, links: [] };
    }
  }
};

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** What an erased personal field reads as: the same placeholders the log's reader gives once the key is gone. */
const placeholderFor = (field: string): SealableValue => (Object.hasOwn(DEFAULT_PLACEHOLDERS, field) ? DEFAULT_PLACEHOLDERS[field]! : ERASED);

/** json_replace(column, '$.f1', ?, '$.f2', ?, ...) over `fields`, with the placeholders as its parameters. */
const replaceFields = (column: string, fields: readonly string[]) => ({
  sql: `json_replace(${column}, ${fields.map((f) => `'$.${f}', ?`).join(', ')})`,
  params: fields.map(placeholderFor),
});

/** The person state's personal fields: those the personal events set (a person's name and email). */
const PERSON_STATE_FIELDS = [...new Set(Object.values(PERSONAL_DATA_FIELDS).flat())];

export class OrgReadModel {
  private readonly statements;
  private applied = 0;

  private readonly drift: DriftReadModel;

  constructor(private readonly db: ReadModelDb) {
    this.drift = new DriftReadModel(db);
    this.statements = {
      checkpoint: db.prepare<[string], { position: number }>('SELECT position FROM checkpoints WHERE name = ?'),
      saveCheckpoint: db.prepare('INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position'),
      recorded: db.prepare('INSERT OR IGNORE INTO recorded (position, recorded_at) VALUES (?, ?)'),
      lastRecorded: db.prepare<[], { recorded_at: string }>('SELECT recorded_at FROM recorded ORDER BY position DESC LIMIT 1'),
      event: db.prepare(
        `INSERT INTO events (position, event_id, tenant_id, kind, entity_id, revision, type, type_version, effective_at, recorded_at,
           actor, reason, source, correlation_id, causation_id, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      entityEvents: db.prepare<[string, string, string], { position: number; type: string; data: string; effective_at: string }>(
        'SELECT position, type, data, effective_at FROM events WHERE tenant_id = ? AND entity_id = ? AND kind = ? ORDER BY position',
      ),
      endingAt: db.prepare<[string, string, string, string], { state: string }>(
        'SELECT state FROM versions WHERE tenant_id = ? AND kind = ? AND entity_id = ? AND recorded_to IS NULL AND valid_to = ?',
      ),
      eventsFrom: db.prepare<[string, string, string, string], { position: number; type: string; data: string; effective_at: string }>(
        'SELECT position, type, data, effective_at FROM events WHERE tenant_id = ? AND entity_id = ? AND kind = ? AND effective_at >= ?',
      ),
      close: db.prepare<[number, string, string, string, string], { valid_from: string }>(
        `UPDATE versions SET recorded_to = ? WHERE tenant_id = ? AND kind = ? AND entity_id = ?
           AND recorded_to IS NULL AND (valid_to IS NULL OR valid_to > ?) RETURNING valid_from`,
      ),
      insertVersion: db.prepare(
        `INSERT INTO versions (tenant_id, kind, entity_id, valid_from, valid_to, recorded_from, sort_key, status, manager_id, parent_id, state)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      memberEvents: db.prepare<[string, string, string], { type: string; effective_at: string; position: number }>(
        `SELECT type, effective_at, position FROM events WHERE tenant_id = ? AND entity_id = ? AND kind = 'team'
           AND type IN ('TeamMemberAdded', 'TeamMemberRemoved') AND json_extract(data, '$.personId') = ?
         ORDER BY effective_at, position`,
      ),
      closeMemberships: db.prepare('UPDATE memberships SET recorded_to = ? WHERE tenant_id = ? AND team_id = ? AND person_id = ? AND recorded_to IS NULL'),
      insertMembership: db.prepare(
        'INSERT INTO memberships (tenant_id, team_id, person_id, valid_from, valid_to, added_position, recorded_from) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      insertLink: db.prepare('INSERT INTO links (version_id, tenant_id, kind, target_id, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?)'),
    };
  }

  checkpoint(): number | null {
    return this.statements.checkpoint.get(CHECKPOINT)?.position ?? null;
  }

  /**
   * Applies one recorded event and moves the checkpoint past it, atomically; answers the event as
   * applied. Its recordedAt is never earlier than the previous event's: on KurrentDB it is the
   * writing node's clock, which can step back after a failover, and "as known at" (the last
   * position recorded by an instant) needs instants that never decrease with position. It depends
   * on the log's order only, so every replica and every rebuild gets the same instants.
   */
  apply(event: RecordedEvent): RecordedEvent {
    const previous = this.statements.lastRecorded.get()?.recorded_at;
    const recorded = previous !== undefined && previous > event.recordedAt ? { ...event, recordedAt: previous } : event;
    this.db.transaction(() => {
      this.statements.recorded.run(recorded.position, recorded.recordedAt);
      const stream = parseStreamName(recorded.stream);
      if (stream) this.applyToEntity(stream.tenantId, stream.kind, stream.id, recorded);
      this.statements.saveCheckpoint.run(CHECKPOINT, recorded.position);
    })();
    // the planner's statistics follow the model's growth (cheap: sampled, and only where stale)
    if (++this.applied % OPTIMIZE_EVERY === 0 && !this.db.inTransaction) this.db.pragma('optimize');
    return recorded;
  }

  private applyToEntity(tenantId: string, kind: AggregateKind, entityId: string, recorded: RecordedEvent): void {
    const { type, data } = upcasters.upcast(recorded.type, recorded.data);
    const { position, metadata: m } = recorded;
    const at = text(m['effectiveAt']);
    if (at === null) throw new Error(`event at position ${position} has no effectiveAt`);
    if (kind === 'person' && type === 'PersonalDataErased') this.scrubPerson(tenantId, entityId);
    this.statements.event.run(
      position,
      recorded.id,
      tenantId,
      kind,
      entityId,
      recorded.revision,
      type,
      parseStoredType(recorded.type).version,
      at,
      recorded.recordedAt,
      text(m['actor']) ?? 'unknown',
      text(m['reason']),
      text(m['source']) ?? 'unknown',
      text(m['correlationId']) ?? '',
      text(m['causationId']),
      JSON.stringify(data),
    );
    if (kind === 'drift') {
      const event = { type, data, effectiveAt: at } as EffectiveOrgEvent;
      if (!isEventOf('drift', event)) throw new Error(`a ${type} event in a drift stream`);
      return this.drift.apply(tenantId, event, recorded);
    }
    if (!ORG_KINDS.includes(kind)) return; // reference models are read from their stream
    // membership is kept in its own table, not in team versions
    if (MEMBER_TYPES.includes(type)) return this.applyMembership(tenantId, entityId, (data as { personId: string }).personId, position);

    // Only the span from the change onwards moves: refold from the segment it lands in, starting
    // from the state in force just before that segment (or from scratch when there is none).
    // What was known from the change onwards is superseded as of this position (the row it
    // refolds from ends at or before the change, so it stays known)
    const touched = this.statements.close
      .all(position, tenantId, kind, entityId, at)
      .map((r) => r.valid_from)
      .sort();
    const from = touched.length > 0 && touched[0]! < at ? touched[0]! : at;
    const prior = this.statements.endingAt.get(tenantId, kind, entityId, from);
    const rows = prior ? this.statements.eventsFrom.all(tenantId, entityId, kind, from) : this.statements.entityEvents.all(tenantId, entityId, kind);
    const events = rows.map((row) => ({
      position: row.position,
      event: { type: row.type, data: JSON.parse(row.data) as unknown, effectiveAt: row.effective_at } as EffectiveOrgEvent,
    }));
    const decider = deciderFor(kind);
    const base = prior ? (JSON.parse(prior.state) as AnyState) : decider.initialState();
    const segments = timeline<OrgEvent, AnyState>(decider.evolve, decider.initialState, events, base);

    // the refolded segments cover the span superseded: they are the new knowledge
    for (const segment of segments) this.insertSegment(tenantId, kind, entityId, position, segment);
  }

  /**
   * Replaces what this read model holds of an erased person's personal data by the placeholders
   * the log now reads as (their key is destroyed), so the live read model answers what a rebuild
   * would: names and emails in their events and versions, and the reasons sealed under their key.
   * Ids, assignments, reporting lines and memberships stay.
   */
  private scrubPerson(tenantId: string, personId: string): void {
    for (const [type, fields] of Object.entries(PERSONAL_DATA_FIELDS)) {
      const { sql, params } = replaceFields('data', fields);
      this.db
        .prepare(`UPDATE events SET data = ${sql} WHERE tenant_id = ? AND kind = 'person' AND entity_id = ? AND type = ?`)
        .run(...params, tenantId, personId, type);
    }
    const plain = PLAIN_REASON_EVENTS.map(() => '?').join(', ');
    const members = PERSONAL_TEAM_EVENT_TYPES.map(() => '?').join(', ');
    this.db
      .prepare(
        `UPDATE events SET reason = ? WHERE tenant_id = ? AND reason IS NOT NULL AND type NOT IN (${plain})
           AND ((kind = 'person' AND entity_id = ?) OR (kind = 'team' AND type IN (${members}) AND json_extract(data, '$.personId') = ?))`,
      )
      .run(placeholderFor('reason'), tenantId, ...PLAIN_REASON_EVENTS, personId, ...PERSONAL_TEAM_EVENT_TYPES, personId);
    const { sql, params } = replaceFields('state', PERSON_STATE_FIELDS);
    const sortKey = String(placeholderFor('name')).toLowerCase();
    this.db
      .prepare(`UPDATE versions SET state = ${sql}, sort_key = ? WHERE tenant_id = ? AND kind = 'person' AND entity_id = ?`)
      .run(...params, sortKey, tenantId, personId);
  }

  /** Recomputes one person's membership intervals in one team, as known from `position` on. */
  private applyMembership(tenantId: string, teamId: string, personId: string, position: number): void {
    const intervals: { from: string; to: string | null; added: number }[] = [];
    for (const event of this.statements.memberEvents.all(tenantId, teamId, personId)) {
      const open = intervals.length > 0 && intervals[intervals.length - 1]!.to === null;
      if (event.type === 'TeamMemberAdded' && !open) intervals.push({ from: event.effective_at, to: null, added: event.position });
      if (event.type === 'TeamMemberRemoved' && open) intervals[intervals.length - 1]!.to = event.effective_at;
    }
    this.statements.closeMemberships.run(position, tenantId, teamId, personId);
    for (const { from, to, added } of intervals) {
      if (to === null || to > from) this.statements.insertMembership.run(tenantId, teamId, personId, from, to, added, position);
    }
  }

  private insertSegment(tenantId: string, kind: AggregateKind, entityId: string, position: number, segment: Segment<AnyState>): void {
    if (segment.state.status === 'Unknown') return;
    if (kind === 'team') segment = { ...segment, state: { ...segment.state, memberIds: [] } as AnyState };
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
