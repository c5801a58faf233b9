// Folds recorded events into the bitemporal read model, a batch of events per transaction
// together with the checkpoint, so a crash never applies an event twice or skips one.
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
import { EntityCache, type CachedEntity, type OpenVersion } from './entity-cache';
import { VersionWrites, entityKey } from './version-writes';
import type { ReadModelDb } from './read-model-db';
import { entityIndexes } from './schema';
import { timeline, type Segment, type TimelineEvent } from './timeline';

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

/**
 * The link meets the version's effective interval [from, to): only then can it be in force while
 * its version is (a role's holders, counts, open assignments). A person's state keeps every
 * assignment they ever had: the links of those that ended before the version would only grow the
 * table, version after version.
 */
const meets = (link: Link, from: string, to: string | null): boolean =>
  link.from !== null && (to === null || link.from < to) && (link.to === null || link.to > from);

const listOf = <T>(map: Map<string, T[]>, key: string): T[] => {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
};

interface EventRow {
  position: number;
  type: string;
  data: string;
  effective_at: string;
}

const timelineEvent = (row: EventRow): TimelineEvent<EffectiveOrgEvent> => ({
  position: row.position,
  event: { type: row.type, data: JSON.parse(row.data) as unknown, effectiveAt: row.effective_at } as EffectiveOrgEvent,
});

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
  /** The recordedAt of the last event applied (kept here: every event needs it). */
  private lastRecordedAt: string | undefined;
  /** The last position applied at `lastRecordedAt`, not written yet: one row per instant, written when the instant moves on and with the checkpoint. */
  private unwrittenRecorded: { at: string; position: number } | null = null;
  private readonly drift: DriftReadModel;
  private readonly entities: EntityCache;
  private readonly versions: VersionWrites;
  /** Whether an entity not in memory is read from the file (false: it has no rows yet). */
  private readBack: boolean;

  /**
   * @param cachedEvents how many events the in-memory cache of recently changed entities holds at most
   * @param fromEmpty the file was empty and only this instance writes it: every entity stays in
   * memory (no bound), one not there has no rows yet, so none is read back, and the file needs no
   * index to find an entity's rows (a rebuild builds them at the end)
   */
  constructor(
    private readonly db: ReadModelDb,
    { cachedEvents, fromEmpty = false }: { cachedEvents?: number; fromEmpty?: boolean } = {},
  ) {
    this.drift = new DriftReadModel(db);
    this.readBack = !fromEmpty;
    this.entities = new EntityCache(fromEmpty ? Infinity : cachedEvents);
    this.versions = new VersionWrites(db);
    this.statements = {
      checkpoint: db.prepare<[string], { position: number }>('SELECT position FROM checkpoints WHERE name = ?'),
      saveCheckpoint: db.prepare('INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position'),
      recorded: db.prepare(
        'INSERT INTO recorded (recorded_at, position) VALUES (?, ?) ON CONFLICT (recorded_at) DO UPDATE SET position = MAX(position, excluded.position)',
      ),
      lastRecorded: db.prepare<[], { recorded_at: string }>('SELECT recorded_at FROM recorded ORDER BY recorded_at DESC LIMIT 1'),
      event: db.prepare(
        `INSERT INTO events (position, event_id, tenant_id, kind, entity_id, revision, type, type_version, effective_at, recorded_at,
           actor, reason, source, correlation_id, causation_id, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      entityEvents: db.prepare<[string, string, string], EventRow>(
        'SELECT position, type, data, effective_at FROM events WHERE tenant_id = ? AND entity_id = ? AND kind = ? ORDER BY position',
      ),
      entityEventsFrom: db.prepare<[string, string, string, string], EventRow>(
        'SELECT position, type, data, effective_at FROM events WHERE tenant_id = ? AND entity_id = ? AND kind = ? AND effective_at >= ? ORDER BY position',
      ),
      openVersions: db.prepare<[string, string, string], { id: number; valid_from: string; valid_to: string | null; state: string }>(
        'SELECT id, valid_from, valid_to, state FROM versions WHERE tenant_id = ? AND kind = ? AND entity_id = ? AND recorded_to IS NULL',
      ),
      closeMemberships: db.prepare('UPDATE memberships SET recorded_to = ? WHERE tenant_id = ? AND team_id = ? AND person_id = ? AND recorded_to IS NULL'),
      insertMembership: db.prepare(
        'INSERT INTO memberships (tenant_id, team_id, person_id, valid_from, valid_to, added_position, recorded_from) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
    };
  }

  checkpoint(): number | null {
    return this.statements.checkpoint.get(CHECKPOINT)?.position ?? null;
  }

  /**
   * Applies recorded events, in order, and moves the checkpoint past the last, atomically; answers
   * the events as applied. Their recordedAt is never earlier than the previous event's: on
   * KurrentDB it is the writing node's clock, which can step back after a failover, and "as known
   * at" (the last position recorded by an instant) needs instants that never decrease with
   * position. It depends on the log's order only, so every replica and every rebuild gets the
   * same instants.
   */
  applyAll(events: readonly RecordedEvent[]): RecordedEvent[] {
    if (events.length === 0) return [];
    let applied: RecordedEvent[];
    try {
      applied = this.db.transaction(() => {
        this.lastRecordedAt ??= this.statements.lastRecorded.get()?.recorded_at;
        const done = events.map((event) => this.applyOne(event));
        this.versions.write();
        this.writeRecorded();
        this.statements.saveCheckpoint.run(CHECKPOINT, done[done.length - 1]!.position);
        return done;
      })();
    } catch (error) {
      // rolled back: what memory holds may be ahead of the file
      this.entities.clear();
      this.versions.discard();
      this.lastRecordedAt = undefined;
      this.unwrittenRecorded = null;
      throw error;
    }
    // the planner's statistics follow the model's growth (cheap: sampled, and only where stale)
    const before = this.applied;
    this.applied += events.length;
    if (Math.floor(before / OPTIMIZE_EVERY) !== Math.floor(this.applied / OPTIMIZE_EVERY) && !this.db.inTransaction) this.db.pragma('optimize');
    return applied;
  }

  private applyOne(event: RecordedEvent): RecordedEvent {
    const previous = this.lastRecordedAt;
    const recorded = previous !== undefined && previous > event.recordedAt ? { ...event, recordedAt: previous } : event;
    this.lastRecordedAt = recorded.recordedAt;
    if (this.unwrittenRecorded?.at !== recorded.recordedAt) this.writeRecorded();
    this.unwrittenRecorded = { at: recorded.recordedAt, position: recorded.position };
    const stream = parseStreamName(recorded.stream);
    if (stream) this.applyToEntity(stream.tenantId, stream.kind, stream.id, recorded);
    this.entities.trim();
    return recorded;
  }

  private writeRecorded(): void {
    if (this.unwrittenRecorded) this.statements.recorded.run(this.unwrittenRecorded.at, this.unwrittenRecorded.position);
    this.unwrittenRecorded = null;
  }

  private applyToEntity(tenantId: string, kind: AggregateKind, entityId: string, recorded: RecordedEvent): void {
    const { type, data } = upcasters.upcast(recorded.type, recorded.data);
    const { position, metadata: m } = recorded;
    const at = text(m['effectiveAt']);
    if (at === null) throw new Error(`event at position ${position} has no effectiveAt`);
    if (kind === 'person' && type === 'PersonalDataErased') this.scrubPerson(tenantId, entityId);
    // read before this event's row is written: the event is added to it below
    const key = entityKey(tenantId, kind, entityId);
    const entity = ORG_KINDS.includes(kind) ? this.entity(key, tenantId, kind, entityId) : null;
    const json = JSON.stringify(data);
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
      json,
    );
    if (kind === 'drift') {
      const event = { type, data, effectiveAt: at } as EffectiveOrgEvent;
      if (!isEventOf('drift', event)) throw new Error(`a ${type} event in a drift stream`);
      return this.drift.apply(tenantId, event, recorded);
    }
    if (!entity) return; // reference models are read from their stream
    // exactly what reading the row back gives
    const event = { type, data: JSON.parse(json) as unknown, effectiveAt: at } as EffectiveOrgEvent;
    // not loaded: read back with this one (its row is written above) when a change needs them
    entity.events?.push({ position, event });
    this.applyEntityEvent(tenantId, kind, entityId, entity, event, position);
    this.entities.reweigh(key);
  }

  private applyEntityEvent(tenantId: string, kind: AggregateKind, entityId: string, entity: CachedEntity, event: EffectiveOrgEvent, position: number): void {
    const at = event.effectiveAt;
    // membership is kept in its own table, not in team versions
    if (MEMBER_TYPES.includes(event.type)) return this.applyMembership(tenantId, entityId, entity, (event.data as { personId: string }).personId, position);

    // Only the span from the change onwards moves: refold from the segment it lands in, starting
    // from the state in force just before that segment (or from scratch when there is none).
    // What was known from the change onwards is superseded as of this position (the version it
    // refolds from ends at or before the change, so it stays known)
    const touched = entity.versions.filter((v) => v.to === null || v.to > at);
    for (const version of touched) this.versions.close(version.id, position);
    const kept = entity.versions.filter((v) => !touched.includes(v));
    const decider = deciderFor(kind);
    const last = touched.length === 1 && touched[0]!.to === null && touched[0]!.from <= at ? touched[0]! : null;
    if (last) {
      // The usual case, a change at or after the start of the last version: every event known is
      // folded into its state (the new one comes last, in effective then recorded order), so the
      // state before the change stays in force up to it and the new one follows, with no refold
      const before = JSON.parse(last.state) as AnyState;
      const after = decider.evolve(before, event);
      entity.versions = kept;
      if (last.from < at) entity.versions.push(this.insertVersion(tenantId, kind, entityId, position, { from: last.from, to: at, state: before }, last.state)!);
      const version = this.insertVersion(tenantId, kind, entityId, position, { from: at, to: null, state: after });
      if (version) entity.versions.push(version);
      return;
    }
    const earliest = touched.reduce<string | null>((min, v) => (min === null || v.from < min ? v.from : min), null);
    const from = earliest !== null && earliest < at ? earliest : at;
    const prior = kept.find((v) => v.to === from);
    const events = this.eventsFrom(tenantId, kind, entityId, entity, prior ? from : null);
    const base = prior ? (JSON.parse(prior.state) as AnyState) : decider.initialState();
    const segments = timeline<OrgEvent, AnyState>(decider.evolve, decider.initialState, events, base);

    // the refolded segments cover the span superseded: they are the new knowledge
    entity.versions = kept;
    for (const segment of segments) {
      const version = this.insertVersion(tenantId, kind, entityId, position, segment);
      if (version) entity.versions.push(version);
    }
  }

  /** An entity's versions known now (and its events, when loaded), from memory, or its versions read from the file. */
  private entity(key: string, tenantId: string, kind: AggregateKind, entityId: string): CachedEntity {
    return this.entities.get(key, () => {
      if (!this.readBack) return { events: [], versions: [] };
      if (this.versions.holds(key)) this.versions.write(); // it was evicted since its last change
      const versions = this.statements.openVersions
        .all(tenantId, kind, entityId)
        .map((row) => ({ id: row.id, from: row.valid_from, to: row.valid_to, state: row.state }));
      return { events: null, versions };
    });
  }

  /** All the entity's events, read from the file (and kept) when not loaded yet. */
  private eventsOf(tenantId: string, kind: AggregateKind, entityId: string, entity: CachedEntity): TimelineEvent<EffectiveOrgEvent>[] {
    return (entity.events ??= this.statements.entityEvents.all(tenantId, entityId, kind).map(timelineEvent));
  }

  /**
   * The entity's events effective at or after `from` (all when null), in position order: from
   * memory when loaded, else only those read from the file (a refold's span: usually the end of a
   * long history), not kept.
   */
  private eventsFrom(tenantId: string, kind: AggregateKind, entityId: string, entity: CachedEntity, from: string | null): TimelineEvent<EffectiveOrgEvent>[] {
    if (from === null) return this.eventsOf(tenantId, kind, entityId, entity);
    if (entity.events) return entity.events.filter((e) => e.event.effectiveAt >= from);
    return this.statements.entityEventsFrom.all(tenantId, entityId, kind, from).map(timelineEvent);
  }

  /**
   * Replaces what this read model holds of an erased person's personal data by the placeholders
   * the log now reads as (their key is destroyed), so the live read model answers what a rebuild
   * would: names and emails in their events and versions, and the reasons sealed under their key.
   * Ids, assignments, reporting lines and memberships stay.
   */
  private scrubPerson(tenantId: string, personId: string): void {
    this.entities.clear(); // rare: what memory holds of the person and their teams is read again
    this.versions.write();
    if (!this.readBack) {
      this.db.exec(entityIndexes.sql); // from here on, entities are read back through them
      this.readBack = true;
    }
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

  /**
   * The team's member events of the person, the last one (just added to the team's events) included:
   * a team's events grow with its members, and filtering them all for each change made a large
   * team's changes cost in proportion to its history.
   */
  private memberEvents(tenantId: string, teamId: string, team: CachedEntity, personId: string): TimelineEvent<EffectiveOrgEvent>[] {
    const personOf = (e: TimelineEvent<EffectiveOrgEvent>) => (e.event.data as { personId: string }).personId;
    if (!team.members) {
      // the events, once loaded, stay with the team as long as its members do
      team.members = new Map();
      for (const e of this.eventsOf(tenantId, 'team', teamId, team)) if (MEMBER_TYPES.includes(e.event.type)) listOf(team.members, personOf(e)).push(e);
    } else listOf(team.members, personId).push(team.events![team.events!.length - 1]!);
    return listOf(team.members, personId);
  }

  /** Recomputes one person's membership intervals in one team, as known from `position` on. */
  private applyMembership(tenantId: string, teamId: string, team: CachedEntity, personId: string, position: number): void {
    const changes = [...this.memberEvents(tenantId, teamId, team, personId)].sort((a, b) =>
      a.event.effectiveAt === b.event.effectiveAt ? a.position - b.position : a.event.effectiveAt < b.event.effectiveAt ? -1 : 1,
    );
    const intervals: { from: string; to: string | null; added: number }[] = [];
    for (const { event, position: added } of changes) {
      const open = intervals.length > 0 && intervals[intervals.length - 1]!.to === null;
      if (event.type === 'TeamMemberAdded' && !open) intervals.push({ from: event.effectiveAt, to: null, added });
      if (event.type === 'TeamMemberRemoved' && open) intervals[intervals.length - 1]!.to = event.effectiveAt;
    }
    this.statements.closeMemberships.run(position, tenantId, teamId, personId);
    for (const { from, to, added } of intervals) {
      if (to === null || to > from) this.statements.insertMembership.run(tenantId, teamId, personId, from, to, added, position);
    }
  }

  /**
   * Writes a segment as a version known from `position` (none for a segment where the entity is
   * unknown); `stored` is its state as stored already, when another version holds it.
   */
  private insertVersion(
    tenantId: string,
    kind: AggregateKind,
    entityId: string,
    position: number,
    segment: Segment<AnyState>,
    stored?: string,
  ): OpenVersion | null {
    if (segment.state.status === 'Unknown') return null;
    if (kind === 'team') segment = { ...segment, state: { ...segment.state, memberIds: [] } as AnyState };
    const { links, ...row } = rowOf(kind, segment.state);
    const state = stored ?? JSON.stringify(segment.state);
    const id = this.versions.add({
      tenantId,
      kind,
      entityId,
      from: segment.from,
      to: segment.to,
      recordedFrom: position,
      ...row,
      state,
      links: links.filter((link) => meets(link, segment.from, segment.to)),
    });
    return { id, from: segment.from, to: segment.to, state };
  }
}
