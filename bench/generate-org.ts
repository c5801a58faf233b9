// Generates a realistic product org through the public write path (OrgCommands, as the API and
// the CLI call it): roles mapped to the reference model, titles as an HRIS sends them (mostly
// matching the role held, some not), a reporting tree with uneven spans, teams, and five years
// of history: hires over the first year and a half, then title, manager, role and team changes,
// transfers, promotions, corrections recorded late (back-dated) or ahead (future-dated),
// leavers replaced by backfills (new hires or rehires of former people under a new record) who
// take over their reports, and roles and teams defined, revised, retired and reorganised. The
// drift rules meet a realistic mix. Commands arrive as a server receives them: `concurrency` at
// a time (each person's own commands in order), so the store can commit concurrent appends
// together. Planned in a fixed order: the same size gives the same commands (which of two racing
// commands a rule refuses may differ from run to run).
import type { OrgCommands, RequestContext } from '@rolebook/application';
import { DomainError } from '@rolebook/domain';
import { defaultReferenceModel } from '@rolebook/reference-model';
import { performance } from 'node:perf_hooks';

export interface GenerateOptions {
  people: number;
  /** Events to aim for (default 50 per person: 500,000 at 10,000 people); sets the number of rounds. */
  events?: number;
  /** Rounds of changes over the five years (overrides `events`): each offers most people one change. */
  rounds?: number;
  tenantId: string;
  /** Sets the store's clock (recordedAt), so history is recorded over five years. */
  setNow: (ms: number) => void;
  /** Commands in flight at once, as concurrent requests to a server (default 16). */
  concurrency?: number;
}

export interface GeneratedOrg {
  /** Everyone ever registered, leavers and rehires included. */
  people: string[];
  /** People in the org at the end who never left (their title can still change). */
  stayers: string[];
  roles: string[];
  teams: string[];
  /** Everyone who held one of the positions near the top of the reporting tree. */
  managers: string[];
  rounds: number;
  commands: number;
  refused: number;
  /** Refusals by the rule's reason (e.g. MANAGER_TERMINATED): races and late records meeting the rules. */
  refusedBy: Record<string, number>;
  seconds: number;
  start: number;
  end: number;
}

export const YEAR = 365 * 24 * 3600 * 1000;
const DAY = 24 * 3600 * 1000;
/** Events a round yields per person in the org, averaged over the five years (measured): sets the rounds for a target. */
const EVENTS_PER_PERSON_ROUND = 0.85;
/** Share of the org leaving in a year; each leaver is replaced. */
const ATTRITION = 0.12;
/** Share of backfills who are former people coming back. */
const REHIRES = 0.3;

/** Share of the org's roles (and people) per reference role: mostly builders, a product line above them. */
const MIX: [key: string, weight: number][] = [
  ['product-developer', 45],
  ['product-designer', 8],
  ['engineering-manager', 5],
  ['product-manager', 8],
  ['senior-product-manager', 3],
  ['associate-product-manager', 2],
  ['group-product-manager', 1],
  ['director-of-product', 0.5],
  ['product-owner', 3],
  ['growth-product-manager', 1],
  ['technical-product-manager', 1],
  ['platform-product-manager', 1],
  ['product-marketing-manager', 2],
  ['marketing-manager', 3],
  ['project-manager', 3],
  ['program-manager', 2],
  ['business-analyst', 3],
];
/** The next step up the ladder, for promotions. */
const PROMOTION: Record<string, string> = {
  'associate-product-manager': 'product-manager',
  'product-manager': 'senior-product-manager',
  'senior-product-manager': 'group-product-manager',
  'group-product-manager': 'director-of-product',
  'product-developer': 'engineering-manager',
  'project-manager': 'program-manager',
  'marketing-manager': 'product-marketing-manager',
};
/** What a person's change in a round is, by weight (the rest of the 100: nothing this round). */
const CHANGES: [change: 'title' | 'manager' | 'role' | 'transfer' | 'promotion' | 'correction', weight: number][] = [
  ['title', 26],
  ['manager', 26],
  ['role', 5],
  ['transfer', 12],
  ['promotion', 1],
  ['correction', 8],
];

// deterministic pseudo-random numbers, so runs compare
export const randomSource = (seed = 42) => {
  let s = seed;
  const random = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return { random, pick: <X>(xs: readonly X[]) => xs[Math.floor(random() * xs.length)]! };
};
export const uuid = (prefix: number, n: number) => `00000000-0000-4000-8${prefix}00-${String(n).padStart(12, '0')}`;
const titleCase = (s: string) => s.replace(/\b[a-z]/g, (c) => c.toUpperCase());

