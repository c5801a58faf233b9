// Reads of the bitemporal read model. Every read names an instant on both axes: `asOf`
// (effective time) and `knownAt` (recorded time; null = everything recorded so far).
import type { AggregateKind } from '@rolebook/domain';
import { decodeCursor, encodeCursor } from './cursors';
import { OrgCounts, type CountAt, type OrgStats } from './org-counts';
import type { OrgChange } from './org-diff';
import { OrgDiffReads } from './org-diff-reads';
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

export type { OrgStats } from './org-counts';

/** SQL for the domain's inForceAt over the [valid_from, valid_to) of alias `t`, at @asOf. */
const inForceAtSql = (t: string) => `${t}.valid_from <= @asOf AND (${t}.valid_to IS NULL OR ${t}.valid_to > @asOf)`;

const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * How a read reaches the versions rows. Named, not left to the planner: with sampled statistics
 * it took the interval index (every version of a kind) for reads of one entity or a few rows,
 * which made a point read cost as much as a count.
 */
type Access =
  /** one entity's rows, or the entities of an `v.entity_id IN (...)` term */
  | 'entity'
  /** the rows of a `v.id IN (...)` term, by rowid */
  | 'rowid'
  /** in list order (sort key, id), to stop at a page's end */
  | 'list'
  /** every row in force, read from the interval index alone where it can */
  | 'span';

const ACCESS: Record<Access, (at: At) => string> = {
  entity: () => 'INDEXED BY versions_entity_idx',
  rowid: () => 'NOT INDEXED',
  list: (at) => (at.knownAt === null ? 'INDEXED BY versions_current_order_idx' : 'INDEXED BY versions_order_idx'),
  span: (at) => (at.knownAt === null ? 'INDEXED BY versions_current_span_idx' : 'INDEXED BY versions_span_idx'),
};

interface VersionRow {
  entity_id: string;
  sort_key: string;
  state: string;
  version: number;
}

export class OrgQueries {
  private readonly statements = new Map<string, ReturnType<ReadModelDb['prepare']>>();

  private readonly counts: OrgCounts;

  private readonly diffs: OrgDiffReads;

  constructor(private readonly db: ReadModelDb) {
    this.counts = new OrgCounts(db);
    this.diffs = new OrgDiffReads(db);
  }

  /** Prepared statements are cached by their text: the queries are built from a few shapes. */
  private prepare<P extends unknown[] | object, R>(sql: string) {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement as unknown as ReturnType<ReadModelDb['prepare']> & {
      get(...params: P extends unknown[] ? P : [P]): R | undefined;
      all(...params: P extends unknown[] ? P : [P]): R[];
    };
  }

  /**
   * The last global position recorded at or before `knownAt`: one index seek, as recorded instants
   * never decrease with position (OrgReadModel.apply); MAX(position) read every earlier row.
   */
  private knownPosition(knownAt: string): number {
    const row = this.prepare<[string], { p: number }>(
      'SELECT position AS p FROM recorded WHERE recorded_at <= ? ORDER BY recorded_at DESC, position DESC LIMIT 1',
    ).get(knownAt);
    return row?.p ?? 0;
  }

  /** SQL that keeps the rows of alias `v` (versions or memberships) in force at `at` on both axes, with its parameters. */
  inForce(v: string, at: At): { sql: string; params: Record<string, unknown> } {
    const effective = inForceAtSql(v);
    if (at.knownAt === null) return { sql: `${effective} AND ${v}.recorded_to IS NULL`, params: { asOf: at.asOf } };
    return {
      // IFNULL, not OR: an OR made the planner read both halves of an index instead of seeking an entity's rows
      sql: `${effective} AND ${v}.recorded_from <= @known AND IFNULL(${v}.recorded_to, ${Number.MAX_SAFE_INTEGER}) > @known`,
      params: { asOf: at.asOf, known: this.knownPosition(at.knownAt) },
    };
  }

  private versionSql(at: At): string {
    const bound = at.knownAt === null ? '' : ' AND e.position <= @known';
    return `(SELECT COUNT(*) FROM events e INDEXED BY events_entity_kind_idx
      WHERE e.tenant_id = v.tenant_id AND e.entity_id = v.entity_id AND e.kind = v.kind${bound})`;
  }

