// Reads of the bitemporal read model. Every read names an instant on both axes: `asOf`
// (effective time) and `knownAt` (recorded time; null = everything recorded so far).
import type { AggregateKind } from '@rolebook/domain';
import { decodeCursor, encodeCursor } from './cursors';
import type { OrgSnapshotData, PersonView, RoleView, TeamView } from './views';
import { fetchSize, toPage, type Page, type PageRequest } from './page';
import type { ReadModelDb } from './read-model-db';

export interface At {
  asOf: string;
  knownAt: string | null;
}

export interface Versioned<S> {
  state: S;
  /** Number of events of the entity known at `knownAt`: the entity version. */
  version: number;
}

export interface RoleFilter {
  status?: 'Active' | 'Retired';
  nameContains?: string;
}
export interface PersonFilter {
  status?: 'Active' | 'Terminated';
  managerId?: string;
  roleId?: string;
  teamId?: string;
  nameContains?: string;
}
export interface TeamFilter {
  parentTeamId?: string;
  nameContains?: string;
}

export interface OrgStats {
  headcount: number;
  terminatedPeople: number;
  roles: number;
  retiredRoles: number;
  vacantRoles: number;
  teams: number;
  activeAssignments: number;
  unassignedPeople: number;
}

/** SQL for the domain's inForceAt over the [valid_from, valid_to) of alias `t`, at @asOf. */
const inForceAtSql = (t: string) => `${t}.valid_from <= @asOf AND (${t}.valid_to IS NULL OR ${t}.valid_to > @asOf)`;

const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

interface VersionRow {
  entity_id: string;
  sort_key: string;
  state: string;
  version: number;
}

export class OrgQueries {
  private readonly statements = new Map<string, ReturnType<ReadModelDb['prepare']>>();

  constructor(private readonly db: ReadModelDb) {}

  /** Prepared statements are cached by their text: the queries are built from a few shapes. */
  private prepare<P extends unknown[] | object, R>(sql: string) {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement as unknown as ReturnType<ReadModelDb['prepare']> & {
      get(...params: P extends unknown[] ? P : [P]): R | undefined;
      all(...params: P extends unknown[] ? P : [P]): R[];
    };
  }

  /** The last global position recorded at or before `knownAt`. */
  private knownPosition(knownAt: string): number {
    const row = this.prepare<[string], { p: number | null }>('SELECT MAX(position) AS p FROM recorded WHERE recorded_at <= ?').get(knownAt);
    return row?.p ?? 0;
  }

  /** SQL that keeps the rows of alias `v` in force at `at`, with its parameters. */
  private inForce(v: string, at: At): { sql: string; params: Record<string, unknown> } {
    const effective = inForceAtSql(v);
    if (at.knownAt === null) return { sql: `${effective} AND ${v}.recorded_to IS NULL`, params: { asOf: at.asOf } };
    return {
      sql: `${effective} AND ${v}.recorded_from <= @known AND (${v}.recorded_to IS NULL OR ${v}.recorded_to > @known)`,
      params: { asOf: at.asOf, known: this.knownPosition(at.knownAt) },
    };
  }

  private versionSql(at: At): string {
    const bound = at.knownAt === null ? '' : ' AND e.position <= @known';
    return `(SELECT COUNT(*) FROM events e WHERE e.tenant_id = v.tenant_id AND e.entity_id = v.entity_id AND e.kind = v.kind${bound})`;
  }

  private select<S>(
    tenantId: string,
    kind: AggregateKind,
    at: At,
    where: string[],
    params: Record<string, unknown>,
    tail = '',
    /** false when the caller keeps only the states: the version count is the costliest part of a big read. */
    withVersion = true,
  ): (VersionRow & { node: Versioned<S> })[] {
    const force = this.inForce('v', at);
    const sql = `SELECT v.entity_id, v.sort_key, v.state, ${withVersion ? this.versionSql(at) : '0'} AS version FROM versions v
      WHERE v.tenant_id = @tenantId AND v.kind = @kind AND ${force.sql}${where.map((w) => ` AND ${w}`).join('')} ${tail}`;
    return this.prepare<Record<string, unknown>, VersionRow>(sql)
      .all({ ...params, ...force.params, tenantId, kind })
      .map((row) => ({ ...row, node: { state: JSON.parse(row.state) as S, version: row.version } }));
  }

