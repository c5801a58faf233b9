// orgDiff read from what differs between the two instants, not from two whole snapshots: people,
// their assignments and reporting lines from in-memory person columns (PersonDiffColumns); roles
// from their versions in force at one instant only; teams (a few hundred) from their versions in
// force at either instant, with the members (MembershipColumns) of only the teams whose version or
// members differ. Equal to diffOrg over the two snapshots (the property tests hold them together).
import type { AggregateKind } from '@rolebook/domain';
import { changeOf, roleFacts, teamFacts, type OrgChange } from './org-diff';
import { MembershipColumns } from './membership-columns';
import { PersonDiffColumns } from './person-diff-columns';
import type { ReadModelDb } from './read-model-db';
import type { RoleView, TeamView } from './views';

interface VersionRow {
  id: number;
  entity_id: string;
  valid_from: string;
  valid_to: string | null;
  state: string;
}

/** SQL: the row of alias `t` is in force at the effective instant @`param` (the domain's inForceAt). */
const inForceAtSql = (t: string, param: string) => `(${t}.valid_from <= @${param} AND (${t}.valid_to IS NULL OR ${t}.valid_to > @${param}))`;

/** SQL: the row of alias `t` is known at position @known (null: known now). */
const knownSql = (t: string, known: number | null) =>
  known === null ? `${t}.recorded_to IS NULL` : `${t}.recorded_from <= @known AND IFNULL(${t}.recorded_to, ${Number.MAX_SAFE_INTEGER}) > @known`;

const inForceAt = (row: { valid_from: string; valid_to: string | null }, at: string) => row.valid_from <= at && (row.valid_to === null || row.valid_to > at);

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class OrgDiffReads {
  private readonly people: PersonDiffColumns;
  private readonly memberships: MembershipColumns;
  private readonly statements = new Map<string, ReturnType<ReadModelDb['prepare']>>();

  constructor(private readonly db: ReadModelDb) {
    this.people = new PersonDiffColumns(db);
    this.memberships = new MembershipColumns(db);
  }

  /** Prepared statements are cached by their text: a few shapes, by kind and axis. */
  private statement(sql: string) {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  private all<R>(sql: string, params: Record<string, unknown>): R[] {
    return this.statement(sql).all(params) as R[];
  }

  /**
   * Reads the person and membership columns now rather than at the first diff, then diffs a few times, so that V8
   * has compiled the diff before a request runs it (as OrgCounts.warm).
   */
  warm(): void {
    this.memberships.refresh();
    const year = this.people.lastYear();
    if (year) for (let i = 0; i < 5; i++) this.diff(year.tenantId, year.from, year.to, null);
  }

  /**
   * warm's reads in steps (PersonDiffColumns.readInSteps), for a read model nothing writes to
   * meanwhile; without its diffs, which only compile code this process has compiled already.
   */
  *warmInSteps(rows?: number): Generator<void, void> {
    yield* this.memberships.readInSteps(rows);
    yield* this.people.readInSteps(rows);
  }

  /** The changes of `tenantId` from `from` to `to`, both as known at position `known` (null: now), as diffOrg lists them. */
  diff(tenantId: string, from: string, to: string, known: number | null): OrgChange[] {
    const params = { tenantId, from, to, known: known ?? undefined };
    // one read transaction: every part reads the read model at the same checkpoint
    return this.db.transaction(() => {
      const people = this.people.diff(tenantId, from, to, known);
      return [...people.people, ...this.roles(params, known), ...this.teams(params, known), ...people.assignments, ...people.reportingLines];
    })();
  }

  /**
   * Each entity's versions in force at `from` and at `to` (the same row when one is in force at
   * both), by id; with `differing`, only those in force at one of the two (the interval index
   * tells which before a row is read).
   */
  private versions(
    kind: AggregateKind,
    params: { from: string; to: string },
    known: number | null,
    differing: boolean,
  ): Map<string, { before?: VersionRow; after?: VersionRow }> {
    const index = known === null ? 'versions_current_span_idx' : 'versions_span_idx';
    const either = differing ? `${inForceAtSql('v', 'from')} <> ${inForceAtSql('v', 'to')}` : `(${inForceAtSql('v', 'from')} OR ${inForceAtSql('v', 'to')})`;
    const rows = this.all<VersionRow>(
      `SELECT v.id, v.entity_id, v.valid_from, v.valid_to, v.state FROM versions v INDEXED BY ${index}
        WHERE v.tenant_id = @tenantId AND v.kind = '${kind}' AND ${knownSql('v', known)} AND ${either}`,
      params,
    );
    const byEntity = new Map<string, { before?: VersionRow; after?: VersionRow }>();
    for (const row of rows) {
      let pair = byEntity.get(row.entity_id);
      if (!pair) byEntity.set(row.entity_id, (pair = {}));
      if (inForceAt(row, params.from)) pair.before = row;
      if (inForceAt(row, params.to)) pair.after = row;
    }
    return byEntity;
  }

  private roles(params: { tenantId: string; from: string; to: string }, known: number | null): OrgChange[] {
    const changes: OrgChange[] = [];
    const facts = (row: VersionRow | undefined) => (row ? roleFacts(JSON.parse(row.state) as RoleView) : null);
    for (const [id, { before, after }] of [...this.versions('role', params, known, true)].sort(([a], [b]) => byId(a, b))) {
      const change = changeOf('roles', id, facts(before), facts(after));
      if (change) changes.push(change);
    }
    return changes;
  }

  private teams(params: { tenantId: string; from: string; to: string }, known: number | null): OrgChange[] {
    const versions = this.versions('team', params, known, false);
    const teams = new Set([...versions].filter(([, { before, after }]) => before?.id !== after?.id).map(([id]) => id));
    // the members of those teams, and of the teams whose members differ between the instants
    const members = this.memberships.members(params.tenantId, params.from, params.to, known, teams);
    for (const id of members.keys()) if (versions.has(id)) teams.add(id);
    const changes: OrgChange[] = [];
    const facts = (row: VersionRow | undefined, memberIds: string[] | undefined) =>
      row ? teamFacts({ ...(JSON.parse(row.state) as TeamView), memberIds: memberIds ?? [] }) : null;
    for (const id of [...teams].sort(byId)) {
      const { before, after } = versions.get(id)!;
      const lists = members.get(id);
      const change = changeOf('teams', id, facts(before, lists?.before), facts(after, lists?.after));
      if (change) changes.push(change);
    }
    return changes;
  }
}
