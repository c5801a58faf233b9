// Counts of the org at any instant on both axes (stats, unfiltered totalCount), from memory: the
// effective and recorded intervals of every version and of every assignment link where it meets
// its version, read from the read model once and then only what changed since (found from the
// checkpoint). A scan of compact arrays answers in a millisecond or two where SQLite stepped
// through an index entry per version and sought each person's links. Instants are held as their
// milliseconds: the domain writes every instant as toISOString within 1900-2200 (validation.ts),
// whose string order, the order the SQL compares, is the order of its milliseconds.
import { CHECKPOINT } from './org-read-model';
import { Interned, ms } from './columns';
import type { ReadModelDb } from './read-model-db';

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

/** An instant on both axes: `known` is the last position known (null: everything recorded so far). */
export interface CountAt {
  asOf: string;
  known: number | null;
}

interface VersionRow {
  id: number;
  tenant_id: string;
  kind: string;
  entity_id: string;
  status: string;
  valid_from: string;
  valid_to: string | null;
  recorded_from: number;
  recorded_to: number | null;
}

interface LinkRow {
  rowid: number;
  version_id: number;
  target_id: string;
  valid_from: string | null;
  valid_to: string | null;
}

/** Column arrays, one entry per version known (open or closed) and per assignment link that meets its version. */
class Columns {
  /** Tenants, kinds, statuses, role ids. */
  readonly strings = new Interned<string>();
  /** A version's index in the arrays, by its row id. */
  readonly versionIndex = new Map<number, number>();
  readonly tenant: number[] = [];
  readonly kind: number[] = [];
  readonly entity: number[] = [];
  readonly status: number[] = [];
  readonly from: number[] = [];
  readonly to: number[] = [];
  readonly recordedFrom: number[] = [];
  /** Infinity while known now. */
  readonly recordedTo: number[] = [];
  readonly linkVersion: number[] = [];
  readonly linkTarget: number[] = [];
  readonly linkFrom: number[] = [];
  readonly linkTo: number[] = [];
  lastVersionId = 0;
  lastLinkRowid = 0;
  checkpoint: number | null = null;

  addVersion(row: VersionRow): void {
    const s = this.strings;
    this.versionIndex.set(row.id, this.tenant.length);
    this.tenant.push(s.number(row.tenant_id));
    this.kind.push(s.number(row.kind));
    this.entity.push(row.kind === 'role' ? s.number(row.entity_id) : -1); // only roles' ids are compared (vacancies)
    this.status.push(s.number(row.status));
    this.from.push(ms(row.valid_from));
    this.to.push(ms(row.valid_to));
    this.recordedFrom.push(row.recorded_from);
    this.recordedTo.push(row.recorded_to ?? Infinity);
    this.lastVersionId = row.id;
  }

  addLink(row: LinkRow): void {
    this.lastLinkRowid = row.rowid;
    const v = this.versionIndex.get(row.version_id);
    if (v === undefined) return;
    if (row.valid_from === null) return; // never in force
    const from = Math.max(ms(row.valid_from), this.from[v]!);
    const to = Math.min(ms(row.valid_to), this.to[v]!);
    if (to <= from) return; // never in force while its version is
    this.linkVersion.push(v);
    this.linkTarget.push(this.strings.number(row.target_id));
    this.linkFrom.push(from);
    this.linkTo.push(to);
  }
}

export class OrgCounts {
  private columns = new Columns();
  private readonly statements;