  private one<S>(tenantId: string, kind: AggregateKind, id: string, at: At): Versioned<S> | null {
    return this.select<S>(tenantId, kind, at, ['v.entity_id = @id'], { id })[0]?.node ?? null;
  }

  /** Ids of the team's members at `at`, in the order they joined. */
  members(tenantId: string, teamId: string, at: At): string[] {
    const force = this.inForce('m', at);
    return this.prepare<Record<string, unknown>, { person_id: string }>(
      `SELECT m.person_id FROM memberships m WHERE m.tenant_id = @tenantId AND m.team_id = @teamId AND ${force.sql} ORDER BY m.valid_from, m.added_position`,
    )
      .all({ ...force.params, tenantId, teamId })
      .map((row) => row.person_id);
  }

  /** Team versions keep no member list (memberships do): fill it in for `at`. */
  private withMembers(tenantId: string, at: At, team: Versioned<TeamView>): Versioned<TeamView> {
    return { ...team, state: { ...team.state, memberIds: this.members(tenantId, team.state.id, at) } };
  }

  role = (tenantId: string, id: string, at: At) => this.one<RoleView>(tenantId, 'role', id, at);
  person = (tenantId: string, id: string, at: At) => this.one<PersonView>(tenantId, 'person', id, at);
  team = (tenantId: string, id: string, at: At) => {
    const team = this.one<TeamView>(tenantId, 'team', id, at);
    return team && this.withMembers(tenantId, at, team);
  };

  private page<S>(tenantId: string, kind: AggregateKind, at: At, where: string[], params: Record<string, unknown>, page: PageRequest): Page<Versioned<S>> {
    const cursorWhere = [...where];
    const cursorParams = { ...params };
    if (page.after !== null) {
      const [sortKey, id] = decodeCursor<[string, string]>(page.after, ['string', 'string']);
      cursorWhere.push('(v.sort_key, v.entity_id) > (@afterKey, @afterId)');
      Object.assign(cursorParams, { afterKey: sortKey, afterId: id });
    }
    const rows = this.select<S>(tenantId, kind, at, cursorWhere, { ...cursorParams, limit: fetchSize(page) }, 'ORDER BY v.sort_key, v.entity_id LIMIT @limit');
    return toPage(
      rows,
      page,
      (row) => ({ cursor: encodeCursor([row.sort_key, row.entity_id]), node: row.node }),
      () => this.countWhere(tenantId, kind, at, where, params),
    );
  }

  private countWhere(tenantId: string, kind: AggregateKind, at: At, where: string[], params: Record<string, unknown>): number {
    const force = this.inForce('v', at);
    const sql = `SELECT COUNT(*) AS n FROM versions v WHERE v.tenant_id = @tenantId AND v.kind = @kind AND ${force.sql}${where.map((w) => ` AND ${w}`).join('')}`;
    return this.prepare<Record<string, unknown>, { n: number }>(sql).get({ ...params, ...force.params, tenantId, kind })!.n;
  }

  roles(tenantId: string, at: At, filter: RoleFilter, page: PageRequest): Page<Versioned<RoleView>> {
    const where: string[] = [];
    if (filter.status) where.push('v.status = @status');
    if (filter.nameContains) where.push("v.sort_key LIKE @name ESCAPE '\\'");
    return this.page(tenantId, 'role', at, where, { status: filter.status, name: filter.nameContains && likePattern(filter.nameContains) }, page);
  }

  people(tenantId: string, at: At, filter: PersonFilter, page: PageRequest): Page<Versioned<PersonView>> {
    const where: string[] = [];
    if (filter.status) where.push('v.status = @status');
    if (filter.managerId) where.push('v.manager_id = @managerId');
    if (filter.nameContains) where.push("v.sort_key LIKE @name ESCAPE '\\'");
    if (filter.roleId) where.push(this.holdsRoleSql());
    if (filter.teamId) where.push(this.inTeamSql(at));
    return this.page(
      tenantId,
      'person',
      at,
      where,
      {
        status: filter.status,
        managerId: filter.managerId,
        roleId: filter.roleId,
        teamId: filter.teamId,
        name: filter.nameContains && likePattern(filter.nameContains),
      },
      page,
    );
  }

