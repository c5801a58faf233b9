// Generates a realistic product org through the public write path (OrgCommands, as the API and
// the CLI call it): roles mapped to the reference model, titles as an HRIS sends them (mostly
// matching the role held, some not), a reporting tree with uneven spans, teams, and five years
// of changes of which some are recorded late (back-dated) and some ahead (future-dated), so the
// drift rules meet a realistic mix. Commands arrive as a server receives them: `concurrency`
// at a time (each person's own commands in order), so the store can commit concurrent appends
// together. Planned in a fixed order: the same size gives the same commands (which of two racing
// commands a rule refuses may differ from run to run).
import type { OrgCommands, RequestContext } from '@rolebook/application';
import { DomainError } from '@rolebook/domain';
import { defaultReferenceModel } from '@rolebook/reference-model';
import { performance } from 'node:perf_hooks';

export interface GenerateOptions {
  people: number;
  /** Rounds of changes after the hires: each touches most people once. */
  rounds: number;
  tenantId: string;
  /** Sets the store's clock (recordedAt), so history is recorded over five years. */
  setNow: (ms: number) => void;
  /** Commands in flight at once, as concurrent requests to a server (default 16). */
  concurrency?: number;
}

export interface GeneratedOrg {
  people: string[];
  roles: string[];
  teams: string[];
  managers: string[];
  commands: number;
  refused: number;
  seconds: number;
  start: number;
  end: number;
}

export const YEAR = 365 * 24 * 3600 * 1000;
const DAY = 24 * 3600 * 1000;

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

// deterministic pseudo-random numbers, so runs compare
export const randomSource = (seed = 42) => {
  let s = seed;
  const random = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return { random, pick: <X>(xs: readonly X[]) => xs[Math.floor(random() * xs.length)]! };
};
const { random, pick } = randomSource();
const weighted = () => {
  const total = MIX.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [key, w] of MIX) if ((r -= w) < 0) return key;
  return MIX[0]![0];
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

