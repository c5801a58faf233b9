// What a diff reports of every person version (the people, assignments and reporting-lines
// sections), held in memory as columns of small numbers, with the version's effective and
// recorded intervals: read from the read model once, then only what changed since (found from the
// checkpoint), as OrgCounts holds its intervals. A year's diff at 10,000 people meets ~18,000
// versions that differ; reading and parsing their states cost ~250 ms where a scan of these
// columns and the facts of what changed cost a few. Equal values are held as equal numbers, so
// facts compare without building them; only the changes are built.
// Instants are compared as milliseconds, as OrgCounts does (every instant is a toISOString, whose
// string order, the order inForceAt and the SQL compare, is the order of its milliseconds).
import { assignmentFacts, changeOf, personFacts, reportingLineFacts, type OrgChange } from './org-diff';
import { CHECKPOINT } from './org-read-model';
import type { ReadModelDb } from './read-model-db';
import type { PersonView } from './views';

interface PersonRow {
  id: number;
  tenant_id: string;
  entity_id: string;
  valid_from: string;
  valid_to: string | null;
  recorded_from: number;
  recorded_to: number | null;
  state: string;
}

/** Values seen before (strings, numbers, null), as small numbers: equal values get equal numbers. */
class Values {
  private readonly numbers = new Map<unknown, number>();
  readonly values: unknown[] = [];

  number(value: unknown): number {
    let n = this.numbers.get(value);
    if (n === undefined) {
      this.numbers.set(value, (n = this.values.length));
      this.values.push(value);
    }
    return n;
  }

  /** -1 for a value never seen: it matches nothing. */
  known(value: unknown): number {
    return this.numbers.get(value) ?? -1;
  }
}

const ms = (at: string | null): number => (at === null ? Infinity : Date.parse(at));

/** Column arrays: one entry per person version known (open or closed), one per assignment that can be in force while its version is. */
class Columns {
  readonly values = new Values();
  readonly entityNumbers = new Map<string, number>();
  readonly entityIds: string[] = [];
  /** A version's index in the arrays, by its row id. */
  readonly versionIndex = new Map<number, number>();
  readonly tenant: number[] = [];
  readonly entity: number[] = [];
  readonly from: number[] = [];
  readonly to: number[] = [];
  readonly recordedFrom: number[] = [];
  /** Infinity while known now. */
  readonly recordedTo: number[] = [];
  readonly name: number[] = [];
  readonly email: number[] = [];
  readonly title: number[] = [];
  readonly status: number[] = [];
  readonly manager: number[] = [];
  /** The version's assignments are [firstAssignment, firstAssignment + assignmentCount) in the assignment arrays. */
  readonly firstAssignment: number[] = [];
  readonly assignmentCount: number[] = [];
  readonly assignmentId: number[] = [];
  readonly role: number[] = [];
  readonly allocation: number[] = [];
  readonly effectiveFrom: number[] = [];
  readonly effectiveTo: number[] = [];
  /** The assignment's period in milliseconds, as the diff compares it. */
  readonly startMs: number[] = [];
  readonly endMs: number[] = [];
  lastVersionId = 0;
  checkpoint: number | null = null;
  private sortedEntities: number[] = [];

  addVersion(row: PersonRow): void {
    const v = this.values;
    let entity = this.entityNumbers.get(row.entity_id);
    if (entity === undefined) {
      this.entityNumbers.set(row.entity_id, (entity = this.entityIds.length));
      this.entityIds.push(row.entity_id);
    }
    const state = JSON.parse(row.state) as PersonView;
    this.versionIndex.set(row.id, this.tenant.length);
    this.tenant.push(v.number(row.tenant_id));
    this.entity.push(entity);
    this.from.push(ms(row.valid_from));
    this.to.push(ms(row.valid_to));
    this.recordedFrom.push(row.recorded_from);
    this.recordedTo.push(row.recorded_to ?? Infinity);
    this.name.push(v.number(state.name));
    this.email.push(v.number(state.email));
    this.title.push(v.number(state.title));
    this.status.push(v.number(state.status));
    this.manager.push(v.number(state.managerId));
    this.firstAssignment.push(this.assignmentId.length);
    let count = 0;
    for (const a of state.assignments) {
      // never in force while this version is: left out
      if (!((a.effectiveTo === null || row.valid_from < a.effectiveTo) && (row.valid_to === null || a.effectiveFrom < row.valid_to))) continue;
      this.assignmentId.push(v.number(a.assignmentId));
      this.role.push(v.number(a.roleId));
      this.allocation.push(v.number(a.allocationPercent));
      this.effectiveFrom.push(v.number(a.effectiveFrom));
      this.effectiveTo.push(v.number(a.effectiveTo));
      this.startMs.push(ms(a.effectiveFrom));
      this.endMs.push(ms(a.effectiveTo));
      count++;
    }
    this.assignmentCount.push(count);
    this.lastVersionId = row.id;
  }