  teams(tenantId: string, at: At, filter: TeamFilter, page: PageRequest): Page<Versioned<TeamView>> {
    const where: string[] = [];
    if (filter.parentTeamId) where.push('v.parent_id = @parentTeamId');
    if (filter.nameContains) where.push("v.sort_key LIKE @name ESCAPE '\\'");
    const result = this.page<TeamView>(
      tenantId,
      'team',
      at,
      where,
      { parentTeamId: filter.parentTeamId, name: filter.nameContains && likePattern(filter.nameContains) },
      page,
    );
    return { ...result, items: result.items.map((item) => ({ ...item, node: this.withMembers(tenantId, at, item.node) })) };
  }

  /** A person row of alias v holds @roleId at @asOf (driven from the role's links, which are few). */
  private holdsRoleSql(): string {
    return `v.id IN (SELECT l.version_id FROM links l WHERE l.tenant_id = @tenantId AND l.kind = 'assignment' AND l.target_id = @roleId
      AND ${inForceAtSql('l')})`;
  }

  /** A person row of alias v is a member of team @teamId at `at` (driven from the team's memberships). */
  private inTeamSql(at: At): string {
    return `v.entity_id IN (SELECT m.person_id FROM memberships m WHERE m.tenant_id = @tenantId AND m.team_id = @teamId
      AND ${this.inForce('m', at).sql})`;
  }

  directReports(tenantId: string, managerId: string, at: At): Versioned<PersonView>[] {
    // driven from the manager's few versions rows, not from every person in force
    const reports = `v.id IN (SELECT r.id FROM versions r WHERE r.tenant_id = @tenantId AND r.kind = 'person' AND r.manager_id = @managerId)`;
    return this.select<PersonView>(tenantId, 'person', at, [reports], { managerId }, 'ORDER BY v.sort_key, v.entity_id').map((r) => r.node);
  }

  roleHolders(tenantId: string, roleId: string, at: At): Versioned<PersonView>[] {
    return this.select<PersonView>(tenantId, 'person', at, [this.holdsRoleSql()], { roleId }, 'ORDER BY v.sort_key, v.entity_id').map((r) => r.node);
  }

  teamsOf(tenantId: string, personId: string, at: At): Versioned<TeamView>[] {
    return this.select<TeamView>(
      tenantId,
      'team',
      at,
      [
        `EXISTS (SELECT 1 FROM memberships m WHERE m.tenant_id = v.tenant_id AND m.team_id = v.entity_id AND m.person_id = @personId AND ${this.inForce('m', at).sql})`,
      ],
      { personId },
      'ORDER BY v.sort_key, v.entity_id',
    ).map((r) => this.withMembers(tenantId, at, r.node));
  }

  childTeams(tenantId: string, teamId: string, at: At): Versioned<TeamView>[] {
    return this.select<TeamView>(tenantId, 'team', at, ['v.parent_id = @teamId'], { teamId }, 'ORDER BY v.sort_key, v.entity_id').map((r) =>
      this.withMembers(tenantId, at, r.node),
    );
  }

  /** The line upwards from `personId` (itself first) at `asOf`, as known now. Stops at a cycle. */
  managerLine(tenantId: string, personId: string, asOf: string): string[] {
    return this.line(personId, (id) => this.person(tenantId, id, { asOf, knownAt: null })?.state.managerId ?? null);
  }

  /** The line upwards from `teamId` (itself first) at `asOf`, as known now. Stops at a cycle. */
  teamLine(tenantId: string, teamId: string, asOf: string): string[] {
    return this.line(teamId, (id) => this.team(tenantId, id, { asOf, knownAt: null })?.state.parentTeamId ?? null);
  }

  private line(start: string, up: (id: string) => string | null): string[] {
    const line = [start];
    for (let next = up(start); next !== null && !line.includes(next); next = up(next)) line.push(next);
    return line;
  }