  private select<S>(
    tenantId: string,
    kind: AggregateKind,
    at: At,
    access: Access,
    where: string[],
    params: Record<string, unknown>,
    tail = '',
    /** false when the caller keeps only the states: the version count is the costliest part of a big read. */
    withVersion = true,
  ): (VersionRow & { node: Versioned<S> })[] {
    const force = this.inForce('v', at);
    const sql = `SELECT v.entity_id, v.sort_key, v.state, ${withVersion ? this.versionSql(at) : '0'} AS version FROM versions v ${ACCESS[access](at)}
      WHERE v.tenant_id = @tenantId AND v.kind = @kind AND ${force.sql}${where.map((w) => ` AND ${w}`).join('')} ${tail}`;
    return this.prepare<Record<string, unknown>, VersionRow>(sql)
      .all({ ...params, ...force.params, tenantId, kind })
      .map((row) => ({ ...row, node: { state: JSON.parse(row.state) as S, version: row.version } }));
  }

  private one<S>(tenantId: string, kind: AggregateKind, id: string, at: At): Versioned<S> | null {
    return this.select<S>(tenantId, kind, at, 'entity', ['v.entity_id = @id'], { id })[0]?.node ?? null;
  }

  /** Ids of the team's members at `at`, in the order they joined. */
  members(tenantId: string, teamId: string, at: At): string[] {
    const force = this.inForce('m', at);
    return this.prepare<Record<string, unknown>, { person_id: string }>(
      `SELECT m.person_id FROM memberships m INDEXED BY memberships_order_idx WHERE m.tenant_id = @tenantId AND m.team_id = @teamId AND ${force.sql} ORDER BY m.valid_from, m.added_position`,
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

  private page<S>(
    tenantId: string,
    kind: AggregateKind,
    at: At,
    /** how the filters reach their rows; 'list' when no filter drives the read */
    access: Access,
    where: string[],
    params: Record<string, unknown>,
    page: PageRequest,
  ): Page<Versioned<S>> {
    const cursorWhere = [...where];
    const cursorParams = { ...params };
    if (page.after !== null) {
      const [sortKey, id] = decodeCursor<[string, string]>(page.after, ['string', 'string']);
      cursorWhere.push('(v.sort_key, v.entity_id) > (@afterKey, @afterId)');
      Object.assign(cursorParams, { afterKey: sortKey, afterId: id });
    }
    const rows = this.select<S>(
      tenantId,
      kind,
      at,
      access,
      cursorWhere,
      { ...cursorParams, limit: fetchSize(page) },
      'ORDER BY v.sort_key, v.entity_id LIMIT @limit',
    );
    return toPage(
      rows,
      page,
      (row) => ({ cursor: encodeCursor([row.sort_key, row.entity_id]), node: row.node }),
      // a count needs no order: every row in force is read from the interval index
      () => this.countWhere(tenantId, kind, at, access === 'list' ? 'span' : access, where, params),
    );
  }

  private countWhere(tenantId: string, kind: AggregateKind, at: At, access: Access, where: string[], params: Record<string, unknown>): number {
    if (where.length === 0) return this.counts.count(tenantId, kind, this.countAt(at));
    const force = this.inForce('v', at);
    const sql = `SELECT COUNT(*) AS n FROM versions v ${ACCESS[access](at)}
      WHERE v.tenant_id = @tenantId AND v.kind = @kind AND ${force.sql}${where.map((w) => ` AND ${w}`).join('')}`;
    return this.prepare<Record<string, unknown>, { n: number }>(sql).get({ ...params, ...force.params, tenantId, kind })!.n;
  }

  roles(tenantId: string, at: At, filter: RoleFilter, page: PageRequest): Page<Versioned<RoleView>> {
    const where: string[] = [];
    if (filter.status) where.push('v.status = @status');
    if (filter.nameContains) where.push("v.sort_key LIKE @name ESCAPE '\\'");
    return this.page(tenantId, 'role', at, 'list', where, { status: filter.status, name: filter.nameContains && likePattern(filter.nameContains) }, page);
  }

  people(tenantId: string, at: At, filter: PersonFilter, page: PageRequest): Page<Versioned<PersonView>> {
    const where: string[] = [];
    if (filter.status) where.push('v.status = @status');
    if (filter.managerId) where.push(this.reportsToSql());
    if (filter.nameContains) where.push("v.sort_key LIKE @name ESCAPE '\\'");
    if (filter.roleId) where.push(this.holdsRoleSql());
    if (filter.teamId) where.push(this.inTeamSql(at));
    // the most selective filter drives the read: a role's holders, a manager's reports, a team's members
    const access: Access = filter.roleId || filter.managerId ? 'rowid' : filter.teamId ? 'entity' : 'list';
    return this.page(
      tenantId,
      'person',
      at,
      access,
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
      'list',
      where,
      { parentTeamId: filter.parentTeamId, name: filter.nameContains && likePattern(filter.nameContains) },
      page,
    );
    return { ...result, items: result.items.map((item) => ({ ...item, node: this.withMembers(tenantId, at, item.node) })) };
  }

  /** A person row of alias v holds @roleId at @asOf (driven from the role's links, which are few). */
  private holdsRoleSql(): string {
    return `v.id IN (SELECT l.version_id FROM links l INDEXED BY links_target_idx WHERE l.tenant_id = @tenantId AND l.kind = 'assignment' AND l.target_id = @roleId
      AND ${inForceAtSql('l')})`;
  }

  /** A person row of alias v is a member of team @teamId at `at` (driven from the team's memberships). */
  private inTeamSql(at: At): string {
    return `v.entity_id IN (SELECT m.person_id FROM memberships m INDEXED BY memberships_order_idx WHERE m.tenant_id = @tenantId AND m.team_id = @teamId
      AND ${this.inForce('m', at).sql})`;
  }

  /** A person row of alias v reports to @managerId (driven from the manager's few versions rows, not from every person in force). */
  private reportsToSql(): string {
    return `v.id IN (SELECT r.id FROM versions r INDEXED BY versions_manager_idx WHERE r.tenant_id = @tenantId AND r.kind = 'person' AND r.manager_id = @managerId)`;
  }

  directReports(tenantId: string, managerId: string, at: At): Versioned<PersonView>[] {
    return this.select<PersonView>(tenantId, 'person', at, 'rowid', [this.reportsToSql()], { managerId }, 'ORDER BY v.sort_key, v.entity_id').map(
      (r) => r.node,
    );
  }

  roleHolders(tenantId: string, roleId: string, at: At): Versioned<PersonView>[] {
    return this.select<PersonView>(tenantId, 'person', at, 'rowid', [this.holdsRoleSql()], { roleId }, 'ORDER BY v.sort_key, v.entity_id').map((r) => r.node);
  }

  teamsOf(tenantId: string, personId: string, at: At): Versioned<TeamView>[] {
    return this.select<TeamView>(
      tenantId,
      'team',
      at,
      'span',
      [
        `EXISTS (SELECT 1 FROM memberships m WHERE m.tenant_id = v.tenant_id AND m.team_id = v.entity_id AND m.person_id = @personId AND ${this.inForce('m', at).sql})`,
      ],
      { personId },
      'ORDER BY v.sort_key, v.entity_id',
    ).map((r) => this.withMembers(tenantId, at, r.node));
  }

  childTeams(tenantId: string, teamId: string, at: At): Versioned<TeamView>[] {
    return this.select<TeamView>(tenantId, 'team', at, 'span', ['v.parent_id = @teamId'], { teamId }, 'ORDER BY v.sort_key, v.entity_id').map((r) =>
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
    return this.snapshots(tenantId, [at])[0]!;
  }

  /**
   * The snapshots at several instants (a diff's two). A version in force at more than one of them
   * is parsed once and shared: the same object in each, which a diff skips without comparing.
   */
  snapshots(tenantId: string, ats: readonly At[]): OrgSnapshotData[] {
    const parsed = new Map<number, unknown>();
    return ats.map((at) => {
      const force = this.inForce('v', at);
      const statement = this.prepare<Record<string, unknown>, { id: number; state: string }>(
        `SELECT v.id, v.state FROM versions v ${ACCESS.span(at)} WHERE v.tenant_id = @tenantId AND v.kind = @kind AND ${force.sql} ORDER BY v.entity_id`,
      );
      const all = <S>(kind: AggregateKind): S[] =>
        statement.all({ ...force.params, tenantId, kind }).map((row) => {
          let state = parsed.get(row.id);
          if (state === undefined) parsed.set(row.id, (state = JSON.parse(row.state)));
          return state as S;
        });
      const members = this.allMembers(tenantId, at);
      const teams = all<TeamView>('team').map((team) => ({ ...team, memberIds: members.get(team.id) ?? [] }));
      return { at: at.asOf, roles: all<RoleView>('role'), people: all<PersonView>('person'), teams };
    });
  }

  /** Every team's members at `at` in one read, in the order `members` gives them. */
  private allMembers(tenantId: string, at: At): Map<string, string[]> {
    const force = this.inForce('m', at);
    const rows = this.prepare<Record<string, unknown>, { team_id: string; person_id: string }>(
      `SELECT m.team_id, m.person_id FROM memberships m INDEXED BY memberships_order_idx WHERE m.tenant_id = @tenantId AND ${force.sql} ORDER BY m.team_id, m.valid_from, m.added_position`,
    ).all({ ...force.params, tenantId });
    const members = new Map<string, string[]>();
    for (const { team_id, person_id } of rows) {
      const list = members.get(team_id);
      if (list) list.push(person_id);
      else members.set(team_id, [person_id]);
    }
    return members;
  }

  /** The instant on both axes, with the last position known at `knownAt`, as the in-memory counts take it. */
  private countAt(at: At): CountAt {
    return { asOf: at.asOf, known: at.knownAt === null ? null : this.knownPosition(at.knownAt) };
  }

  /** Reads what the in-memory counts hold now rather than at the first count (OrgCounts.warm). */
  warmCounts(): void {
    this.counts.warm();
  }

  /** Reads what the in-memory person columns of diffs hold now rather than at the first diff (OrgDiffReads.warm). */
  warmDiffs(): void {
    this.diffs.warm();
  }

  /** What changed from `from` to `to`, both as known at `knownAt`: diffOrg of the two snapshots, read from what differs (OrgDiffReads). */
  diff(tenantId: string, from: string, to: string, knownAt: string | null): OrgChange[] {
    return this.diffs.diff(tenantId, from, to, knownAt === null ? null : this.knownPosition(knownAt));
  }

  /**
   * warmCounts in steps (OrgCounts.readInSteps), a step at each `next()`: for a read model nothing
   * writes to meanwhile, as one rebuilt beside before the switch to it.
   */
  *warmCountsInSteps(rows?: number): Generator<void, void> {
    yield* this.counts.readInSteps(rows);
    this.counts.warm();
  }

  /** warmDiffs in steps, as warmCountsInSteps. */
  *warmDiffsInSteps(rows?: number): Generator<void, void> {
    yield* this.diffs.warmInSteps(rows);
  }

  /** Counts describing the org at `at` (OrgCounts). */
  stats(tenantId: string, at: At): OrgStats {
    return this.counts.stats(tenantId, this.countAt(at));
  }

  /**
   * How many people hold the role, as known now, at some instant at or after `from` (0: none). A
   * version's links are the assignments in force at some instant of it, as that version knows
   * them (an assignment ended later reads as open in the versions before its end): held after
   * `from` when a link and its version both end after it.
   */
  openAssignmentCount(tenantId: string, roleId: string, from: string): number {
    const row = this.prepare<[string, string, string, string], { n: number }>(
      `SELECT COUNT(DISTINCT v.entity_id) AS n FROM links l INDEXED BY links_target_idx JOIN versions v ON v.id = l.version_id
         WHERE l.tenant_id = ? AND l.kind = 'assignment' AND l.target_id = ? AND v.recorded_to IS NULL
           AND (l.valid_to IS NULL OR l.valid_to > ?) AND (v.valid_to IS NULL OR v.valid_to > ?)`,
    ).get(tenantId, roleId, from, from);
    return row?.n ?? 0;
  }
}
