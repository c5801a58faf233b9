// Generates a realistic product org through the public write path (OrgCommands, as the API and
// the CLI call it): roles mapped to the reference model, titles as an HRIS sends them (mostly
// matching the role held, some not), a reporting tree with uneven spans, teams, and five years
// of changes of which some are recorded late (back-dated) and some ahead (future-dated), so the
// drift rules meet a realistic mix. Deterministic: the same size gives the same org.
// The batched import path (being built in libs/application) should plug in here: it takes the
// same inputs, in bulk, and would make a million-event org affordable to generate.
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

export const generateOrg = async (commands: OrgCommands, options: GenerateOptions): Promise<GeneratedOrg> => {
  const { people: PEOPLE, rounds, tenantId, setNow } = options;
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
  for (let i = 0; i < ROLES; i++) {
    const key = i === 0 ? 'chief-product-officer' : weighted();
    const ref = reference.get(key)!;
    const id = uuid(1, i);
    let duties = ref.responsibilities.map((r) => r.text);
    if (random() < 0.1) duties = duties.filter((_, j) => j !== 0); // a core duty left out
    if (ref.family === 'product' && random() < 0.05) duties = [...duties, 'Decides marketing campaigns']; // a duty the reference forbids
    await run(() =>
      commands.defineRole(
        {
          id,
          name: `${ref.title} ${i}`,
          purpose: ref.purpose.text,
          responsibilities: duties,
          referenceRoleKey: random() < 0.9 ? key : null,
          effectiveAt: at(start),
        },
        ctx,
      ),
    );
    roles.push(id);
    rolesOf.set(key, [...(rolesOf.get(key) ?? []), id]);
  }
  const keyOfRole = new Map<string, string>();
  for (const [key, ids] of rolesOf) for (const id of ids) keyOfRole.set(id, key);
  const titleFor = (key: string) => {
    const aliases = reference.get(key)!.aliases.filter((a) => a.length > 3);
    const title = titleCase(pick(aliases.length ? aliases : reference.get(key)!.aliases));
    return random() < 0.3 ? `Senior ${title}` : title;
  };

  const teams: string[] = [];
  for (let i = 0; i < TEAMS; i++) {
    const id = uuid(2, i);
    await run(() => commands.createTeam({ id, name: `Team ${i}`, parentTeamId: i === 0 ? null : teams[Math.floor((i - 1) / 4)], effectiveAt: at(start) }, ctx));
    teams.push(id);
  }

  // people: hired over the first year and a half; a reporting tree with spans around six, some much wider
  const people: string[] = [];
  const state = new Map<string, { hired: number; assignment: string | null; key: string; terminated: boolean }>();
  for (let i = 0; i < PEOPLE; i++) {
    const id = uuid(3, i);
    const hired = start + Math.floor((i / PEOPLE) * 1.5 * YEAR);
    now = Math.max(now, hired) + 1000;
    setNow(now);
    const role = i === 0 ? cpo : pick(rolesOf.get(weighted()) ?? roles);
    const key = keyOfRole.get(role)!;
    // as an HRIS sends them: most titles name the role held, some name another
    const title = random() < 0.12 ? titleFor(weighted()) : titleFor(key);
    await run(() => commands.registerPerson({ id, name: `Person ${i}`, email: `person${i}@example.com`, title, effectiveAt: at(hired) }, ctx));
    if (i > 0) {
      const manager = random() < 0.03 ? people[Math.floor(random() * Math.min(i, 20))]! : people[Math.floor((i - 1) / 6)]!;
      await run(() => commands.setManager({ personId: id, managerId: manager, effectiveAt: at(hired) }, ctx));
    }
    const assigned = await run(() => commands.assignRole({ personId: id, roleId: role, allocationPercent: 100, effectiveAt: at(hired) }, ctx));
    await run(() => commands.addTeamMember({ teamId: pick(teams), personId: id, effectiveAt: at(hired) }, ctx));
    people.push(id);
    state.set(id, { hired, assignment: assigned?.assignmentId ?? null, key, terminated: false });
  }

  // years of changes: recorded in order; one in five effective up to 60 days earlier, one in twenty up to 90 days later
  const changesFrom = start + 1.5 * YEAR;
  for (let round = 0; round < rounds; round++) {
    for (const [i, id] of people.entries()) {
      const person = state.get(id)!;
      if (person.terminated) continue;
      now = Math.max(now, changesFrom + Math.floor(((round + random()) / rounds) * (end - changesFrom))) + 100;
      setNow(now);
      const r = random();
      const effective = Math.max(person.hired + DAY, r < 0.2 ? now - Math.floor(random() * 60 * DAY) : r < 0.25 ? now + Math.floor(random() * 90 * DAY) : now);
      switch (Math.floor(random() * 5)) {
        case 0:
          await run(() =>
            commands.updatePerson({ personId: id, title: random() < 0.8 ? titleFor(person.key) : titleFor(weighted()), effectiveAt: at(effective) }, ctx),
          );
          break;
        case 1:
          if (i > 0)
            await run(() =>
              commands.setManager({ personId: id, managerId: people[Math.floor(random() * Math.min(i, 6 + i / 5))]!, effectiveAt: at(effective) }, ctx),
            );
          break;
        case 2: {
          const current = person.assignment;
          if (current) await run(() => commands.endRoleAssignment({ personId: id, assignmentId: current, effectiveAt: at(effective) }, ctx));
          const role = random() < 0.7 ? pick(rolesOf.get(person.key)!) : pick(roles);
          const next = await run(() => commands.assignRole({ personId: id, roleId: role, allocationPercent: 100, effectiveAt: at(effective) }, ctx));
          if (next) Object.assign(person, { assignment: next.assignmentId, key: keyOfRole.get(role)! });
          break;
        }
        case 3:
          await run(() => commands.addTeamMember({ teamId: pick(teams), personId: id, effectiveAt: at(effective) }, ctx));
          break;
        default:
          // one in fifty leaves; the rest keeps their line
          if (i > 0 && random() < 0.1 && i >= people.length / 2) {
            const left = await run(() => commands.terminatePerson({ personId: id, effectiveAt: at(effective) }, ctx));
            if (left) person.terminated = true;
          }
      }
    }
  }
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