  constructor(private readonly db: ReadModelDb) {
    const versionColumns = 'id, tenant_id, kind, entity_id, status, valid_from, valid_to, recorded_from, recorded_to';
    this.statements = {
      checkpoint: db.prepare<[string], { position: number }>('SELECT position FROM checkpoints WHERE name = ?'),
      versionsAfter: db.prepare<[number], VersionRow>(`SELECT ${versionColumns} FROM versions WHERE id > ? ORDER BY id`),
      linksAfter: db.prepare<[number], LinkRow>(
        "SELECT rowid, version_id, target_id, valid_from, valid_to FROM links WHERE rowid > ? AND kind = 'assignment' ORDER BY rowid",
      ),
      // the versions closed after a position: only those of the entities with an event after it
      closedAfter: db.prepare<[number, number], { id: number; recorded_to: number }>(
        `SELECT v.id, v.recorded_to FROM (SELECT DISTINCT tenant_id, kind, entity_id FROM events WHERE position > ?) e
           JOIN versions v INDEXED BY versions_entity_idx ON v.tenant_id = e.tenant_id AND v.kind = e.kind AND v.entity_id = e.entity_id AND v.recorded_to > ?`,
      ),
      versionsPage: db.prepare<[number, number], VersionRow>(`SELECT ${versionColumns} FROM versions WHERE id > ? ORDER BY id LIMIT ?`),
      linksPage: db.prepare<[number, number], LinkRow>(
        "SELECT rowid, version_id, target_id, valid_from, valid_to FROM links WHERE rowid > ? AND kind = 'assignment' ORDER BY rowid LIMIT ?",
      ),
      // the last version held, as held: a read model emptied and refolded since is read again
      version: db.prepare<[number], { recorded_from: number }>('SELECT recorded_from FROM versions WHERE id = ?'),
    };
  }

  /**
   * Brings the arrays up to the read model's checkpoint, in one read transaction: the first time
   * reads every version and link (about 2 s at 10,000 people and 190,000 versions), then only what
   * changed since. Called by every count; openRolebook warms the counts once caught up, so that
   * the first request does not pay the first read.
   */
  refresh(): void {
    const checkpoint = this.statements.checkpoint.get(CHECKPOINT)?.position ?? null;
    if (checkpoint === this.columns.checkpoint) return;
    this.db.transaction(() => {
      let c = this.columns;
      const at = this.statements.checkpoint.get(CHECKPOINT)?.position ?? null;
      const last = c.lastVersionId === 0 ? undefined : this.statements.version.get(c.lastVersionId);
      const same = c.lastVersionId === 0 || (last !== undefined && last.recorded_from === c.recordedFrom[c.versionIndex.get(c.lastVersionId)!]);
      if (c.checkpoint === null || at === null || at < c.checkpoint || !same) c = this.columns = new Columns();
      else {
        for (const { id, recorded_to } of this.statements.closedAfter.all(c.checkpoint, c.checkpoint)) {
          const index = c.versionIndex.get(id);
          if (index !== undefined) c.recordedTo[index] = recorded_to;
        }
      }
      for (const row of this.statements.versionsAfter.iterate(c.lastVersionId)) c.addVersion(row);
      for (const row of this.statements.linksAfter.iterate(c.lastLinkRowid)) c.addLink(row);
      c.checkpoint = at;
    })();
  }

  /**
   * The first read of every version and link in steps of `rows` rows, a step at each `next()`,
   * so that a caller can give the event loop a turn between them: only for a read model nothing
   * writes to meanwhile (one rebuilt beside, before the switch to it), as the steps are not one
   * read transaction. `refresh` then reads only what changed after.
   */
  *readInSteps(rows = 2_000): Generator<void, void> {
    const c = new Columns();
    const at = this.statements.checkpoint.get(CHECKPOINT)?.position ?? null;
    for (let page = this.statements.versionsPage.all(0, rows); ; page = this.statements.versionsPage.all(c.lastVersionId, rows)) {
      for (const row of page) c.addVersion(row);
      if (page.length < rows) break;
      yield;
    }
    for (let page = this.statements.linksPage.all(0, rows); ; page = this.statements.linksPage.all(c.lastLinkRowid, rows)) {
      for (const row of page) c.addLink(row);
      if (page.length < rows) break;
      yield;
    }
    c.checkpoint = at;
    this.columns = c;
  }

