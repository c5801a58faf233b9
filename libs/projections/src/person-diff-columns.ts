// What a diff reports of every person version (the people, assignments and reporting-lines
// sections), held in memory as records of small numbers, with the version's effective and
// recorded intervals: read from the read model once, then only what changed since (found from the
// checkpoint), as OrgCounts holds its intervals. A year's diff at 10,000 people meets ~18,000
// versions that differ; reading and parsing their states cost ~250 ms where a scan of these
// columns and the facts of what changed cost a few. Equal values are held as equal numbers, so
// facts compare without building them; only the changes are built.
// Instants are compared as milliseconds, as OrgCounts does (every instant is a toISOString, whose
// string order, the order inForceAt and the SQL compare, is the order of its milliseconds).
import { assignmentFacts, changeOf, personFacts, reportingLineFacts, type OrgChange } from './org-diff';
import { Interned, ms } from './columns';
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

/**
 * Numbers in one growable typed buffer, `stride` to a record: a record's numbers sit together, so
 * a diff that reads a person's two versions reads a cache line or two for each, not one per column.
 */
class Records {
  data: Float64Array;
  length = 0;

  constructor(readonly stride: number) {
    this.data = new Float64Array(stride * 1024);
  }

  /** Appends a record of `values` (stride numbers); answers its index. */
  add(...values: number[]): number {
    if ((this.length + 1) * this.stride > this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data.set(values, this.length * this.stride);
    return this.length++;
  }
}

// a version's record: its intervals (what the scan for the versions in force reads) then its facts
const TENANT = 0;
const ENTITY = 1;
const FROM = 2;
const TO = 3;
const RECORDED_FROM = 4;
/** Infinity while known now. */
const RECORDED_TO = 5;
const NAME = 6;
const EMAIL = 7;
const TITLE = 8;
const STATUS = 9;
const MANAGER = 10;
/** The version's assignments are records [FIRST_ASSIGNMENT, FIRST_ASSIGNMENT + ASSIGNMENTS). */
const FIRST_ASSIGNMENT = 11;
const ASSIGNMENTS = 12;
const VERSION_STRIDE = 13;
// an assignment's record: its facts as values, then its period in milliseconds (as the diff compares it)
const ASSIGNMENT_ID = 0;
const ROLE = 1;
const ALLOCATION = 2;
const EFFECTIVE_FROM = 3;
const EFFECTIVE_TO = 4;
const START = 5;
const END = 6;
const ASSIGNMENT_STRIDE = 7;

/** One record per person version known (open or closed); one per assignment that can be in force while its version is. */
class Columns {
  /** Strings, numbers, null. */
  readonly values = new Interned<unknown>();
  readonly entityNumbers = new Map<string, number>();
  readonly entityIds: string[] = [];
  /** A version's record, by its row id. */
  readonly versionIndex = new Map<number, number>();
  readonly versions = new Records(VERSION_STRIDE);
  readonly assignments = new Records(ASSIGNMENT_STRIDE);
  /** The last version row read, and its recorded_from as read: a read model refolded since is read again. */
  lastVersionId = 0;
  lastRecordedFrom = 0;
  checkpoint: number | null = null;
  /**
   * The first read takes the versions known at its checkpoint only (most diffs ask what is known
   * now); the versions up to `firstBound` closed by then are read at the first diff as known earlier.
   */
  firstRead: { checkpoint: number; bound: number } | null = null;
  closedRead = false;
  private sortedEntities: number[] = [];

