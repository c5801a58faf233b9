// What a drift check reads of the org: the whole org at an instant with the position it reflects
// (a first check), then only the entities whose state at a later instant may differ (later
// checks): those with events recorded since, versions coming into force between the two
// instants, and teams whose memberships start or end between them. Each read is synchronous, so
// the position it answers and the states it read agree.
import type { OrgQueries } from './org-queries';
import { CHECKPOINT } from './org-read-model';
import type { ReadModelDb } from './read-model-db';
import type { OrgSnapshotData, PersonView, RoleView, TeamView } from './views';

/** Where a check left off: the read model's position and the instant checked. */
export interface CheckedUpTo {
  position: number;
  at: string;
}

/** New states at `at` of the entities that may have changed (null: not in the org then), read at `position`. */
export interface OrgChangesRead {
  position: number;
  at: string;
  roles: Map<string, RoleView | null>;
  people: Map<string, PersonView | null>;
  teams: Map<string, TeamView | null>;
}

const KINDS = ['role', 'person', 'team'] as const;
type Kind = (typeof KINDS)[number];

export class DriftOrgReads {
  private readonly statements;

  constructor(
    db: ReadModelDb,
    private readonly queries: OrgQueries,
  ) {
    this.statements = {
      position: db.prepare<[string], { position: number }>('SELECT position FROM checkpoints WHERE name = ?'),
      recorded: db.prepare<[string, number], { kind: Kind; entity_id: string }>(
        `SELECT DISTINCT kind, entity_id FROM events WHERE tenant_id = ? AND position > ? AND kind IN ('role', 'person', 'team')`,
      ),
      // versions known now are contiguous per entity: a state that ends between the instants is followed by one that starts then
      starting: db.prepare<[string, Kind, string, string], { entity_id: string }>(
        'SELECT DISTINCT entity_id FROM versions WHERE tenant_id = ? AND kind = ? AND valid_from > ? AND valid_from <= ? AND recorded_to IS NULL',
      ),
      inForce: db.prepare<{ tenantId: string; kind: Kind; asOf: string }, { state: string }>(
        `SELECT state FROM versions WHERE tenant_id = @tenantId AND kind = @kind
           AND valid_from <= @asOf AND (valid_to IS NULL OR valid_to > @asOf) AND recorded_to IS NULL`,
      ),
      // every team's members in the order OrgQueries.members gives them
      members: db.prepare<{ tenantId: string; asOf: string }, { team_id: string; person_id: string }>(
        `SELECT team_id, person_id FROM memberships WHERE tenant_id = @tenantId
           AND valid_from <= @asOf AND (valid_to IS NULL OR valid_to > @asOf) AND recorded_to IS NULL ORDER BY team_id, valid_from, added_position`,
      ),
      // the states in force at an instant, as known now, of a list of entities (a JSON array of ids)
      states: db.prepare<{ tenantId: string; kind: Kind; ids: string; asOf: string }, { entity_id: string; state: string }>(
        `SELECT entity_id, state FROM versions WHERE tenant_id = @tenantId AND kind = @kind AND entity_id IN (SELECT value FROM json_each(@ids))
           AND recorded_to IS NULL AND valid_from <= @asOf AND (valid_to IS NULL OR valid_to > @asOf)`,
      ),
      memberships: db.prepare<{ tenantId: string; from: string; to: string }, { team_id: string }>(
        `SELECT DISTINCT team_id FROM memberships WHERE tenant_id = @tenantId AND recorded_to IS NULL
           AND ((valid_from > @from AND valid_from <= @to) OR (valid_to > @from AND valid_to <= @to))`,
      ),
    };
  }

  private position(): number {
    return this.statements.position.get(CHECKPOINT)?.position ?? 0;
  }

  /**
   * The whole org at `asOf` as known now, a kind at a time (a step between kinds, so a caller on
   * a busy event loop can give way). In no particular order: the interval index finds the
   * states in force without reading every version's row. Entities changed between the steps
   * have positions after the one it answers: the next check reads them again.
   */
  *snapshot(tenantId: string, asOf: string): Generator<void, { org: OrgSnapshotData; position: number }> {
    const position = this.position();
    const all = <S>(kind: Kind): S[] => this.statements.inForce.all({ tenantId, kind, asOf }).map((row) => JSON.parse(row.state) as S);
    const roles = all<RoleView>('role');
    yield;
    const people = all<PersonView>('person');
    yield;
    const members = new Map<string, string[]>();
    for (const { team_id, person_id } of this.statements.members.all({ tenantId, asOf })) {
      const list = members.get(team_id);
      if (list) list.push(person_id);
      else members.set(team_id, [person_id]);
    }
    const teams = all<TeamView>('team').map((team) => ({ ...team, memberIds: members.get(team.id) ?? [] }));
    return { position, org: { at: asOf, roles, people, teams } };
  }

  /** The entities whose state at `asOf` may differ from what they were at `since`, with their states at `asOf` (null: not in the org then). */
  changes(tenantId: string, since: CheckedUpTo, asOf: string): OrgChangesRead {
    const position = this.position();
    const [from, to] = since.at < asOf ? [since.at, asOf] : [asOf, since.at];
    const ids: Record<Kind, Set<string>> = { role: new Set(), person: new Set(), team: new Set() };
    for (const { kind, entity_id } of this.statements.recorded.all(tenantId, since.position)) ids[kind].add(entity_id);
    if (from !== to) {
      for (const kind of KINDS) for (const { entity_id } of this.statements.starting.all(tenantId, kind, from, to)) ids[kind].add(entity_id);
      for (const { team_id } of this.statements.memberships.all({ tenantId, from, to })) ids.team.add(team_id);
    }
    const states = <S>(kind: Kind): Map<string, S | null> => {
      const found = new Map<string, S | null>([...ids[kind]].map((id) => [id, null]));
      if (found.size === 0) return found;
      for (const row of this.statements.states.all({ tenantId, kind, ids: JSON.stringify([...found.keys()]), asOf })) {
        found.set(row.entity_id, JSON.parse(row.state) as S);
      }
      return found;
    };
    // team versions keep no member list: the memberships in force at the instant fill it in
    const teams = states<TeamView>('team');
    for (const [id, team] of teams) if (team) teams.set(id, { ...team, memberIds: this.queries.members(tenantId, id, { asOf, knownAt: null }) });
    return { position, at: asOf, roles: states<RoleView>('role'), people: states<PersonView>('person'), teams };
  }
}
