// Every team membership interval, held in memory as columns (team and person as small numbers,
// effective interval in milliseconds, recorded interval as positions): read from the read model
// once, then only what changed since (found from the checkpoint), as PersonDiffColumns. A year's
// diff at 10,000 people lists the members of ~350 teams at both instants, ~17,000 rows that cost
// ~50 ms to read from SQL and a millisecond to find here.
import { Interned, ms } from './columns';
import { CHECKPOINT } from './org-read-model';
import type { ReadModelDb } from './read-model-db';

interface MembershipRow {
  rowid: number;
  tenant_id: string;
  team_id: string;
  person_id: string;
  valid_from: string;
  valid_to: string | null;
  recorded_from: number;
  recorded_to: number | null;
}

/** Strings seen before, as small numbers, with their place in string order. */
class Strings extends Interned<string> {
  private ranks = new Int32Array(0);

  /** Each string's place in string order, by its number: sorted again only after new strings. */
  rank(): Int32Array {
    if (this.ranks.length !== this.values.length) {
      const s = this.values;
      const order = s.map((_, n) => n).sort((a, b) => (s[a]! < s[b]! ? -1 : s[a]! > s[b]! ? 1 : 0));
      this.ranks = new Int32Array(order.length);
      order.forEach((n, place) => (this.ranks[n] = place));
    }
    return this.ranks;
  }
}

class Columns {
  readonly strings = new Strings();
  /** A membership's index in the arrays, by its row id. */
  readonly index = new Map<number, number>();
  readonly tenant: number[] = [];
  readonly team: number[] = [];
  readonly person: number[] = [];
  readonly from: number[] = [];
  readonly to: number[] = [];
  readonly recordedFrom: number[] = [];
  /** Infinity while known now. */
  readonly recordedTo: number[] = [];
  lastRowid = 0;
  checkpoint: number | null = null;

  add(row: MembershipRow): void {
    const s = this.strings;
    this.index.set(row.rowid, this.tenant.length);
    this.tenant.push(s.number(row.tenant_id));
    this.team.push(s.number(row.team_id));
    this.person.push(s.number(row.person_id));
    this.from.push(ms(row.valid_from));
    this.to.push(ms(row.valid_to));
    this.recordedFrom.push(row.recorded_from);
    this.recordedTo.push(row.recorded_to ?? Infinity);
    this.lastRowid = row.rowid;
  }
}

/** Each team's members at two instants, in id order, by team id: only the teams asked for. */
export type MemberLists = Map<string, { before: string[]; after: string[] }>;

export class MembershipColumns {
  private columns = new Columns();
  private readonly statements;

  constructor(private readonly db: ReadModelDb) {
    this.statements = {
      checkpoint: db.prepare<[string], { position: number }>('SELECT position FROM checkpoints WHERE name = ?'),
      after: db.prepare<[number], MembershipRow>(
        'SELECT rowid, tenant_id, team_id, person_id, valid_from, valid_to, recorded_from, recorded_to FROM memberships WHERE rowid > ? ORDER BY rowid',
      ),
      page: db.prepare<[number, number], MembershipRow>(
        'SELECT rowid, tenant_id, team_id, person_id, valid_from, valid_to, recorded_from, recorded_to FROM memberships WHERE rowid > ? ORDER BY rowid LIMIT ?',
      ),
      // the memberships closed after a position: only those of the teams with an event after it
      closedAfter: db.prepare<[number, number], { rowid: number; recorded_to: number }>(
        `SELECT m.rowid, m.recorded_to FROM (SELECT DISTINCT tenant_id, entity_id FROM events WHERE position > ? AND kind = 'team') e
           JOIN memberships m INDEXED BY memberships_team_idx ON m.tenant_id = e.tenant_id AND m.team_id = e.entity_id WHERE m.recorded_to > ?`,
      ),
      // the last membership held, as held: a read model emptied and refolded since is read again
      membership: db.prepare<[number], { recorded_from: number }>('SELECT recorded_from FROM memberships WHERE rowid = ?'),
    };
  }