  /** A version's state rewritten in place (an erasure replaces personal fields): its person facts read again. */
  rereadVersion(id: number, stateJson: string): void {
    const i = this.versionIndex.get(id);
    if (i === undefined) return;
    const state = JSON.parse(stateJson) as PersonView;
    const v = this.values;
    this.name[i] = v.number(state.name);
    this.email[i] = v.number(state.email);
    this.title[i] = v.number(state.title);
    this.status[i] = v.number(state.status);
    this.manager[i] = v.number(state.managerId);
  }

  /** The entities in the order of their ids (as a diff lists them), sorted again only after new ones. */
  sorted(): number[] {
    if (this.sortedEntities.length !== this.entityIds.length) {
      const ids = this.entityIds;
      this.sortedEntities = ids.map((_, e) => e).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
    }
    return this.sortedEntities;
  }
}

/** The people, assignment and reporting-line changes of a diff, each in id order. */
export interface PersonChanges {
  people: OrgChange[];
  assignments: OrgChange[];
  reportingLines: OrgChange[];
}

export class PersonDiffColumns {
  private columns = new Columns();
  private readonly statements;

  constructor(private readonly db: ReadModelDb) {
    this.statements = {
      checkpoint: db.prepare<[string], { position: number }>('SELECT position FROM checkpoints WHERE name = ?'),
      versionsAfter: db.prepare<[number], PersonRow>(
        "SELECT id, tenant_id, entity_id, valid_from, valid_to, recorded_from, recorded_to, state FROM versions WHERE id > ? AND kind = 'person' ORDER BY id",
      ),
      // the versions closed after a position: only those of the people with an event after it
      closedAfter: db.prepare<[number, number], { id: number; recorded_to: number }>(
        `SELECT v.id, v.recorded_to FROM (SELECT DISTINCT tenant_id, entity_id FROM events WHERE position > ? AND kind = 'person') e
           JOIN versions v INDEXED BY versions_entity_idx ON v.tenant_id = e.tenant_id AND v.kind = 'person' AND v.entity_id = e.entity_id AND v.recorded_to > ?`,
      ),
      // every version of the people erased after a position: their states were scrubbed in place
      erasedAfter: db.prepare<[number], { id: number; state: string }>(
        `SELECT v.id, v.state FROM (SELECT DISTINCT tenant_id, entity_id FROM events WHERE position > ? AND kind = 'person' AND type = 'PersonalDataErased') e
           JOIN versions v INDEXED BY versions_entity_idx ON v.tenant_id = e.tenant_id AND v.kind = 'person' AND v.entity_id = e.entity_id`,
      ),
      // the last version held, as held: a read model emptied and refolded since is read again
      version: db.prepare<[number], { recorded_from: number }>('SELECT recorded_from FROM versions WHERE id = ?'),
    };
  }

