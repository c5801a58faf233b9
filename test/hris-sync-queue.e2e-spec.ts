// HRIS sync runs on BullMQ with a real Redis: the API records the run and enqueues it (job id =
// run id), a separate worker process reads the HiBob stand-in's directory and reconciles; two
// workers keeping the same schedule make one scheduled run per interval, not one each.
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { eventually } from '@rolebook/event-store/testing';
import { HrisStandIn } from '@rolebook/hris/testing';
import { HRIS_SYNC_QUEUE } from '@rolebook/jobs';
import { startApi, type TestApi } from './support/api';
import { integrations } from './support/hris-signing';
import { deleteQueueKeys, describeWithRedis, REDIS_URL } from './support/services';
import { startWorker } from './support/built-app';

jest.setTimeout(90_000);

describeWithRedis('HRIS sync runs on BullMQ', () => {
  let api: TestApi;
  let hibob: HrisStandIn;
  let prefix: string;
  let env: Record<string, string>;
  const workers: ChildProcess[] = [];
  const connection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });

  const boot = async (extra: Record<string, string>) => {
    prefix = `rbtest-${randomUUID().slice(0, 8)}`;
    env = {
      REDIS_URL,
      BULLMQ_PREFIX: prefix,
      HRIS_INTEGRATIONS: integrations(hibob.url),
      JOB_LOCK_MS: '1000',
      JOB_STALLED_INTERVAL_MS: '500',
      DRIFT_SCHEDULE_MS: '0',
      DRIFT_DEBOUNCE_MS: '600000',
      HRIS_SYNC_INTERVAL_MS: '0',
      ...extra,
    };
    api = await startApi(undefined, env);
    env.DATA_DIR = api.dir;
  };
  beforeAll(async () => {
    hibob = await HrisStandIn.start();
    hibob.hibob.set('q1', {
      id: 'q1',
      displayName: 'Queue Head',
      email: 'qh@example.com',
      work: { title: 'Head of Product', reportsTo: null, startDate: '2022-01-03' },
    });
    hibob.hibob.set('q2', {
      id: 'q2',
      displayName: 'Queue Pm',
      email: 'qp@example.com',
      work: { title: 'Product Manager', reportsTo: { id: 'q1' }, startDate: '2023-03-01' },
    });
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) w.kill('SIGKILL');
    await api?.dispose();
    await deleteQueueKeys(connection, prefix);
  });
  afterAll(async () => {
    await connection.quit();
    await hibob.close();
  });

  const runs = async () => {
    const r = await api.gql(
      '{ hrisSyncRuns(first: 100) { edges { node { id provider status startedBy error counts { created updated terminated unchanged failed } } } } }',
    );
    if (!r.data) throw new Error(JSON.stringify(r.errors));
    return r.data.hrisSyncRuns.edges.map((e: any) => e.node);
  };

  it('runs a started sync in the worker: counts, then a second run changes nothing', async () => {
    await boot({});
    const started = await api.gql('mutation { startHrisSync(provider: HIBOB) { id status } }');
    expect(started.data.startHrisSync.status).toBe('QUEUED');
    const id = started.data.startHrisSync.id as string;
    // queued until a worker takes it
    expect((await runs()).find((r: any) => r.id === id).status).toBe('QUEUED');
    workers.push(await startWorker(env));
    await eventually(
      async () =>
        expect((await runs()).find((r: any) => r.id === id)).toMatchObject({
          status: 'SUCCEEDED',
          counts: { created: 2, updated: 0, terminated: 0, unchanged: 0, failed: 0 },
        }),
      30_000,
    );
    const second = (await api.gql('mutation { startHrisSync(provider: HIBOB) { id } }')).data.startHrisSync.id as string;
    await eventually(
      async () => expect((await runs()).find((r: any) => r.id === second)).toMatchObject({ status: 'SUCCEEDED', counts: { created: 0, unchanged: 2 } }),
      30_000,
    );
  });

  it('two workers keep one schedule: one scheduled run per interval', async () => {
    await boot({ HRIS_SYNC_INTERVAL_MS: '3000' });
    const since = Date.now();
    workers.push(await startWorker(env), await startWorker(env));
    await eventually(
      async () => expect((await runs()).filter((r: any) => r.startedBy === 'schedule' && r.status === 'SUCCEEDED').length).toBeGreaterThanOrEqual(2),
      40_000,
    );
    const scheduled = (await runs()).filter((r: any) => r.startedBy === 'schedule' && r.provider === 'HIBOB');
    // at most one a provider per interval begun since the workers started, whatever the number of workers
    expect(scheduled.length).toBeGreaterThanOrEqual(1);
    expect(scheduled.length).toBeLessThanOrEqual(Math.ceil((Date.now() - since) / 3000) + 1);
  });

  it('a run whose job BullMQ gave up on is failed INTERRUPTED and does not block the next run', async () => {
    await boot({});
    const id = (await api.gql('mutation { startHrisSync(provider: HIBOB) { id } }')).data.startHrisSync.id as string;
    // the machinery fails the job on every attempt (as a store or Redis that keeps failing would) until BullMQ gives up
    const failing = new Worker(
      HRIS_SYNC_QUEUE,
      () => {
        throw new Error('store unreachable');
      },
      { connection, prefix },
    );
    const queue = new Queue(HRIS_SYNC_QUEUE, { connection, prefix });
    try {
      await eventually(async () => expect(await queue.getJobState(id)).toBe('failed'), 30_000);
    } finally {
      await failing.close();
      await queue.close();
    }
    // still QUEUED, blocking: a new start answers the same run
    expect((await api.gql('mutation { startHrisSync(provider: HIBOB) { id } }')).data.startHrisSync.id).toBe(id);
    workers.push(await startWorker(env));
    await eventually(async () => expect((await runs()).find((r: any) => r.id === id)).toMatchObject({ status: 'FAILED', error: 'INTERRUPTED' }), 30_000);
    const next = (await api.gql('mutation { startHrisSync(provider: HIBOB) { id } }')).data.startHrisSync.id as string;
    expect(next).not.toBe(id);
    await eventually(async () => expect((await runs()).find((r: any) => r.id === next)).toMatchObject({ status: 'SUCCEEDED' }), 30_000);
  });
});
