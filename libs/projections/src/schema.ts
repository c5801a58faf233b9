// The bitemporal read model. Every fact is a row valid over an effective interval
// [valid_from, valid_to) and known over a recorded interval [recorded_from, recorded_to) of
// global positions; "the org as of T as known at K" is an indexed interval lookup, no replay.
/** An entity's events in order; with the kind, it counts an entity's version from the index alone. */
const eventsEntityIndex = 'CREATE INDEX IF NOT EXISTS events_entity_kind_idx ON events (tenant_id, entity_id, position, kind);';
/** An entity's versions, those known now first. */
const versionsEntityIndex = 'CREATE INDEX IF NOT EXISTS versions_entity_idx ON versions (tenant_id, kind, entity_id, recorded_to);';

export const readModelSchema = `
CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL);

-- maps "known at" instants onto global positions: the last position recorded at each instant
-- (recordedAt never decreases with position, so the last position known at K is the largest
-- position of the instants up to K); one row per instant, not per event
CREATE TABLE IF NOT EXISTS recorded (recorded_at TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID;

-- every org event with its metadata: an entity's events recompute its effective timeline when a
-- change lands, and serve history, the audit log and subscriptions. data is upcast to the
-- current shape; type_version is the version it was stored with.
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL,
  tenant_id TEXT NOT NULL, kind TEXT NOT NULL, entity_id TEXT NOT NULL, revision INTEGER NOT NULL,
  type TEXT NOT NULL, type_version INTEGER NOT NULL,
  effective_at TEXT NOT NULL, recorded_at TEXT NOT NULL,
  actor TEXT NOT NULL, reason TEXT, source TEXT NOT NULL, correlation_id TEXT NOT NULL, causation_id TEXT,
  data TEXT NOT NULL
);
${eventsEntityIndex}
CREATE INDEX IF NOT EXISTS events_tenant_idx ON events (tenant_id, position);
CREATE INDEX IF NOT EXISTS events_actor_idx ON events (tenant_id, actor, position);
CREATE INDEX IF NOT EXISTS events_type_idx ON events (tenant_id, type, position);

CREATE TABLE IF NOT EXISTS versions (
  id INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL, kind TEXT NOT NULL, entity_id TEXT NOT NULL,
  valid_from TEXT NOT NULL, valid_to TEXT,
  recorded_from INTEGER NOT NULL, recorded_to INTEGER,
  sort_key TEXT NOT NULL, status TEXT NOT NULL, manager_id TEXT, parent_id TEXT,
  state TEXT NOT NULL
);
${versionsEntityIndex}
-- lists in name order, with the intervals, so that rows not in force are skipped in the index
CREATE INDEX IF NOT EXISTS versions_order_idx ON versions (tenant_id, kind, sort_key, entity_id, valid_from, valid_to, recorded_from, recorded_to);
-- a manager's reports, all their versions: few rows, looked up by id, then kept in force
CREATE INDEX IF NOT EXISTS versions_manager_idx ON versions (tenant_id, kind, manager_id) WHERE manager_id IS NOT NULL;
-- reads without knownAt (the common case) only look at what is known now
CREATE INDEX IF NOT EXISTS versions_current_order_idx ON versions (tenant_id, kind, sort_key, entity_id, valid_from, valid_to) WHERE recorded_to IS NULL;
-- counts at an instant (totalCount, stats) read the intervals from this index alone, never the states
CREATE INDEX IF NOT EXISTS versions_span_idx ON versions (tenant_id, kind, valid_from, valid_to, recorded_to, recorded_from, status);
-- the same for what is known now (most reads): a fraction of the rows, so a fraction of the scan
CREATE INDEX IF NOT EXISTS versions_current_span_idx ON versions (tenant_id, kind, valid_from, valid_to, status) WHERE recorded_to IS NULL;
CREATE INDEX IF NOT EXISTS versions_parent_idx ON versions (tenant_id, parent_id) WHERE parent_id IS NOT NULL;

-- team membership, one row per (team, person) membership interval: kept apart from team
-- versions so that a team of hundreds does not copy its member list on every change
CREATE TABLE IF NOT EXISTS memberships (
  tenant_id TEXT NOT NULL, team_id TEXT NOT NULL, person_id TEXT NOT NULL,
  valid_from TEXT NOT NULL, valid_to TEXT,
  added_position INTEGER NOT NULL, -- the event that opened the interval: orders members as the domain does
  recorded_from INTEGER NOT NULL, recorded_to INTEGER
);
CREATE INDEX IF NOT EXISTS memberships_team_idx ON memberships (tenant_id, team_id, person_id);
-- a team's members in the order they joined, with their intervals: lists and snapshots read the index alone
CREATE INDEX IF NOT EXISTS memberships_order_idx ON memberships (tenant_id, team_id, valid_from, added_position, person_id, valid_to, recorded_from, recorded_to);

-- relations held in a version's state, for reverse lookups: 'assignment' (target = role),
-- with the assignment's own effective interval
CREATE TABLE IF NOT EXISTS links (
  version_id INTEGER NOT NULL REFERENCES versions (id),
  tenant_id TEXT NOT NULL, kind TEXT NOT NULL, target_id TEXT NOT NULL,
  valid_from TEXT, valid_to TEXT
);
CREATE INDEX IF NOT EXISTS links_target_idx ON links (tenant_id, kind, target_id);


-- drift: each time a finding opens is an occurrence, closed when a check no longer finds it
CREATE TABLE IF NOT EXISTS drift_findings (
  tenant_id TEXT NOT NULL, finding_id TEXT NOT NULL, occurrence INTEGER NOT NULL,
  rule_id TEXT NOT NULL, severity TEXT NOT NULL, subject_type TEXT NOT NULL, subject_id TEXT NOT NULL,
  message TEXT NOT NULL, evidence TEXT NOT NULL, source TEXT NOT NULL,
  detected_at TEXT NOT NULL, detected_run TEXT NOT NULL, resolved_at TEXT,
  PRIMARY KEY (tenant_id, finding_id, occurrence)
);
CREATE TABLE IF NOT EXISTS drift_waivers (
  tenant_id TEXT NOT NULL, finding_id TEXT NOT NULL, occurrence INTEGER NOT NULL,
  reason TEXT NOT NULL, actor TEXT NOT NULL, waived_at TEXT NOT NULL, expires_at TEXT, position INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS drift_waivers_idx ON drift_waivers (tenant_id, finding_id, occurrence);
CREATE TABLE IF NOT EXISTS drift_runs (
  tenant_id TEXT NOT NULL, run_id TEXT NOT NULL, trigger TEXT NOT NULL, checked_at TEXT NOT NULL, recorded_at TEXT NOT NULL,
  duration_ms INTEGER NOT NULL, model_version INTEGER NOT NULL, detected INTEGER NOT NULL, resolved INTEGER NOT NULL, open INTEGER NOT NULL,
  position INTEGER NOT NULL, PRIMARY KEY (tenant_id, run_id)
);
CREATE INDEX IF NOT EXISTS drift_runs_position_idx ON drift_runs (tenant_id, position);
`;

/** Indexes this code no longer creates, dropped from read models built before. */
export const droppedIndexes = [
  'versions_current_manager_idx',
  'events_entity_effective_idx',
  'events_entity_idx',
  'versions_list_idx',
  'versions_current_list_idx',
  // no read looks a membership up by person alone, or a link by its version
  'memberships_person_idx',
  'links_version_idx',
];

export const readModelTables = ['checkpoints', 'recorded', 'events', 'links', 'versions', 'memberships', 'drift_findings', 'drift_waivers', 'drift_runs'];

/** The indexes the read model's writer reads an entity back through (its events, its versions known now). */
export const entityIndexes = { names: ['events_entity_kind_idx', 'versions_entity_idx'], sql: `${eventsEntityIndex}\n${versionsEntityIndex}` };

/** The indexes the read model's writer reads through (an entity read back, a membership): kept during a rebuild that reads back. */
export const writePathIndexes = [...entityIndexes.names, 'memberships_team_idx'];
