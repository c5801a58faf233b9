// Benchmark: a generated org with years of history, built through the real command path, then
// bitemporal reads at random instants on both axes, and a rebuild of the read model from zero.
// Prints figures; asserts nothing. Run: npm run bench (BENCH_PEOPLE, BENCH_CHANGES to resize).
import type { RequestContext } from '@rolebook/application';
import { composeRolebook } from '@rolebook/runtime';
import { DomainError } from '@rolebook/domain';
import { SqliteEventStore } from '@rolebook/event-store';
import { SqliteDataKeyStore } from '@rolebook/privacy';
import { openReadModelDb, rebuildReadModel, diffOrg } from '@rolebook/projections';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 2000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 12);
const ROLES = 60;
const TEAMS = 40;
const T = 'bench';

// deterministic pseudo-random numbers, so runs compare
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <X>(xs: X[]) => xs[Math.floor(random() * xs.length)]!;
const uuid = (prefix: number, n: number) => `00000000-0000-4000-8${prefix}00-${String(n).padStart(12, '0')}`;

const START = Date.parse('2023-01-01T00:00:00Z');
const SPAN = 3 * 365 * 24 * 3600 * 1000;
const instant = (fraction: number) => new Date(START + Math.floor(fraction * SPAN)).toISOString();

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rolebook-bench-'));
  let now = START;
  const clock = () => new Date(now);
  const rb = composeRolebook({
    secret: 'bench-installation-secret-0123456789abcdef',
    store: new SqliteEventStore({ filename: join(dir, 'events.db'), clock }),
    keys: new SqliteDataKeyStore(join(dir, 'keys.db')),
    readModelDb: openReadModelDb(join(dir, 'read-model.db')),
    clock,
  });
  const ctx: RequestContext = {
    tenantId: T,
    actor: 'bench',
    source: 'system',
    correlationId: 'bench',
    causationId: null,
    reason: null,
    idempotencyKey: null,
    expectedVersion: null,
  };

  let commands = 0;
  let refused = 0;
  const run = async (method: keyof typeof rb.commands, input: Record<string, unknown>) => {
    commands++;
    try {
      return await (rb.commands[method] as (i: unknown, c: RequestContext) => Promise<{ id: string; assignmentId?: string }>)(input, ctx);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      refused++;
      return null;
    }
  };

  console.log(`Generating ${PEOPLE} people, ${ROLES} roles, ${TEAMS} teams, ~${CHANGES} changes per person ...`);
  const writeStart = performance.now();
  const roles = Array.from({ length: ROLES }, (_, i) => uuid(1, i));
  for (const [i, id] of roles.entries())
    await run('defineRole', { id, name: `Role ${i}`, purpose: 'p', responsibilities: ['a', 'b'], effectiveAt: instant(0) });
  const teams = Array.from({ length: TEAMS }, (_, i) => uuid(2, i));
  for (const [i, id] of teams.entries())
    await run('createTeam', { id, name: `Team ${i}`, parentTeamId: i === 0 ? null : teams[Math.floor(i / 3)], effectiveAt: instant(0) });

  const people = Array.from({ length: PEOPLE }, (_, i) => uuid(3, i));
  const hired = new Map<string, number>();
  const assignment = new Map<string, string>();
  for (const [i, id] of people.entries()) {
    const at = (i / PEOPLE) * 0.3; // hires spread over the first ~11 months
    hired.set(id, at);
    now = START + Math.floor(at * SPAN) + 3600_000;
    await run('registerPerson', { id, name: `Person ${i}`, email: `p${i}@example.com`, title: 'Engineer', effectiveAt: instant(at) });
    // managers always come earlier in the list: no cycles
    if (i > 0) await run('setManager', { personId: id, managerId: people[Math.floor(random() * Math.min(i, 50 + i / 10))], effectiveAt: instant(at) });
    const a = await run('assignRole', { personId: id, roleId: pick(roles), allocationPercent: 100, effectiveAt: instant(at) });
    if (a?.assignmentId) assignment.set(id, a.assignmentId);
    await run('addTeamMember', { teamId: pick(teams), personId: id, effectiveAt: instant(at) });
  }
  for (let round = 0; round < CHANGES; round++) {
    for (const [i, id] of people.entries()) {
      const at = Math.min(0.999, 0.3 + ((round + random()) / CHANGES) * 0.7);
      now = Math.max(now, START + Math.floor(at * SPAN)) + 1000;
      // one change in five is recorded late: effective up to 60 days before it is recorded
      const effective = random() < 0.2 ? Math.max(hired.get(id)! + 0.001, at - random() * 0.055) : at;
      switch (Math.floor(random() * 4)) {
        case 0:
          await run('updatePerson', { personId: id, title: `Title ${Math.floor(random() * 30)}`, effectiveAt: instant(effective) });
          break;
        case 1:
          if (i > 0) await run('setManager', { personId: id, managerId: people[Math.floor(random() * i)], effectiveAt: instant(effective) });
          break;
        case 2: {
          const current = assignment.get(id);
          if (current) await run('endRoleAssignment', { personId: id, assignmentId: current, effectiveAt: instant(effective) });
          const next = await run('assignRole', { personId: id, roleId: pick(roles), allocationPercent: 100, effectiveAt: instant(effective) });
          if (next?.assignmentId) assignment.set(id, next.assignmentId);
          break;
        }
        default:
          await run('addTeamMember', { teamId: pick(teams), personId: id, effectiveAt: instant(effective) });
      }
    }
  }
  const writeSeconds = (performance.now() - writeStart) / 1000;
  const events = (await rb.store.headPosition()) ?? 0;

  const timings: [string, number[]][] = [];
  const measure = (label: string, times: number, fn: () => unknown) => {
    const samples: number[] = [];
    for (let i = 0; i < times; i++) {
      const t0 = performance.now();
      fn();
      samples.push(performance.now() - t0);
    }
    timings.push([label, samples.sort((a, b) => a - b)]);
  };
  const randomAt = () => {
    const asOf = instant(random());
    return { asOf, knownAt: random() < 0.5 ? null : instant(Math.max(0.3, random())) };
  };
  measure('person(id) at random asOf/knownAt', 2000, () => rb.queries.person(T, pick(people), randomAt()));
  measure('role(id) at random asOf/knownAt', 1000, () => rb.queries.role(T, pick(roles), randomAt()));
  measure('people(first: 50) at random instants, no count', 200, () => rb.queries.people(T, randomAt(), {}, { first: 50, after: null }));
  measure('people totalCount at random instants', 100, () => rb.queries.people(T, randomAt(), {}, { first: 1, after: null }).totalCount());
  measure('people(filter: roleId, first: 50)', 200, () => rb.queries.people(T, randomAt(), { roleId: pick(roles) }, { first: 50, after: null }));
  measure('people(filter: teamId, first: 50)', 200, () => rb.queries.people(T, randomAt(), { teamId: pick(teams) }, { first: 50, after: null }));
  measure('directReports(person)', 1000, () => rb.queries.directReports(T, pick(people.slice(0, 100)), randomAt()));
  measure('org stats', 50, () => rb.queries.stats(T, randomAt()));
  measure('history(person, first: 20)', 1000, () => rb.events.history(T, pick(people), { first: 20, after: null }));
  measure('auditLog(types: [ManagerSet], first: 50)', 200, () => rb.events.auditLog(T, { types: ['ManagerSet'] }, { first: 50, after: null }));
  measure('orgDiff (two snapshots + diff)', 10, () => {
    const [a, b] = [randomAt(), randomAt()];
    diffOrg(rb.queries.snapshot(T, a), rb.queries.snapshot(T, { ...b, knownAt: a.knownAt }));
  });

  const rebuildDb = openReadModelDb(join(dir, 'rebuild.db'));
  const rebuildStart = performance.now();
  await rebuildReadModel(rb.store, rebuildDb);
  const rebuildSeconds = (performance.now() - rebuildStart) / 1000;
  const versions = (rebuildDb.prepare('SELECT COUNT(*) AS n FROM versions').get() as { n: number }).n;

  console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
  console.log(`History: ${events} events (${commands} commands, ${refused} refused by the rules), ${versions} read-model versions`);
  console.log(`Writes through the command path (validate, decide, append, project, read-your-writes): ${Math.round(commands / writeSeconds)} commands/s`);
  console.log(`Rebuild from zero: ${Math.round(events / rebuildSeconds)} events/s (${rebuildSeconds.toFixed(1)} s)\n`);
  console.log(`${'query'.padEnd(44)} ${'n'.padStart(5)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`);
  for (const [label, samples] of timings) {
    const f = (p: number) => percentile(samples, p).toFixed(3).padStart(8);
    console.log(`${label.padEnd(44)} ${String(samples.length).padStart(5)} ${f(50)} ${f(95)} ${f(99)}`);
  }
  rebuildDb.close();
  await rb.close();
  rmSync(dir, { recursive: true, force: true });
};

void main();