  /** Tenants with any org entity. */
  tenants(): string[] {
    return (this.db.prepare('SELECT DISTINCT tenant_id FROM versions').all() as { tenant_id: string }[]).map((r) => r.tenant_id);
  }

  /** Every role, person and team in force at `at`. */
  snapshot(tenantId: string, at: At): OrgSnapshotData {
    const all = <S>(kind: AggregateKind) => this.select<S>(tenantId, kind, at, [], {}, 'ORDER BY v.entity_id', false).map((r) => r.node.state);
    const members = this.allMembers(tenantId, at);
    const teams = all<TeamView>('team').map((team) => ({ ...team, memberIds: members.get(team.id) ?? [] }));
    return { at: at.asOf, roles: all<RoleView>('role'), people: all<PersonView>('person'), teams };
  }

  /** Every team's members at `at` in one read, in the order `members` gives them. */
  private allMembers(tenantId: string, at: At): Map<string, string[]> {
    const force = this.inForce('m', at);
    const rows = this.prepare<Record<string, unknown>, { team_id: string; person_id: string }>(
      `SELECT m.team_id, m.person_id FROM memberships m WHERE m.tenant_id = @tenantId AND ${force.sql} ORDER BY m.team_id, m.valid_from, m.added_position`,
    ).all({ ...force.params, tenantId });
    const members = new Map<string, string[]>();
    for (const { team_id, person_id } of rows) {
      const list = members.get(team_id);
      if (list) list.push(person_id);
      else members.set(team_id, [person_id]);
    }
    return members;
  }

  /** Counts describing the org at `at`. */
  stats(tenantId: string, at: At): OrgStats {
    const force = this.inForce('v', at);
    const activeAssignment = `l.kind = 'assignment' AND ${inForceAtSql('l')}`;
    const sql = `SELECT
        SUM(v.kind = 'person' AND v.status = 'Active') AS headcount,
        SUM(v.kind = 'person' AND v.status = 'Terminated') AS terminatedPeople,
        SUM(v.kind = 'role' AND v.status = 'Active') AS roles,
        SUM(v.kind = 'role' AND v.status = 'Retired') AS retiredRoles,
        SUM(v.kind = 'team') AS teams,
        SUM(v.kind = 'role' AND v.status = 'Active' AND NOT EXISTS (
          SELECT 1 FROM links l JOIN versions p ON p.id = l.version_id
          WHERE l.tenant_id = v.tenant_id AND l.target_id = v.entity_id AND ${activeAssignment} AND ${this.inForce('p', at).sql})) AS vacantRoles,
        SUM(v.kind = 'person' AND v.status = 'Active' AND NOT EXISTS (
          SELECT 1 FROM links l WHERE l.version_id = v.id AND ${activeAssignment})) AS unassignedPeople,
        (SELECT COUNT(*) FROM links l JOIN versions p ON p.id = l.version_id
          WHERE p.tenant_id = @tenantId AND p.kind = 'person' AND ${activeAssignment} AND ${this.inForce('p', at).sql}) AS activeAssignments
      FROM versions v WHERE v.tenant_id = @tenantId AND v.kind IN ('person', 'role', 'team') AND ${force.sql}`; // the kinds let the interval index skip versions not yet in effect
    const row = this.prepare<Record<string, unknown>, Record<keyof OrgStats, number | null>>(sql).get({ ...force.params, tenantId })!;
    return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value ?? 0])) as unknown as OrgStats;
  }

  /** Assignments of a role, as known now, that are open at or after `from`. */
  openAssignmentCount(tenantId: string, roleId: string, from: string): number {
    const row = this.prepare<[string, string, string], { n: number }>(
      `SELECT COUNT(*) AS n FROM links l JOIN versions v ON v.id = l.version_id
         WHERE l.tenant_id = ? AND l.kind = 'assignment' AND l.target_id = ? AND v.recorded_to IS NULL AND v.valid_to IS NULL
           AND (l.valid_to IS NULL OR l.valid_to > ?)`,
    ).get(tenantId, roleId, from);
    return row?.n ?? 0;
  }
}