  /**
   * Reads the arrays (refresh), then counts a few times, so that V8 has compiled the scan before a
   * request runs it: the first calls took 10-20 ms at 10,000 people, the later ones 1-2 ms.
   */
  warm(): void {
    this.refresh();
    const c = this.columns;
    if (c.tenant.length === 0) return;
    const tenant = c.strings.values[c.tenant[0]!]!;
    const at = { asOf: new Date(c.from[0]!).toISOString(), known: null };
    for (let i = 0; i < 5; i++) this.stats(tenant, at);
  }

  private current(): Columns {
    this.refresh();
    return this.columns;
  }

  /** The indexes of the tenant's versions in force at `at` on both axes: one plain loop over the arrays. */
  private inForce(c: Columns, tenant: number, at: CountAt): number[] {
    const asOf = ms(at.asOf);
    const known = at.known;
    const found: number[] = [];
    const n = c.tenant.length;
    for (let i = 0; i < n; i++) {
      if (c.tenant[i] !== tenant || c.from[i]! > asOf || c.to[i]! <= asOf) continue;
      if (known === null ? c.recordedTo[i] !== Infinity : c.recordedFrom[i]! > known || c.recordedTo[i]! <= known) continue;
      found.push(i);
    }
    return found;
  }

  /** How many entities of `kind` are in force at `at` (with `status`, when given). */
  count(tenantId: string, kind: string, at: CountAt, status?: string): number {
    const c = this.current();
    const k = c.strings.known(kind);
    const s = status === undefined ? undefined : c.strings.known(status);
    let n = 0;
    for (const i of this.inForce(c, c.strings.known(tenantId), at)) if (c.kind[i] === k && (s === undefined || c.status[i] === s)) n++;
    return n;
  }

  stats(tenantId: string, at: CountAt): OrgStats {
    const c = this.current();
    const str = c.strings;
    const [person, role, team] = [str.known('person'), str.known('role'), str.known('team')];
    const [active, terminated, retired] = [str.known('Active'), str.known('Terminated'), str.known('Retired')];
    const counts = { headcount: 0, terminatedPeople: 0, roles: 0, retiredRoles: 0, teams: 0 };
    const activeRoles: number[] = [];
    const inForce = new Uint8Array(c.tenant.length);
    for (const i of this.inForce(c, str.known(tenantId), at)) {
      inForce[i] = 1;
      const kind = c.kind[i];
      const status = c.status[i];
      if (kind === person) {
        if (status === active) counts.headcount++;
        else if (status === terminated) counts.terminatedPeople++;
      } else if (kind === role) {
        if (status === active) {
          counts.roles++;
          activeRoles.push(c.entity[i]!);
        } else if (status === retired) counts.retiredRoles++;
      } else if (kind === team) counts.teams++;
    }
    // the links in force: their version in force at `at` and `asOf` where the link meets it
    // (marks in typed arrays, not sets: no garbage worth collecting per call)
    const held = new Uint8Array(str.size);
    let activeAssignments = 0;
    let assigned = 0;
    const asOf = ms(at.asOf);
    for (let l = 0; l < c.linkVersion.length; l++) {
      const v = c.linkVersion[l]!;
      if (!inForce[v] || c.linkFrom[l]! > asOf || c.linkTo[l]! <= asOf) continue;
      activeAssignments++;
      held[c.linkTarget[l]!] = 1;
      if (c.status[v] === active && inForce[v] === 1) {
        inForce[v] = 2; // counted once however many roles it holds
        assigned++;
      }
    }
    return {
      headcount: counts.headcount,
      terminatedPeople: counts.terminatedPeople,
      roles: counts.roles,
      retiredRoles: counts.retiredRoles,
      vacantRoles: activeRoles.filter((r) => held[r] === 0).length,
      teams: counts.teams,
      activeAssignments,
      unassignedPeople: counts.headcount - assigned,
    };
  }
}
