// The production shape on one machine: two API processes and two workers of the built apps, each
// with an empty DATA_DIR of its own (no shared disk), against the KurrentDB test double,
// PostgreSQL (a scratch schema) and a private Redis. Signed HRIS deliveries and GraphQL commands go
// to both APIs in turn while a worker and an API are SIGKILLed and started again and Redis is
// restarted empty; then every acknowledged change must be there exactly once, both APIs' read models
// must answer alike (now, as of and as known at past instants), drift findings must not be
// duplicated, a subscription on one API must have seen the changes made through the other, and a
// third API on an empty DATA_DIR must catch up by itself, not ready until it has.
// Sized by MULTIHOST_DELIVERIES and MULTIHOST_COMMANDS (a few thousand together by default).
import { createClient, type Client } from 'graphql-ws';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { hrisPersonId } from '@rolebook/application';
import { eventually, KurrentDbTestDouble } from '@rolebook/event-store/testing';
import { describeWithPostgres, scratchDatabase } from '@rolebook/postgres/testing';
import { API_READY, children, CLI, entry, exited, gql, run, start } from './support/built-app';
import { defineProductRoles, type Gql } from './support/crash-scenario';
import { integrations, signBambooHr, type Signed } from './support/hris-signing';
import { PrivateRedis, redisServerInstalled } from './support/private-redis';

const DELIVERIES = Number(process.env.MULTIHOST_DELIVERIES ?? 1200);
const COMMANDS = Number(process.env.MULTIHOST_COMMANDS ?? 800);
const IN_FLIGHT = 6; // requests at once: enough to keep four processes busy on two cores
const RESENT_EVERY = 10; // every tenth delivery and command is sent again to the other API
const DRIFT_SCHEDULE_MS = 15_000;
const SETTLE_MS = 240_000;

if (!redisServerInstalled && process.env.REQUIRE_SERVICES === '1') throw new Error('REQUIRE_SERVICES=1 but redis-server is not installed');
const describeMultiHost = redisServerInstalled ? describeWithPostgres : (name: string, body: () => void) => describe.skip(`${name} (no redis-server)`, body);

type Api = { url: string; child: Awaited<ReturnType<typeof start>>['child']; dir: string };

// what a dashboard and an auditor see, at the instants the test passes
const VIEW = `query($t1: DateTime!, $t2: DateTime!) {
  roles(first: 100) { totalCount edges { node { id name version } } }
  people(first: 100) { totalCount edges { node { id name title assignments { role { name } } } } }
  pastPeople: people(asOf: $t1) { totalCount }
  knownPeople: people(knownAt: $t1) { totalCount }
  knownRoles: roles(knownAt: $t2) { totalCount }
  pastRoles: roles(asOf: $t2, knownAt: $t2, first: 100) { totalCount edges { node { id name } } }
  driftFindings(first: 100) { totalCount edges { node { id ruleId status } } }
}`;