  /** Brings the columns up to the read model's checkpoint, in one read transaction: everything the first time, then what changed since. */
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
        for (const { id, state } of this.statements.erasedAfter.all(c.checkpoint)) c.rereadVersion(id, state);
      }
      for (const row of this.statements.versionsAfter.iterate(c.lastVersionId)) c.addVersion(row);
      c.checkpoint = at;
    })();
  }

  /** A tenant and a year from its first person version's start (for warming a diff), or null when none is held. */
  firstYear(): { tenantId: string; from: string; to: string } | null {
    this.refresh();
    const c = this.columns;
    if (c.tenant.length === 0) return null;
    const from = c.from[0]!;
    return { tenantId: c.values.values[c.tenant[0]!] as string, from: new Date(from).toISOString(), to: new Date(from + 365 * 24 * 3600 * 1000).toISOString() };
  }

  /**
   * The people, assignment and reporting-line changes of `tenantId` from `from` to `to`, both as
   * known at position `known` (null: now), equal to diffOrg over the two snapshots.
   */
  diff(tenantId: string, from: string, to: string, known: number | null): PersonChanges {
    this.refresh();
    const c = this.columns;
    const tenant = c.values.known(tenantId);
    const [msFrom, msTo] = [ms(from), ms(to)];
    // each person's version in force at either instant (-1: none)
    const before = new Int32Array(c.entityIds.length).fill(-1);
    const after = new Int32Array(c.entityIds.length).fill(-1);
    for (let i = 0; i < c.tenant.length; i++) {
      if (c.tenant[i] !== tenant) continue;
      if (known === null ? c.recordedTo[i] !== Infinity : c.recordedFrom[i]! > known || c.recordedTo[i]! <= known) continue;
      const [start, end] = [c.from[i]!, c.to[i]!];
      if (start <= msFrom && end > msFrom) before[c.entity[i]!] = i;
      if (start <= msTo && end > msTo) after[c.entity[i]!] = i;
    }
    const values = c.values.values;
    const value = (n: number) => values[n] as never;
    const changes: PersonChanges = { people: [], assignments: [], reportingLines: [] };
    const push = (list: OrgChange[], change: OrgChange | null) => change && list.push(change);
    const person = (i: number) =>
      i < 0 ? null : personFacts({ name: value(c.name[i]!), email: value(c.email[i]!), title: value(c.title[i]!), status: value(c.status[i]!) });
    const line = (id: string, i: number) => (i < 0 ? null : reportingLineFacts(id, value(c.manager[i]!)));
    const assignment = (id: string, k: number) =>
      assignmentFacts(id, {
        roleId: value(c.role[k]!),
        allocationPercent: value(c.allocation[k]!),
        effectiveFrom: value(c.effectiveFrom[k]!),
        effectiveTo: value(c.effectiveTo[k]!),
      });
    const sameAssignment = (k: number, l: number) =>
      k === l ||
      (c.role[k] === c.role[l] && c.allocation[k] === c.allocation[l] && c.effectiveFrom[k] === c.effectiveFrom[l] && c.effectiveTo[k] === c.effectiveTo[l]);
    const assignmentChanges: { aid: string; change: OrgChange }[] = [];
    // the assignments in force at each instant (reused for every person)
    const was: number[] = [];
    const is: number[] = [];
    const inForce = (version: number, at: number, into: number[]) => {
      into.length = 0;
      if (version < 0) return;
      for (let k = c.firstAssignment[version]!, end = k + c.assignmentCount[version]!; k < end; k++) if (c.startMs[k]! <= at && c.endMs[k]! > at) into.push(k);
    };
    const indexIn = (list: number[], aid: number) => {
      for (let j = 0; j < list.length; j++) if (c.assignmentId[list[j]!] === aid) return list[j]!;
      return -1;
    };
    for (const e of c.sorted()) {
      const [b, a] = [before[e]!, after[e]!];
      if (b < 0 && a < 0) continue;
      const id = c.entityIds[e]!;
      if (b !== a) {
        const samePerson = b >= 0 && a >= 0 && c.name[b] === c.name[a] && c.email[b] === c.email[a] && c.title[b] === c.title[a] && c.status[b] === c.status[a];
        if (!samePerson) push(changes.people, changeOf('people', id, person(b), person(a)));
        if (b < 0 || a < 0 || c.manager[b] !== c.manager[a]) push(changes.reportingLines, changeOf('reportingLines', id, line(id, b), line(id, a)));
      }
      inForce(b, msFrom, was);
      inForce(a, msTo, is);
      for (const k of was) {
        const l = indexIn(is, c.assignmentId[k]!);
        if (l >= 0 && sameAssignment(k, l)) continue;
        const aid: string = value(c.assignmentId[k]!);
        const change = changeOf('assignments', aid, assignment(id, k), l < 0 ? null : assignment(id, l));
        if (change) assignmentChanges.push({ aid, change });
      }
      for (const l of is) {
        if (indexIn(was, c.assignmentId[l]!) >= 0) continue;
        const aid: string = value(c.assignmentId[l]!);
        assignmentChanges.push({ aid, change: changeOf('assignments', aid, null, assignment(id, l))! });
      }
    }
    changes.assignments = assignmentChanges.sort((x, y) => (x.aid < y.aid ? -1 : x.aid > y.aid ? 1 : 0)).map((x) => x.change);
    return changes;
  }
}