  addVersion(row: PersonRow): void {
    const v = this.values;
    let entity = this.entityNumbers.get(row.entity_id);
    if (entity === undefined) {
      this.entityNumbers.set(row.entity_id, (entity = this.entityIds.length));
      this.entityIds.push(row.entity_id);
    }
    const state = JSON.parse(row.state) as PersonView;
    const first = this.assignments.length;
    for (const a of state.assignments) {
      // never in force while this version is: left out
      if (!((a.effectiveTo === null || row.valid_from < a.effectiveTo) && (row.valid_to === null || a.effectiveFrom < row.valid_to))) continue;
      this.assignments.add(
        v.number(a.assignmentId),
        v.number(a.roleId),
        v.number(a.allocationPercent),
        v.number(a.effectiveFrom),
        v.number(a.effectiveTo),
        ms(a.effectiveFrom),
        ms(a.effectiveTo),
      );
    }
    const index = this.versions.add(
      v.number(row.tenant_id),
      entity,
      ms(row.valid_from),
      ms(row.valid_to),
      row.recorded_from,
      row.recorded_to ?? Infinity,
      v.number(state.name),
      v.number(state.email),
      v.number(state.title),
      v.number(state.status),
      v.number(state.managerId),
      first,
      this.assignments.length - first,
    );
    this.versionIndex.set(row.id, index);
  }

  /** A version closed (known until `recordedTo`). */
  close(id: number, recordedTo: number): void {
    const i = this.versionIndex.get(id);
    if (i !== undefined) this.versions.data[i * VERSION_STRIDE + RECORDED_TO] = recordedTo;
  }