/** Runs the tasks `tasks` yields, at most `width` at a time, each started in the order yielded. */
const concurrently = async (width: number, tasks: Iterable<() => Promise<unknown>>): Promise<void> => {
  const next = tasks[Symbol.iterator]();
  const lane = async () => {
    for (let task = next.next(); !task.done; task = next.next()) await task.value();
  };
  await Promise.all(Array.from({ length: width }, lane));
};

/** A person as planned: what their next commands build on. */
interface Planned {
  id: string;
  /** Their number: name and email (a rehire keeps them under a new record). */
  n: number;
  /** The position held: reports and the place in the tree pass to whoever backfills it. */
  slot: number;
  hired: number;
  assignment: string;
  assignedFrom: number;
  role: string;
  key: string;
  manager: Planned | null;
  reports: Set<Planned>;
  team: string;
  /** When they left (0: still here). */
  left: number;
}

export const generateOrg = async (commands: OrgCommands, options: GenerateOptions): Promise<GeneratedOrg> => {
  const { people: PEOPLE, tenantId, setNow, concurrency = 16 } = options;
  const events = options.events ?? PEOPLE * 50;
  const rounds = options.rounds ?? Math.max(1, Math.round((events - 5 * PEOPLE) / (EVENTS_PER_PERSON_ROUND * PEOPLE)));
  const ROLES = Math.max(20, Math.round(PEOPLE * 0.15));
  const TEAMS = Math.max(5, Math.round(PEOPLE * 0.08));
  const start = Date.UTC(2021, 11, 1);
  const end = start + 5 * YEAR;
  const window = (end - start) / rounds;
  const at = (ms: number) => new Date(ms).toISOString();
  const { random, pick } = randomSource();
  const weighted = () => {
    const total = MIX.reduce((sum, [, w]) => sum + w, 0);
    let r = random() * total;
    for (const [key, w] of MIX) if ((r -= w) < 0) return key;
    return MIX[0]![0];
  };
  const ctx: RequestContext = {
    tenantId,
    actor: 'bench',
    source: 'system',
    correlationId: 'bench',
    causationId: null,
    reason: null,
    idempotencyKey: null,
    expectedVersion: null,
  };
  let count = 0;
  let refused = 0;
  const refusedBy: Record<string, number> = {};
  const run = async <R>(call: () => Promise<R>): Promise<R | null> => {
    count++;
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      refused++;
      refusedBy[error.reason] = (refusedBy[error.reason] ?? 0) + 1;
      return null;
    }
  };
  const began = performance.now();
  let now = start;
  setNow(now);
  /** The next recorded instant, at least `ms`: history is recorded in order. */
  const recordAt = (ms: number) => (now = Math.max(now, ms) + 100);
  const recorded =
    (ms: number) =>
    <R>(call: () => Promise<R>) => {
      setNow(ms);
      return run(call);
    };

  // roles: mapped to the reference model (most by key, some only by name), their duties mostly the reference's
  const reference = new Map(defaultReferenceModel.roles.map((r) => [r.key, r]));
  const roles: string[] = [];
  /** Roles open to assignment, by reference key. */
  const rolesOf = new Map<string, string[]>();
  const keyOfRole = new Map<string, string>();
  const holders = new Map<string, number>();
  const roleDefined = new Map<string, number>();
  const dutiesFor = (key: string) => {
    const ref = reference.get(key)!;
    let duties = ref.responsibilities.map((r) => r.text);
    if (random() < 0.1) duties = duties.filter((_, j) => j !== 0); // a core duty left out
    if (ref.family === 'product' && random() < 0.05) duties = [...duties, 'Decides marketing campaigns']; // a duty the reference forbids
    return duties;
  };
  const defineRole = (key: string, effective: number, record: number) => {
    const ref = reference.get(key)!;
    const i = roles.length;
    const id = uuid(1, i);
    const duties = dutiesFor(key);
    const referenceRoleKey = random() < 0.9 ? key : null;
    roles.push(id);
    rolesOf.set(key, [...(rolesOf.get(key) ?? []), id]);
    keyOfRole.set(id, key);
    holders.set(id, 0);
    roleDefined.set(id, effective);
    return () =>
      recorded(record)(() =>
        commands.defineRole(
          { id, name: `${ref.title} ${i}`, purpose: ref.purpose.text, responsibilities: duties, referenceRoleKey, effectiveAt: at(effective) },
          ctx,
        ),
      );
  };
  const cpo = uuid(1, 0);
  function* defineRoles() {
    for (let i = 0; i < ROLES; i++) yield defineRole(i === 0 ? 'chief-product-officer' : weighted(), start, start);
  }
  await concurrently(concurrency, defineRoles());
  const roleFor = (key: string) => pick(rolesOf.get(key)?.length ? rolesOf.get(key)! : roles.filter((r) => r !== cpo));
  const titleFor = (key: string) => {
    const aliases = reference.get(key)!.aliases.filter((a) => a.length > 3);
    const title = titleCase(pick(aliases.length ? aliases : reference.get(key)!.aliases));
    return random() < 0.3 ? `Senior ${title}` : title;
  };

  // teams: a tree, each team below one created before it; a team is created once its parent is
  const teams: string[] = [];
  const teamCreated = new Map<string, number>();
  const created = new Map<string, Promise<unknown>>();
  const createTeam = (effective: number, record: number) => {
    const i = teams.length;
    const id = uuid(2, i);
    const parentTeamId = i === 0 ? null : i < TEAMS ? teams[Math.floor((i - 1) / 4)]! : pick(teams);
    teams.push(id);
    teamCreated.set(id, effective);
    return () => {
      const done = (async () => {
        if (parentTeamId) await created.get(parentTeamId);
        return recorded(record)(() => commands.createTeam({ id, name: `Team ${i}`, parentTeamId, effectiveAt: at(effective) }, ctx));
      })();
      created.set(id, done);
      return done;
    };
  };
  function* createTeams() {
    for (let i = 0; i < TEAMS; i++) yield createTeam(start, start);
  }
  await concurrently(concurrency, createTeams());

  // people: each holds a position (slot) of a reporting tree with spans around six, some much wider
  const people: string[] = [];
  const slots: Planned[] = [];
  /** Leavers who may come back. */
  const former: Planned[] = [];
  let newcomers = PEOPLE;
  let assignments = 0;
  const assignmentId = () => uuid(4, assignments++);
  const holdRole = (person: Pick<Planned, 'role' | 'assignment'> | null, role: string) => {
    if (person) holders.set(person.role, holders.get(person.role)! - 1);
    holders.set(role, holders.get(role)! + 1);
  };
  const setManager = (person: Planned, manager: Planned | null) => {
    person.manager?.reports.delete(person);
    person.manager = manager;
    manager?.reports.add(person);
  };
  /** Plans a hire into `slot` (a new position, or a backfill), recorded at `recordedAt`, and answers the commands that make it. */
  const hire = (slot: number, n: number, hired: number, recordedAt: number, manager: Planned | null, key: string) => {
    const id = uuid(3, people.length);
    const role = slot === 0 ? cpo : roleFor(key);
    const person: Planned = {
      id,
      n,
      slot,
      hired,
      assignment: assignmentId(),
      assignedFrom: hired,
      role,
      key: keyOfRole.get(role)!,
      manager: null,
      reports: new Set(),
      team: pick(teams),
      left: 0,
    };
    holdRole(null, role);
    setManager(person, manager);
    people.push(id);
    slots[slot] = person;
    // as an HRIS sends them: most titles name the role held, some name another
    const title = random() < 0.12 ? titleFor(weighted()) : titleFor(person.key);
    const { assignment, team } = person;
    const command = recorded(recordedAt);
    const effectiveAt = at(hired);
    return async () => {
      await command(() => commands.registerPerson({ id, name: `Person ${n}`, email: `person${n}@example.com`, title, effectiveAt }, ctx));
      if (manager) await command(() => commands.setManager({ personId: id, managerId: manager.id, effectiveAt }, ctx));
      await command(() => commands.assignRole({ personId: id, roleId: role, assignmentId: assignment, allocationPercent: 100, effectiveAt }, ctx));
      await command(() => commands.addTeamMember({ teamId: team, personId: id, effectiveAt }, ctx));
    };
  };
  const hiredAt = (slot: number) => start + Math.floor((slot / PEOPLE) * 1.5 * YEAR);
  let hired = 0;
  function* hires(until: number) {
    for (; hired < PEOPLE && hiredAt(hired) < until; hired++) {
      const slot = hired;
      const manager = slot === 0 ? null : random() < 0.03 ? slots[Math.floor(random() * Math.min(slot, 20))]! : slots[Math.floor((slot - 1) / 6)]!;
      yield hire(slot, slot, hiredAt(slot), recordAt(hiredAt(slot)), manager, slot === 0 ? 'chief-product-officer' : weighted());
    }
  }

  /** One in five changes takes effect up to 60 days before it is recorded, one in twenty up to 90 days after. */
  const effectiveFor = (person: Planned, recordedAt: number) => {
    const r = random();
    const ms = r < 0.2 ? recordedAt - Math.floor(random() * 60 * DAY) : r < 0.25 ? recordedAt + Math.floor(random() * 90 * DAY) : recordedAt;
    return Math.max(person.hired + DAY, ms);
  };
  const roleChange = (person: Planned, key: string, effective: number, command: ReturnType<typeof recorded>) => {
    const current = person.assignment;
    const role = roleFor(key);
    const next = assignmentId();
    // a new assignment starts after the one it replaces, and once the role is defined
    const from = Math.max(effective, person.assignedFrom + DAY, roleDefined.get(role)! + DAY);
    holdRole(person, role);
    Object.assign(person, { assignment: next, assignedFrom: from, role, key: keyOfRole.get(role)! });
    return async () => {
      await command(() => commands.endRoleAssignment({ personId: person.id, assignmentId: current, effectiveAt: at(from) }, ctx));
      await command(() => commands.assignRole({ personId: person.id, roleId: role, assignmentId: next, allocationPercent: 100, effectiveAt: at(from) }, ctx));
    };
  };
  /** A manager for the person in slot `slot` from `ms`: someone in a position above (a lower slot), or their manager if they only start later. */
  const managerFor = (slot: number, ms: number) => {
    let manager = slots[Math.floor(random() * Math.min(slot, 6 + slot / 5))]!;
    while (manager.hired + DAY > ms && manager.manager) manager = manager.manager;
    return manager;
  };
  const changeOf = () => {
    let r = random() * 100;
    for (const [change, w] of CHANGES) if ((r -= w) < 0) return change;
    return null;
  };

  // a person's changes in a round: one at most, recorded in order across the round
  function* changes(from: number) {
    for (const person of slots) {
      if (!person || person.hired >= from || person.slot === 0) continue;
      const recordedAt = recordAt(from + Math.floor(random() * window));
      const command = recorded(recordedAt);
      const effective = effectiveFor(person, recordedAt);
      const { id } = person;
      switch (changeOf()) {
        case 'title': {
          const title = random() < 0.8 ? titleFor(person.key) : titleFor(weighted());
          yield () => command(() => commands.updatePerson({ personId: id, title, effectiveAt: at(effective) }, ctx));
          break;
        }
        case 'manager': {
          const manager = managerFor(person.slot, effective);
          setManager(person, manager);
          yield () => command(() => commands.setManager({ personId: id, managerId: manager.id, effectiveAt: at(effective) }, ctx));
          break;
        }
        case 'role':
          // mostly another role of the same kind; some move to another kind of job, their title not yet changed
          yield roleChange(person, random() < 0.7 ? person.key : weighted(), effective, command);
          break;
        case 'promotion': {
          const key = PROMOTION[person.key] ?? person.key;
          const title = titleFor(key);
          const changeRole = roleChange(person, key, effective, command);
          yield async () => {
            await command(() => commands.updatePerson({ personId: id, title, effectiveAt: at(effective) }, ctx));
            await changeRole();
          };
          break;
        }
        case 'transfer': {
          const old = person.team;
          const team = pick(teams);
          if (team === old) break;
          person.team = team;
          const joinedAt = Math.max(effective, teamCreated.get(team)! + DAY);
          const joined = at(joinedAt);
          const manager = random() < 0.5 ? managerFor(person.slot, joinedAt) : null;
          if (manager) setManager(person, manager);
          yield async () => {
            await command(() => commands.removeTeamMember({ teamId: old, personId: id, effectiveAt: joined }, ctx));
            await command(() => commands.addTeamMember({ teamId: team, personId: id, effectiveAt: joined }, ctx));
            if (manager) await command(() => commands.setManager({ personId: id, managerId: manager.id, effectiveAt: joined }, ctx));
          };
          break;
        }
        case 'correction': {
          // the HRIS corrects an earlier record: effective two weeks to three months before it is recorded
          const backAt = Math.max(person.hired + DAY, recordedAt - (14 + Math.floor(random() * 76)) * DAY);
          const back = at(backAt);
          if (random() < 0.5) {
            const title = titleFor(person.key);
            yield () => command(() => commands.updatePerson({ personId: id, title, effectiveAt: back }, ctx));
          } else {
            const manager = managerFor(person.slot, backAt);
            setManager(person, manager);
            yield () => command(() => commands.setManager({ personId: id, managerId: manager.id, effectiveAt: back }, ctx));
          }
          break;
        }
        case null: // nothing this round
      }
    }
  }

  // roles and teams change too: revised duties, new roles, vacant ones retired, teams renamed, moved and created
  function* orgChanges(from: number) {
    for (let i = 1; i < roles.length; i++) {
      const id = roles[i]!;
      const key = keyOfRole.get(id)!;
      if (!rolesOf.get(key)!.includes(id)) continue; // retired
      const r = random();
      if (r < 0.01) {
        const responsibilities = dutiesFor(key);
        const when = recordAt(from + Math.floor(random() * window));
        yield () => recorded(when)(() => commands.reviseRole({ roleId: id, responsibilities, effectiveAt: at(when) }, ctx));
      } else if (holders.get(id) === 0 && r < 0.03 && rolesOf.get(key)!.length > 1) {
        // nobody holds it (nor will, as planned): retired the next day
        rolesOf.set(
          key,
          rolesOf.get(key)!.filter((x) => x !== id),
        );
        const when = recordAt(from + Math.floor(random() * window));
        yield () => recorded(when)(() => commands.retireRole({ roleId: id, effectiveAt: at(when + DAY) }, ctx));
      }
    }
    for (let i = 0; i < Math.ceil(ROLES * 0.001); i++) {
      const when = recordAt(from + Math.floor(random() * window));
      yield defineRole(weighted(), when, when);
    }
    for (let i = 1; i < teams.length; i++) {
      const r = random();
      if (r >= 0.01) continue;
      const id = teams[i]!;
      const command = recorded(recordAt(from + Math.floor(random() * window)));
      const effectiveAt = at(Math.max(now, teamCreated.get(id)! + DAY));
      const change = r < 0.005 ? { name: `Team ${i} (${Math.floor(random() * 100)})` } : { parentTeamId: teams[Math.floor(random() * i)]! };
      yield () => command(() => commands.updateTeam({ teamId: id, ...change, effectiveAt }, ctx));
    }
    for (let i = 0; i < Math.ceil(TEAMS * 0.001); i++) {
      const when = recordAt(from + Math.floor(random() * window));
      yield createTeam(when, when);
    }
  }

  // leavers: their assignments end, they leave their team; a backfill (some of them former people
  // coming back under a new record) takes the position and the reports. A leaver's manager stays in the round.
  function* leavers(from: number) {
    const leaving = new Set<Planned>();
    for (const person of slots) {
      if (!person || person.slot === 0 || person.hired >= from - 90 * DAY || random() >= ATTRITION * (window / YEAR)) continue;
      if (person.manager && leaving.has(person.manager)) continue;
      leaving.add(person);
      const recordedAt = recordAt(from + Math.floor(random() * window));
      const command = recorded(recordedAt);
      const left = Math.max(effectiveFor(person, recordedAt), person.assignedFrom + DAY);
      person.left = left;
      holders.set(person.role, holders.get(person.role)! - 1);
      former.push(person);
      const { id, team, manager } = person;
      setManager(person, null);
      const reports = [...person.reports];
      // a former person who left at least half a year ago, or someone new
      const returning = random() < REHIRES ? former.find((p) => p.left < recordedAt - 180 * DAY) : undefined;
      if (returning) former.splice(former.indexOf(returning), 1);
      const backfilled = left + (14 + Math.floor(random() * 46)) * DAY;
      // the backfill is recorded with the leaving, effective weeks later
      const makeHire = hire(person.slot, returning?.n ?? newcomers++, backfilled, recordedAt, manager, random() < 0.8 ? person.key : weighted());
      const backfill = slots[person.slot]!;
      for (const report of reports) setManager(report, backfill);
      yield async () => {
        await command(() => commands.terminatePerson({ personId: id, effectiveAt: at(left) }, ctx));
        await command(() => commands.removeTeamMember({ teamId: team, personId: id, effectiveAt: at(left) }, ctx));
        await makeHire();
        for (const report of reports)
          await command(() => commands.setManager({ personId: report.id, managerId: backfill.id, effectiveAt: at(backfilled) }, ctx));
      };
    }
  }

  for (let round = 0; round < rounds; round++) {
    const from = start + round * window;
    await concurrently(concurrency, hires(from + window));
    // a person's changes stay in order: one phase of a round is finished before the next starts
    await concurrently(concurrency, orgChanges(from));
    await concurrently(concurrency, changes(from));
    await concurrently(concurrency, leavers(from));
  }
  await concurrently(concurrency, hires(Infinity));
  const top = Math.ceil(PEOPLE / 6);
  return {
    people,
    // registered by the end (a backfill may start after it)
    stayers: slots.filter((p) => p.hired < end - DAY).map((p) => p.id),
    roles,
    teams,
    managers: [...new Set([...people.slice(0, top), ...slots.slice(0, top).map((p) => p.id)])],
    rounds,
    commands: count,
    refused,
    refusedBy,
    seconds: (performance.now() - began) / 1000,
    start,
    end,
  };
};
