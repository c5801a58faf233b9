// The built API and worker with DATABASE_URL: the webhook inbox (and the other shared stores) in
// PostgreSQL, nothing of it under DATA_DIR, so an API and a worker that share no disk work together.
// PostgreSQL going away is played through a TCP proxy the test cuts and restores (the shared server
// is never touched): webhooks answer 503 with Retry-After and record nothing, and the service
// recovers by itself once the proxy is back; a worker's job rides out an outage however long.
import { openPostgresAccess } from '@rolebook/auth';
import { describeWithPostgres, scratchDatabase, TEST_DATABASE_URL } from '@rolebook/postgres/testing';
import { hrisPersonId } from '@rolebook/application';
import { eventually, KurrentDbTestDouble } from '@rolebook/event-store/testing';
import IORedis from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_READY, children, entry, gql, startWorker, start } from './support/built-app';
import { integrations, signStandard } from './support/hris-signing';
import { deleteQueueKeys, describeWithRedis, REDIS_URL } from './support/services';
import { TcpProxy } from './support/tcp-proxy';

const SETTLE_MS = 30_000;

jest.setTimeout(120_000);

describeWithPostgres('the shared stores on PostgreSQL (DATABASE_URL), through the built apps', () => {
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  let proxy: TcpProxy;
  let secret: string;
  /** An admin key of the default tenant, made as an operator does (rolebook tenants create, keys create). */
  let key: string;
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'rolebook-pg-'));
    dirs.push(dir);
    return dir;
  };
  beforeAll(() => {
    if (!existsSync(entry('api'))) throw new Error('dist is missing: npm test builds it first (npm run build)');
  });
  beforeEach(async () => {
    db = await scratchDatabase();
    const { hostname, port } = new URL(TEST_DATABASE_URL);
    proxy = await TcpProxy.start({ host: hostname, port: Number(port || 5432) });
    secret = randomBytes(32).toString('base64url');
    const access = await openPostgresAccess(db.pool, { keyHashingSecret: secret });
    await access.tenants.create('default', new Date().toISOString());
    key = (await access.apiKeys.create('default', 'ops', 'admin', null, new Date().toISOString())).plaintext;
  });
  afterEach(async () => {
    for (const child of children) child.kill('SIGKILL');
    await proxy.close();
    await db.drop();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const env = (dir: string) => ({
    DATA_DIR: dir,
    PORT: '0',
    DATABASE_URL: proxy.through(db.url),
    INSTALLATION_SECRET: secret,
    DEMO_DATA: 'false',
    HRIS_INTEGRATIONS: integrations(),
    DRIFT_SCHEDULE_MS: '0',
    DRIFT_DEBOUNCE_MS: '600000',
    WEBHOOK_RETRY_BASE_MS: '200',
  });
  const hire = (employeeId: string) =>
    signStandard({ type: 'employee.hired', data: { employeeId, name: 'Ada Lovelace', effectiveAt: '2026-01-01T00:00:00.000Z' } });
  const post = (graphqlUrl: string, signed: { raw: string; headers: Record<string, string> }) =>
    fetch(graphqlUrl.replace('/graphql', '/webhooks/standard'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signed.headers },
      body: signed.raw,
    });
  const row = async (deliveryId: string) =>
    (await db.pool.query<{ status: string; attempts: number }>('SELECT status, attempts FROM hris_webhook_deliveries WHERE delivery_id = $1', [deliveryId]))
      .rows;
  const noEmbeddedStores = (dir: string) => expect(readdirSync(dir).filter((f) => /^(webhooks|access|keys)\.db/.test(f))).toEqual([]);

  const ready = async (graphqlUrl: string) => {
    const res = await fetch(graphqlUrl.replace('/graphql', '/health/ready'));
    return { status: res.status, postgres: ((await res.json()) as { checks?: { postgres?: unknown } }).checks?.postgres };
  };

  it('answers 503 with Retry-After while PostgreSQL is unreachable, recording nothing, not ready meanwhile, and recovers by itself', async () => {
    const dir = dataDir();
    const api = await start('api', env(dir), API_READY);
    const url = api.match[1]!;

    const first = hire('E1');
    expect((await post(url, first)).status).toBe(202);
    await eventually(async () => expect(await row(first.id)).toEqual([{ status: 'PROCESSED', attempts: 1 }]), SETTLE_MS);

    await proxy.close();
    const during = hire('E2');
    const refused = await post(url, during);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await row(during.id)).toEqual([]);
    expect(await ready(url)).toEqual({ status: 503, postgres: { status: 'failing', reason: 'PostgreSQL unreachable' } });

    await proxy.open();
    await eventually(async () => expect(await ready(url)).toEqual({ status: 200, postgres: { status: 'ok' } }), SETTLE_MS);
    // the sender's retry: recorded now, once (not a duplicate of a half-recorded first attempt), and processed
    await eventually(async () => expect((await post(url, during)).status).toBe(202), SETTLE_MS);
    await eventually(async () => expect(await row(during.id)).toEqual([{ status: 'PROCESSED', attempts: 1 }]), SETTLE_MS);
    const listed = await gql(url, key, '{ webhookDeliveries(first: 10) { totalCount edges { node { deliveryId status } } } }');
    expect(listed.data.webhookDeliveries.totalCount).toBe(2);
    noEmbeddedStores(dir);
  });

  describeWithRedis('with a worker on another DATA_DIR, sharing the KurrentDB test double and Redis', () => {
    // a queue prefix per test too: job ids are delivery numbers, which each test's database starts again
    let prefix: string;
    const connection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
    let double: KurrentDbTestDouble;
    // a log per test, as each test has a database of its own (the log's sealed data needs that database's keys)
    beforeEach(async () => {
      prefix = `rbtest-pg-${randomUUID().slice(0, 8)}`;
      double = await KurrentDbTestDouble.start();
    });
    afterEach(async () => {
      for (const child of children) child.kill('SIGKILL');
      await double.stop();
      await deleteQueueKeys(connection, prefix);
    });
    afterAll(() => connection.quit());
    const shared = (extra: Record<string, string> = {}) => ({
      ...env(dataDir()),
      REDIS_URL,
      BULLMQ_PREFIX: prefix,
      EVENT_STORE: 'kurrentdb',
      KURRENTDB_CONNECTION_STRING: double.connectionString,
      ...extra,
    });
    const person = async (graphqlUrl: string, employeeId: string) =>
      (await gql(graphqlUrl, key, 'query ($id: ID!) { person(id: $id) { name managerId } }', { id: hrisPersonId('default', 'standard', employeeId) })).data
        ?.person;

    it('processes in the worker what the API recorded, sharing no disk', async () => {
      const apiEnv = shared();
      const api = await start('api', apiEnv, API_READY);
      const workerDir = dataDir();
      await startWorker({ ...apiEnv, DATA_DIR: workerDir });
      const delivery = hire('E3');
      expect((await post(api.match[1]!, delivery)).status).toBe(202);
      await eventually(async () => expect(await row(delivery.id)).toEqual([{ status: 'PROCESSED', attempts: 1 }]), SETTLE_MS);
      await eventually(async () => expect(await person(api.match[1]!, 'E3')).toMatchObject({ name: 'Ada Lovelace' }), SETTLE_MS);
      noEmbeddedStores(apiEnv.DATA_DIR);
      noEmbeddedStores(workerDir);
    });

    it('rides out a PostgreSQL outage longer than BullMQ would retry a job: a delivery waiting for its manager applies once the manager comes', async () => {
      const apiEnv = shared({ WEBHOOK_RETRY_BASE_MS: '300', WEBHOOK_MAX_ATTEMPTS: '30', WEBHOOK_SWEEP_MS: '1000' });
      const api = await start('api', apiEnv, API_READY);
      await startWorker({ ...apiEnv, DATA_DIR: dataDir() });
      const report = signStandard({
        type: 'employee.hired',
        data: { employeeId: 'R1', name: 'Grace Hopper', managerId: 'M1', effectiveAt: '2026-01-01T00:00:00.000Z' },
      });
      expect((await post(api.match[1]!, report)).status).toBe(202);
      await eventually(async () => expect((await row(report.id))[0]).toMatchObject({ status: 'PENDING' }), SETTLE_MS);

      // BullMQ's own attempts (5, backing off from 1 s) would all be spent in about 31 s
      await proxy.close();
      await new Promise((r) => setTimeout(r, 40_000));
      await proxy.open();
      // its job was not given up on: the sweep (every second) would have parked the delivery (PROCESSING_FAILED)
      await new Promise((r) => setTimeout(r, 5_000));
      expect((await row(report.id))[0]).toMatchObject({ status: 'PENDING' });

      const manager = signStandard({ type: 'employee.hired', data: { employeeId: 'M1', name: 'Ada Lovelace', effectiveAt: '2025-01-01T00:00:00.000Z' } });
      await eventually(async () => expect((await post(api.match[1]!, manager)).status).toBe(202), SETTLE_MS);
      // at its next retry, backing off from 300 ms per attempt
      await eventually(async () => expect((await row(report.id))[0]).toMatchObject({ status: 'PROCESSED' }), 90_000);
      await eventually(
        async () => expect(await person(api.match[1]!, 'R1')).toMatchObject({ managerId: hrisPersonId('default', 'standard', 'M1') }),
        SETTLE_MS,
      );
    }, 240_000);
  });
});