const hire = (i: number): Signed =>
  signBambooHr({
    employees: [
      { id: `mh-${i}`, action: 'Created', changedFields: [], fields: { firstName: 'Employee', lastName: `Number ${i}`, jobTitle: 'Product Manager' } },
    ],
  });

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeMultiHost('two APIs and two workers with no shared disk, killed and restarted under load', () => {
  const dirs: string[] = [];
  let double: KurrentDbTestDouble;
  let redis: PrivateRedis;
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  let env: Record<string, string>;
  const clients: Client[] = [];

  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'rolebook-host-'));
    dirs.push(dir);
    return dir;
  };
  const startApi = async (dir: string, extra: Record<string, string> = {}): Promise<Api> => {
    const started = await start('api', { ...env, ...extra, DATA_DIR: dir, PORT: '0' }, API_READY, 120_000);
    return { url: started.match[1]!, child: started.child, dir };
  };
  const startWorker = async (dir: string) => (await start('worker', { ...env, DATA_DIR: dir }, /Rolebook worker ready/, 120_000)).child;

  beforeAll(async () => {
    if (!existsSync(entry('api'))) throw new Error('dist is missing: npm test builds it first (npm run build)');
    double = await KurrentDbTestDouble.start();
    redis = await PrivateRedis.start();
    database = await scratchDatabase();
    env = {
      EVENT_STORE: 'kurrentdb',
      KURRENTDB_CONNECTION_STRING: double.connectionString,
      DATABASE_URL: database.url,
      INSTALLATION_SECRET: randomBytes(32).toString('hex'),
      CURSOR_SECRET: randomBytes(32).toString('hex'),
      REDIS_URL: redis.url,
      BULLMQ_PREFIX: `rolebook-multihost-${process.pid}`,
      HRIS_INTEGRATIONS: integrations(),
      DEMO_DATA: 'false',
      DRIFT_DEBOUNCE_MS: '1000',
      DRIFT_SCHEDULE_MS: String(DRIFT_SCHEDULE_MS),
      HRIS_SYNC_INTERVAL_MS: '0',
      WEBHOOK_SWEEP_MS: '1000',
      WEBHOOK_RETRY_BASE_MS: '200',
      JOB_LOCK_MS: '5000',
      JOB_STALLED_INTERVAL_MS: '2000',
      RATE_LIMIT_PER_PRINCIPAL: '1000000',
      RATE_LIMIT_PER_IP: '1000000',
      RATE_LIMIT_WEBHOOKS_PER_IP: '1000000',
    };
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => Promise.resolve(c.dispose())));
    for (const child of children) child.kill('SIGKILL');
    await Promise.all([...children].map(exited));
    await double?.stop();
    await redis?.stop();
    await database?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('does every acknowledged change once, and every replica answers alike', async () => {
    const startedAt = Date.now();
    const tenants = await run(CLI, { ...env, DATA_DIR: dataDir() }, ['tenants', 'create', 'default']);
    expect(tenants.code).toBe(0);
    const created = await run(CLI, { ...env, DATA_DIR: dataDir() }, ['keys', 'create', '--tenant', 'default', '--name', 'multihost', '--role', 'admin']);
    expect(created.code).toBe(0);
    const key = created.stdout.trim();

    const apis: Api[] = await Promise.all([startApi(dataDir()), startApi(dataDir())]);
    const workers = await Promise.all([startWorker(dataDir()), startWorker(dataDir())]);
    const workerDirs = [dirs.at(-2)!, dirs.at(-1)!];
    const on =
      (api: Api): Gql =>
      (query, variables) =>
        gql(api.url, key, query, variables);
    await defineProductRoles(on(apis[0]!));

    // a subscription on the second API, for the roles defined through the first
    const seenOnSecond = new Set<string>();
    const client = createClient({ url: apis[1]!.url.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${key}` } });
    clients.push(client);
    client.subscribe(
      { query: 'subscription { orgChanged(filter: { entityTypes: [ROLE] }) { type entityId } }' },
      { next: (m) => void (m.data && seenOnSecond.add((m.data as any).orgChanged.entityId)), error: () => undefined, complete: () => undefined },
    );
    await pause(500);

    // --- the load: deliveries and commands to both APIs in turn; a request whose API is down (or
    // answers 5xx) is sent again to the other, as an HRIS or a client retries
    const up = [true, true];
    const alive = (preferred: number) => (up[preferred] ? preferred : 1 - preferred);
    const resendsAnsweredDuplicate: number[] = [];
    const rolesBy: string[][] = [[], []];
    const instants: string[] = [];
    let redisRestartedAt = Infinity;

    /** The answer that acknowledged the delivery, and whether it was sent more than once to get it. */
    const deliver = async (signed: Signed, preferred: number): Promise<{ status: number; retried: boolean }> => {
      for (let attempt = 0; ; attempt++) {
        const target = alive((preferred + attempt) % 2);
        try {
          const response = await fetch(apis[target]!.url.replace('/graphql', '/webhooks/bamboohr'), {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...signed.headers },
            body: signed.raw,
          });
          if (response.status < 500) return { status: response.status, retried: attempt > 0 };
        } catch {
          // the API was killed under this request: not acknowledged, so sent again
        }
        if (attempt > 50) throw new Error('a delivery was never acknowledged');
        await pause(200);
      }
    };
    const command = async (i: number, preferred: number): Promise<{ id: string; through: number }> => {
      for (let attempt = 0; ; attempt++) {
        const target = alive((preferred + attempt) % 2);
        try {
          const answer = await on(apis[target]!)('mutation($input: DefineRoleInput!) { defineRole(input: $input) { role { id } } }', {
            input: { name: `Role ${i}`, purpose: 'multihost', idempotencyKey: `multihost-role-${i}` },
          });
          if (!answer.errors) return { id: answer.data.defineRole.role.id, through: target };
        } catch {
          // not acknowledged: sent again
        }
        if (attempt > 50) throw new Error('a command was never acknowledged');
        await pause(200);
      }
    };

    // deliveries and commands interleaved evenly, each to the API its turn names
    const total = DELIVERIES + COMMANDS;
    const work = Array.from({ length: total }, (_, i): { kind: 'command' | 'delivery'; n: number } => {
      const commandsBefore = Math.floor((i * COMMANDS) / total);
      return Math.floor(((i + 1) * COMMANDS) / total) > commandsBefore ? { kind: 'command', n: commandsBefore } : { kind: 'delivery', n: i - commandsBefore };
    });
    let next = 0;
    let sent = 0;
    const roleIds = new Map<number, string>();
    const sender = async () => {
      while (next < total) {
        const i = next++;
        const task = work[i]!;
        const side = task.n % 2; // each kind alternates between the two APIs
        if (task.kind === 'command') {
          const n = task.n;
          const { id, through } = await command(n, side);
          roleIds.set(n, id);
          rolesBy[through]!.push(id);
          if (n % RESENT_EVERY === 0) expect((await command(n, 1 - through)).id).toBe(id);
        } else {
          const signed = hire(task.n);
          const first = await deliver(signed, side);
          // 200 duplicate only when an API recorded it, then was killed before it answered
          expect(first.status === 202 || (first.status === 200 && first.retried)).toBe(true);
          if (task.n % RESENT_EVERY === 0) resendsAnsweredDuplicate.push((await deliver(signed, 1 - side)).status);
        }
        sent++;
      }
    };
    const chaos = async () => {
      await eventually(() => expect(sent).toBeGreaterThan(total / 3), SETTLE_MS);
      instants.push(new Date().toISOString());
      // a worker and an API die mid-work (SIGKILL: nothing is finished or closed)
      up[0] = false;
      apis[0]!.child.kill('SIGKILL');
      workers[0].kill('SIGKILL');
      await Promise.all([exited(apis[0]!.child), exited(workers[0])]);
      await pause(1000);
      workers[0] = await startWorker(workerDirs[0]!);
      apis[0] = await startApi(apis[0]!.dir);
      up[0] = true;
      instants.push(new Date().toISOString());
      await eventually(() => expect(sent).toBeGreaterThan((2 * total) / 3), SETTLE_MS);
      await redis.restart(2000);
      redisRestartedAt = Date.now();
    };
    await Promise.all([...Array.from({ length: IN_FLIGHT }, sender), chaos()]);
    const sentAt = new Date().toISOString();

    // --- every accepted delivery processed, exactly once in effect
    const deliveriesAll = (api: Api, status: string) =>
      on(api)('query($f: WebhookDeliveryFilterInput) { webhookDeliveries(filter: $f) { totalCount } }', { f: { status } });
    await eventually(async () => expect((await deliveriesAll(apis[1]!, 'PROCESSED')).data.webhookDeliveries.totalCount).toBe(DELIVERIES), SETTLE_MS);
    expect((await deliveriesAll(apis[0]!, 'PENDING')).data.webhookDeliveries.totalCount).toBe(0);
    expect((await deliveriesAll(apis[0]!, 'DEAD')).data.webhookDeliveries.totalCount).toBe(0);
    expect(resendsAnsweredDuplicate.every((status) => status === 200)).toBe(true);
    const count = async (api: Api, types: string[], source?: string) =>
      (await on(api)('query($f: AuditLogFilterInput) { auditLog(filter: $f) { totalCount } }', { f: { types, source } })).data.auditLog.totalCount as number;
    for (const api of apis) {
      await eventually(async () => expect(await count(api, ['PersonRegistered'], 'hris:bamboohr')).toBe(DELIVERIES), SETTLE_MS);
      expect(await count(api, ['RoleAssigned'], 'hris:bamboohr')).toBe(DELIVERIES);
    }
    for (const d of [0, DELIVERIES - 1]) {
      const person = await on(apis[0]!)('query($id: ID!) { person(id: $id) { name assignments { role { name } } } }', {
        id: hrisPersonId('default', 'bamboohr', `mh-${d}`),
      });
      expect(person.data.person).toEqual({ name: `Employee Number ${d}`, assignments: [{ role: { name: 'Product Manager' } }] });
    }

    // --- every acknowledged command's events present once
    expect(new Set(roleIds.values()).size).toBe(COMMANDS);
    for (const api of apis) expect(await count(api, ['RoleDefined'])).toBe(COMMANDS + 2); // and the two product roles
    const defined = new Map<string, number>();
    for (let after: string | null = null; ;) {
      const page: any = await on(apis[1]!)(
        'query($after: String) { auditLog(first: 100, after: $after, filter: { types: ["RoleDefined"] }) { edges { node { entityId } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      for (const edge of page.data.auditLog.edges) defined.set(edge.node.entityId, (defined.get(edge.node.entityId) ?? 0) + 1);
      if (!page.data.auditLog.pageInfo.hasNextPage) break;
      after = page.data.auditLog.pageInfo.endCursor;
    }
    for (const id of roleIds.values()) expect(defined.get(id)).toBe(1);

    // --- a subscription on the second API saw the roles defined through the first
    expect(rolesBy[0]!.length).toBeGreaterThan(0);
    await eventually(() => expect(rolesBy[0]!.filter((id) => !seenOnSecond.has(id))).toEqual([]), 30_000);

    // --- drift: checks ran on the workers; no finding detected twice while open, no run twice
    await eventually(async () => expect(await count(apis[0]!, ['DriftCheckCompleted'])).toBeGreaterThan(0), SETTLE_MS);
    await pause(2 * Number(env.DRIFT_DEBOUNCE_MS)); // the last burst's check
    const driftEvents: { type: string; data: any; recordedAt: string }[] = [];
    for (let after: string | null = null; ;) {
      const page: any = await on(apis[0]!)(
        'query($after: String) { auditLog(first: 100, after: $after, filter: { types: ["DriftDetected", "DriftResolved", "DriftCheckCompleted"] }) { edges { node { type data recordedAt } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      driftEvents.push(...page.data.auditLog.edges.map((e: any) => e.node));
      if (!page.data.auditLog.pageInfo.hasNextPage) break;
      after = page.data.auditLog.pageInfo.endCursor;
    }
    const open = new Set<string>();
    const runs = new Map<string, number>();
    for (const { type, data } of driftEvents) {
      if (type === 'DriftDetected') {
        expect(open.has(data.findingId)).toBe(false);
        open.add(data.findingId);
      } else if (type === 'DriftResolved') open.delete(data.findingId);
      else runs.set(data.runId, (runs.get(data.runId) ?? 0) + 1);
    }
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    // one scheduled check per tenant per interval, however many workers (and one more for a restart's first)
    const scheduled = driftEvents.filter((e) => e.type === 'DriftCheckCompleted' && e.data.trigger === 'schedule').length;
    expect(scheduled).toBeGreaterThan(0);
    expect(scheduled).toBeLessThanOrEqual(Math.ceil((Date.now() - startedAt) / DRIFT_SCHEDULE_MS) + 1);

    // the schedule survived Redis losing everything: made again when the workers reconnected
    const scheduledSinceRedisRestart = async () =>
      (await on(apis[0]!)('{ driftRuns(first: 20) { edges { node { trigger recordedAt } } } }')).data.driftRuns.edges.filter(
        (e: any) => e.node.trigger === 'schedule' && Date.parse(e.node.recordedAt) > redisRestartedAt,
      ).length;
    await eventually(async () => expect(await scheduledSinceRedisRestart()).toBeGreaterThan(0), 3 * DRIFT_SCHEDULE_MS);

    // --- both APIs answer alike, now and at past instants, once both have caught up
    const instantsAsked = { t1: instants[0]!, t2: instants[1]! };
    const view = async (api: Api) => {
      const answer = await on(api)(VIEW, instantsAsked);
      expect(answer.errors).toBeUndefined();
      return answer.data;
    };
    await eventually(async () => expect(await view(apis[0]!)).toEqual(await view(apis[1]!)), 60_000);
    const seen = await view(apis[0]!);
    expect(seen.roles.totalCount).toBe(COMMANDS + 2);
    expect(seen.people.totalCount).toBe(DELIVERIES);
    expect(seen.knownPeople.totalCount).toBeLessThan(DELIVERIES);
    expect(sentAt > instants[1]!).toBe(true);

    // --- a new replica on an empty DATA_DIR catches up by itself, not ready until it has
    const third = await startApi(dataDir(), { READY_MAX_PROJECTION_LAG: '10' });
    const readiness = await fetch(third.url.replace('/graphql', '/health/ready'));
    expect(readiness.status).toBe(503);
    expect(((await readiness.json()) as any).checks.projection).toMatchObject({ status: 'failing' });
    await eventually(async () => expect((await fetch(third.url.replace('/graphql', '/health/ready'))).status).toBe(200), SETTLE_MS);
    await eventually(async () => expect(await view(third)).toEqual(seen), 60_000);
  }, 600_000);
});