  /** A version's state rewritten in place (an erasure replaces personal fields): its person facts read again. */
  rereadVersion(id: number, stateJson: string): void {
    const i = this.versionIndex.get(id);
    if (i === undefined) return;
    const state = JSON.parse(stateJson) as PersonView;
    const [v, d, at] = [this.values, this.versions.data, i * VERSION_STRIDE];
    d[at + NAME] = v.number(state.name);
    d[at + EMAIL] = v.number(state.email);
    d[at + TITLE] = v.number(state.title);
    d[at + STATUS] = v.number(state.status);
    d[at + MANAGER] = v.number(state.managerId);
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

const COLUMNS = 'id, tenant_id, entity_id, valid_from, valid_to, recorded_from, recorded_to, state';

export class PersonDiffColumns {
  private columns = new Columns();
  private readonly statements;

  constructor(private readonly db: ReadModelDb) {
    this.statements = {
      checkpoint: db.prepare<[string], { position: number }>('SELECT position FROM checkpoints WHERE name = ?'),
      lastVersion: db.prepare<[], { id: number; recorded_from: number }>('SELECT id, recorded_from FROM versions ORDER BY id DESC LIMIT 1'),
      knownPage: db.prepare<[number, number, number], PersonRow>(
        `SELECT ${COLUMNS} FROM versions WHERE id > ? AND id <= ? AND kind = 'person' AND recorded_to IS NULL ORDER BY id LIMIT ?`,
      ),
      closedUpTo: db.prepare<[number, number], PersonRow>(`SELECT ${COLUMNS} FROM versions WHERE id <= ? AND kind = 'person' AND recorded_to <= ? ORDER BY id`),
      versionsAfter: db.prepare<[number], PersonRow>(`SELECT ${COLUMNS} FROM versions WHERE id > ? AND kind = 'person' ORDER BY id`),
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

  /**
   * Brings the columns up to the read model's checkpoint, in one read transaction: the versions
   * known now the first time, then what changed since.
   */
  refresh(): void {
    const checkpoint = this.statements.checkpoint.get(CHECKPOINT)?.position ?? null;
    if (checkpoint === this.columns.checkpoint) return;
    this.db.transaction(() => {
      let c = this.columns;
      const at = this.statements.checkpoint.get(CHECKPOINT)?.position ?? null;
      const last = c.lastVersionId === 0 ? undefined : this.statements.version.get(c.lastVersionId);
      const same = c.lastVersionId === 0 || (last !== undefined && last.recorded_from === c.lastRecordedFrom);
      if (c.checkpoint === null || at === null || at < c.checkpoint || !same) c = this.columns = new Columns();
      else {
        for (const { id, recorded_to } of this.statements.closedAfter.all(c.checkpoint, c.checkpoint)) c.close(id, recorded_to);
        for (const { id, state } of this.statements.erasedAfter.all(c.checkpoint)) c.rereadVersion(id, state);
      }
      if (c.firstRead === null && at !== null) for (const _ of this.readKnown(c, at));
      for (const row of this.statements.versionsAfter.iterate(c.lastVersionId)) {
        c.addVersion(row);
        [c.lastVersionId, c.lastRecordedFrom] = [row.id, row.recorded_from];
      }
      c.checkpoint = at;
    })();
  }

  /**
   * The first read (the versions known now) in steps of `rows` rows, a step at each `next()`, so
   * that a caller can give the event loop a turn between them: only for a read model nothing writes
   * to meanwhile (one rebuilt beside, before the switch to it), as the steps are not one read
   * transaction. `refresh` then reads only what changed after.
   */
  *readInSteps(rows?: number): Generator<void, void> {
    const c = new Columns();
    const at = this.statements.checkpoint.get(CHECKPOINT)?.position ?? null;
    if (at !== null) yield* this.readKnown(c, at, rows);
    c.checkpoint = at;
    this.columns = c;
  }

  /** The first read into `c`: the versions known now at checkpoint `at`, `rows` at a time, a step after each full page. */
  private *readKnown(c: Columns, at: number, rows = 2_000): Generator<void, void> {
    const bound = this.statements.lastVersion.get() ?? { id: 0, recorded_from: 0 };
    for (let after = 0; ; yield) {
      const page = this.statements.knownPage.all(after, bound.id, rows);
      for (const row of page) c.addVersion(row);
      if (page.length < rows) break;
      after = page[page.length - 1]!.id;
    }
    c.firstRead = { checkpoint: at, bound: bound.id };
    [c.lastVersionId, c.lastRecordedFrom] = [bound.id, bound.recorded_from];
  }

  /** Reads the versions the first read left out (closed by then), once: a diff as known at an earlier instant needs them. */
  private readClosed(): void {
    const c = this.columns;
    if (c.closedRead || c.firstRead === null) return;
    const { bound, checkpoint } = c.firstRead;
    this.db.transaction(() => {
      for (const row of this.statements.closedUpTo.iterate(bound, checkpoint)) c.addVersion(row);
    })();
    c.closedRead = true;
  }

  /** The last person version's tenant and the year before that version starts (for warming a diff), or null when none is held. */
  lastYear(): { tenantId: string; from: string; to: string } | null {
    this.refresh();
    const c = this.columns;
    if (c.versions.length === 0) return null;
    const at = (c.versions.length - 1) * VERSION_STRIDE;
    const to = c.versions.data[at + FROM]!;
    return {
      tenantId: c.values.values[c.versions.data[at + TENANT]!] as string,
      from: new Date(to - 365 * 24 * 3600 * 1000).toISOString(),
      to: new Date(to).toISOString(),
    };
  }

  /**
   * The people, assignment and reporting-line changes of `tenantId` from `from` to `to`, both as
   * known at position `known` (null: now), equal to diffOrg over the two snapshots.
   */
  diff(tenantId: string, from: string, to: string, known: number | null): PersonChanges {
    this.refresh();
    if (known !== null) this.readClosed();
    const c = this.columns;
    const tenant = c.values.known(tenantId);
    const [msFrom, msTo] = [ms(from), ms(to)];
    const [d, n] = [c.versions.data, c.versions.length];
    // each person's version in force at either instant (-1: none)
    const before = new Int32Array(c.entityIds.length).fill(-1);
    const after = new Int32Array(c.entityIds.length).fill(-1);
    for (let i = 0, at = 0; i < n; i++, at += VERSION_STRIDE) {
      if (d[at + TENANT] !== tenant) continue;
      if (known === null ? d[at + RECORDED_TO] !== Infinity : d[at + RECORDED_FROM]! > known || d[at + RECORDED_TO]! <= known) continue;
      const [start, end] = [d[at + FROM]!, d[at + TO]!];
      if (start <= msFrom && end > msFrom) before[d[at + ENTITY]!] = at;
      if (start <= msTo && end > msTo) after[d[at + ENTITY]!] = at;
    }
    const values = c.values.values;
    const value = (n: number) => values[n] as never;
    const as = c.assignments.data;
    const changes: PersonChanges = { people: [], assignments: [], reportingLines: [] };
    const push = (list: OrgChange[], change: OrgChange | null) => change && list.push(change);
    const person = (at: number) =>
      at < 0 ? null : personFacts({ name: value(d[at + NAME]!), email: value(d[at + EMAIL]!), title: value(d[at + TITLE]!), status: value(d[at + STATUS]!) });
    const line = (id: string, at: number) => (at < 0 ? null : reportingLineFacts(id, value(d[at + MANAGER]!)));
    const assignment = (id: string, k: number) =>
      assignmentFacts(id, {
        roleId: value(as[k + ROLE]!),
        allocationPercent: value(as[k + ALLOCATION]!),
        effectiveFrom: value(as[k + EFFECTIVE_FROM]!),
        effectiveTo: value(as[k + EFFECTIVE_TO]!),
      });
    const sameAssignment = (k: number, l: number) =>
      k === l ||
      (as[k + ROLE] === as[l + ROLE] &&
        as[k + ALLOCATION] === as[l + ALLOCATION] &&
        as[k + EFFECTIVE_FROM] === as[l + EFFECTIVE_FROM] &&
        as[k + EFFECTIVE_TO] === as[l + EFFECTIVE_TO]);
    // the assignments (their records' offsets) in force at each instant, reused for every person
    const was: number[] = [];
    const is: number[] = [];
    const inForce = (version: number, at: number, into: number[]) => {
      into.length = 0;
      if (version < 0) return;
      const first = d[version + FIRST_ASSIGNMENT]! * ASSIGNMENT_STRIDE;
      const end = first + d[version + ASSIGNMENTS]! * ASSIGNMENT_STRIDE;
      for (let k = first; k < end; k += ASSIGNMENT_STRIDE) if (as[k + START]! <= at && as[k + END]! > at) into.push(k);
    };
    const indexIn = (list: number[], aid: number) => {
      for (let j = 0; j < list.length; j++) if (as[list[j]! + ASSIGNMENT_ID] === aid) return list[j]!;
      return -1;
    };
    for (const e of c.sorted()) {
      const [b, a] = [before[e]!, after[e]!];
      if (b < 0 && a < 0) continue;
      const id = c.entityIds[e]!;
      if (b !== a) {
        const samePerson =
          b >= 0 && a >= 0 && d[b + NAME] === d[a + NAME] && d[b + EMAIL] === d[a + EMAIL] && d[b + TITLE] === d[a + TITLE] && d[b + STATUS] === d[a + STATUS];
        if (!samePerson) push(changes.people, changeOf('people', id, person(b), person(a)));
        if (b < 0 || a < 0 || d[b + MANAGER] !== d[a + MANAGER]) push(changes.reportingLines, changeOf('reportingLines', id, line(id, b), line(id, a)));
      }
      inForce(b, msFrom, was);
      inForce(a, msTo, is);
      for (const k of was) {
        const l = indexIn(is, as[k + ASSIGNMENT_ID]!);
        if (l >= 0 && sameAssignment(k, l)) continue;
        const aid: string = value(as[k + ASSIGNMENT_ID]!);
        const change = changeOf('assignments', aid, assignment(id, k), l < 0 ? null : assignment(id, l));
        if (change) changes.assignments.push(change);
      }
      for (const l of is) {
        if (indexIn(was, as[l + ASSIGNMENT_ID]!) >= 0) continue;
        const aid: string = value(as[l + ASSIGNMENT_ID]!);
        changes.assignments.push(changeOf('assignments', aid, null, assignment(id, l))!);
      }
    }
    // found person by person: listed by assignment id
    changes.assignments.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    return changes;
  }
}