export const generateOrg = async (commands: OrgCommands, options: GenerateOptions): Promise<GeneratedOrg> => {
  const { people: PEOPLE, rounds, tenantId, setNow, concurrency = 16 } = options;
  const ROLES = Math.max(20, Math.round(PEOPLE * 0.15));
  const TEAMS = Math.max(5, Math.round(PEOPLE * 0.08));
  const start = Date.UTC(2021, 11, 1);
  const end = start + 5 * YEAR;
  const at = (ms: number) => new Date(ms).toISOString();
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
  const run = async <R>(call: () => Promise<R>): Promise<R | null> => {
    count++;
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      refused++;
      return null;
    }
  };
  const began = performance.now();
  let now = start;
  setNow(now);

  // roles: mapped to the reference model (most by key, some only by name), their duties mostly the reference's
  const reference = new Map(defaultReferenceModel.roles.map((r) => [r.key, r]));
  const roles: string[] = [];
  const rolesOf = new Map<string, string[]>();
  const cpo = uuid(1, 0);
  function* defineRoles() {
    for (let i = 0; i < ROLES; i++) {
      const key = i === 0 ? 'chief-product-officer' : weighted();
      const ref = reference.get(key)!;
      const id = uuid(1, i);
      let duties = ref.responsibilities.map((r) => r.text);
      if (random() < 0.1) duties = duties.filter((_, j) => j !== 0); // a core duty left out
      if (ref.family === 'product' && random() < 0.05) duties = [...duties, 'Decides marketing campaigns']; // a duty the reference forbids
      const referenceRoleKey = random() < 0.9 ? key : null;
      roles.push(id);
      rolesOf.set(key, [...(rolesOf.get(key) ?? []), id]);
      yield () =>
        run(() =>
          commands.defineRole(
            { id, name: `${ref.title} ${i}`, purpose: ref.purpose.text, responsibilities: duties, referenceRoleKey, effectiveAt: at(start) },
            ctx,
          ),
        );
    }
  }
  await concurrently(concurrency, defineRoles());
  const keyOfRole = new Map<string, string>();
  for (const [key, ids] of rolesOf) for (const id of ids) keyOfRole.set(id, key);
  const titleFor = (key: string) => {
    const aliases = reference.get(key)!.aliases.filter((a) => a.length > 3);
    const title = titleCase(pick(aliases.length ? aliases : reference.get(key)!.aliases));
    return random() < 0.3 ? `Senior ${title}` : title;
  };

  // a team is created once its parent is
  const teams: string[] = [];
  const created = new Map<string, Promise<unknown>>();
  function* createTeams() {
    for (let i = 0; i < TEAMS; i++) {
      const id = uuid(2, i);
      const parentTeamId = i === 0 ? null : teams[Math.floor((i - 1) / 4)]!;
      teams.push(id);
      yield () => {
        const done = (async () => {
          if (parentTeamId) await created.get(parentTeamId);
          return run(() => commands.createTeam({ id, name: `Team ${i}`, parentTeamId, effectiveAt: at(start) }, ctx));
        })();
        created.set(id, done);
        return done;
      };
    }
  }
  await concurrently(concurrency, createTeams());

  // people: hired over the first year and a half; a reporting tree with spans around six, some much wider;
  // a person's manager is set once the manager is registered
  const people: string[] = [];
  const state = new Map<string, { hired: number; assignment: string | null; key: string; terminated: boolean }>();
  const registered = new Map<string, Promise<unknown>>();
  let assignments = 0;
  const assignmentId = () => uuid(4, assignments++);
  function* hire() {
    for (let i = 0; i < PEOPLE; i++) {
      const id = uuid(3, i);
      const hired = start + Math.floor((i / PEOPLE) * 1.5 * YEAR);
      now = Math.max(now, hired) + 1000;
      const recorded = now;
      const role = i === 0 ? cpo : pick(rolesOf.get(weighted()) ?? roles);
      const key = keyOfRole.get(role)!;
      // as an HRIS sends them: most titles name the role held, some name another
      const title = random() < 0.12 ? titleFor(weighted()) : titleFor(key);
      const manager = i === 0 ? null : random() < 0.03 ? people[Math.floor(random() * Math.min(i, 20))]! : people[Math.floor((i - 1) / 6)]!;
      const team = pick(teams);
      const assignment = assignmentId();
      people.push(id);
      state.set(id, { hired, assignment, key, terminated: false });
      yield async () => {
        setNow(recorded);
        const registration = run(() =>
          commands.registerPerson({ id, name: `Person ${i}`, email: `person${i}@example.com`, title, effectiveAt: at(hired) }, ctx),
        );
        registered.set(id, registration);
        await registration;
        if (manager) {
          await registered.get(manager);
          await run(() => commands.setManager({ personId: id, managerId: manager, effectiveAt: at(hired) }, ctx));
        }
        await run(() => commands.assignRole({ personId: id, roleId: role, assignmentId: assignment, allocationPercent: 100, effectiveAt: at(hired) }, ctx));
        await run(() => commands.addTeamMember({ teamId: team, personId: id, effectiveAt: at(hired) }, ctx));
      };
    }
  }
  await concurrently(concurrency, hire());

  // years of changes: recorded in order; one in five effective up to 60 days earlier, one in twenty up to 90 days later
  const changesFrom = start + 1.5 * YEAR;
  function* change(round: number) {
    for (const [i, id] of people.entries()) {
      const person = state.get(id)!;
      if (person.terminated) continue;
      now = Math.max(now, changesFrom + Math.floor(((round + random()) / rounds) * (end - changesFrom))) + 100;
      const recorded = now;
      const r = random();
      const effectiveAt = at(
        Math.max(person.hired + DAY, r < 0.2 ? now - Math.floor(random() * 60 * DAY) : r < 0.25 ? now + Math.floor(random() * 90 * DAY) : now),
      );
      const command = async <R>(call: () => Promise<R>) => {
        setNow(recorded);
        return run(call);
      };
      switch (Math.floor(random() * 5)) {
        case 0: {
          const title = random() < 0.8 ? titleFor(person.key) : titleFor(weighted());
          yield () => command(() => commands.updatePerson({ personId: id, title, effectiveAt }, ctx));
          break;
        }
        case 1:
          if (i > 0) {
            const managerId = people[Math.floor(random() * Math.min(i, 6 + i / 5))]!;
            yield () => command(() => commands.setManager({ personId: id, managerId, effectiveAt }, ctx));
          }
          break;
        case 2: {
          const current = person.assignment;
          const role = random() < 0.7 ? pick(rolesOf.get(person.key)!) : pick(roles);
          const next = assignmentId();
          Object.assign(person, { assignment: next, key: keyOfRole.get(role)! });
          yield async () => {
            if (current) await command(() => commands.endRoleAssignment({ personId: id, assignmentId: current, effectiveAt }, ctx));
            await command(() => commands.assignRole({ personId: id, roleId: role, assignmentId: next, allocationPercent: 100, effectiveAt }, ctx));
          };
          break;
        }
        case 3: {
          const teamId = pick(teams);
          yield () => command(() => commands.addTeamMember({ teamId, personId: id, effectiveAt }, ctx));
          break;
        }
        default:
          // one in fifty leaves; the rest keeps their line
          if (i > 0 && random() < 0.1 && i >= people.length / 2) {
            person.terminated = true;
            yield () => command(() => commands.terminatePerson({ personId: id, effectiveAt }, ctx));
          }
      }
    }
  }
  // a person's changes stay in order: one round is finished before the next starts
  for (let round = 0; round < rounds; round++) await concurrently(concurrency, change(round));
  return {
    people,
    roles,
    teams,
    managers: people.slice(0, Math.ceil(PEOPLE / 6)),
    commands: count,
    refused,
    seconds: (performance.now() - began) / 1000,
    start,
    end,
  };
};