  /** Brings the columns up to the read model's checkpoint, in one read transaction: everything the first time, then what changed since. */
  refresh(): void {
    const checkpoint = this.statements.checkpoint.get(CHECKPOINT)?.position ?? null;
    if (checkpoint === this.columns.checkpoint) return;
    this.db.transaction(() => {
      let c = this.columns;
      const at = this.statements.checkpoint.get(CHECKPOINT)?.position ?? null;
      const last = c.lastRowid === 0 ? undefined : this.statements.membership.get(c.lastRowid);
      const same = c.lastRowid === 0 || (last !== undefined && last.recorded_from === c.recordedFrom[c.index.get(c.lastRowid)!]);
      if (c.checkpoint === null || at === null || at < c.checkpoint || !same) c = this.columns = new Columns();
      else {
        for (const { rowid, recorded_to } of this.statements.closedAfter.all(c.checkpoint, c.checkpoint)) {
          const index = c.index.get(rowid);
          if (index !== undefined) c.recordedTo[index] = recorded_to;
        }
      }
      for (const row of this.statements.after.iterate(c.lastRowid)) c.add(row);
      c.checkpoint = at;
    })();
  }

  /** The first read in steps of `rows` rows, a step at each `next()`: as PersonDiffColumns.readInSteps. */
  *readInSteps(rows = 2_000): Generator<void, void> {
    const c = new Columns();
    const at = this.statements.checkpoint.get(CHECKPOINT)?.position ?? null;
    for (let page = this.statements.page.all(0, rows); ; page = this.statements.page.all(c.lastRowid, rows)) {
      for (const row of page) c.add(row);
      if (page.length < rows) break;
      yield;
    }
    c.checkpoint = at;
    this.columns = c;
  }

  /**
   * The members at `from` and at `to`, as known at position `known` (null: now), of `teams` and of
   * every team whose members differ between the two instants, each list in id order.
   */
  members(tenantId: string, from: string, to: string, known: number | null, teams: Iterable<string>): MemberLists {
    this.refresh();
    const c = this.columns;
    const s = c.strings;
    const tenant = s.known(tenantId);
    const [msFrom, msTo] = [ms(from), ms(to)];
    const lists = new Map<number, { before: number[]; after: number[] }>();
    for (const team of teams) {
      const n = s.known(team);
      if (n >= 0) lists.set(n, { before: [], after: [] });
    }
    // the memberships known at `known` and in force at either instant
    const rows: number[] = [];
    for (let i = 0; i < c.tenant.length; i++) {
      if (c.tenant[i] !== tenant) continue;
      if (known === null ? c.recordedTo[i] !== Infinity : c.recordedFrom[i]! > known || c.recordedTo[i]! <= known) continue;
      const [start, end] = [c.from[i]!, c.to[i]!];
      const [atFrom, atTo] = [start <= msFrom && end > msFrom, start <= msTo && end > msTo];
      if (!atFrom && !atTo) continue;
      rows.push(i);
      if (atFrom !== atTo && !lists.has(c.team[i]!)) lists.set(c.team[i]!, { before: [], after: [] });
    }
    for (const i of rows) {
      const list = lists.get(c.team[i]!);
      if (!list) continue;
      const person = c.person[i]!;
      if (c.from[i]! <= msFrom && c.to[i]! > msFrom) list.before.push(person);
      if (c.from[i]! <= msTo && c.to[i]! > msTo) list.after.push(person);
    }
    // in id order (as a diff lists them), compared by rank rather than as strings
    const rank = s.rank();
    const ids = (people: number[]) => people.sort((a, b) => rank[a]! - rank[b]!).map((n) => s.values[n]!);
    return new Map([...lists].map(([team, list]) => [s.values[team]!, { before: ids(list.before), after: ids(list.after) }]));
  }
}
