// Drift checks on BullMQ with a real Redis: the API enqueues, a separate worker process runs the
// checks, bursts of changes coalesce, and a job abandoned by a crashed worker is recovered
// without a duplicate or a lost run.
import { openRolebook } from '@rolebook/runtime';
import { createLogger, loadConfig } from '@rolebook/config';
import { streamName, TENANT_STREAM_ID } from '@rolebook/domain';
import { DRIFT_QUEUE } from '@rolebook/jobs';
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { startApi, type TestApi } from './support/api';
import { deleteQueueKeys, describeWithRedis, REDIS_URL } from './support/services';
import { startWorker } from './support/built-app';

const eventually = async <T>(read: () => Promise<T>, until: (value: T) => boolean, timeoutMs = 15_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (until(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describeWithRedis('drift checks on BullMQ', () => {
  let api: TestApi;
  let prefix: string;
  const workers: ChildProcess[] = [];
  const connection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });

  beforeEach(() => (prefix = `rbtest-${randomUUID().slice(0, 8)}`));
  afterEach(async () => {
    for (const w of workers.splice(0)) w.kill('SIGKILL');
    await api?.dispose();
    await deleteQueueKeys(connection, prefix);
  });
  afterAll(() => connection.quit());

  const campaignPm = async () => {
    const role = await api.gql(
      `mutation { defineRole(input: { name: "Product Manager", purpose: "x", responsibilities: ["Decide which campaigns to run"] }) { role { id } } }`,
    );
    const person = await api.gql(`mutation { registerPerson(input: { name: "Ada", title: "Product Manager" }) { person { id } } }`);
    await api.gql(`mutation($input: AssignRoleInput!) { assignRole(input: $input) { version } }`, {
      input: { personId: person.data.registerPerson.person.id, roleId: role.data.defineRole.role.id, allocationPercent: 100 },
    });
  };

  it('runs checks in a separate worker: on demand through the API, and once after a burst of changes', async () => {
    api = await startApi(undefined, { REDIS_URL, BULLMQ_PREFIX: prefix });
    const env = { DATA_DIR: api.dir, REDIS_URL, BULLMQ_PREFIX: prefix, DRIFT_DEBOUNCE_MS: '300', DRIFT_SCHEDULE_MS: '0' };
    workers.push(await startWorker(env));
    await campaignPm();

    const run = await api.gql(`mutation { runDriftCheck(input: { idempotencyKey: "q-1" }) { id trigger open } }`);
    expect(run.errors).toBeUndefined();
    expect(run.data.runDriftCheck).toMatchObject({ trigger: 'manual' });
    const findings = await api.gql(`{ driftFindings(filter: { ruleId: "forbidden-responsibility" }) { totalCount } }`);
    expect(findings.data.driftFindings.totalCount).toBe(1);

    // the three changes above coalesce into one debounced check, run by the worker
    const runs = await eventually(
      async () => (await api.gql(`{ driftRuns(first: 10) { edges { node { trigger } } } }`)).data.driftRuns.edges.map((e: any) => e.node.trigger),
      (triggers: string[]) => triggers.includes('change'),
    );
    await new Promise((r) => setTimeout(r, 1000));
    const after = (await api.gql(`{ driftRuns(first: 10) { edges { node { trigger } } } }`)).data.driftRuns.edges.map((e: any) => e.node.trigger);
    expect(after.filter((t: string) => t === 'change')).toHaveLength(1);
    expect(runs).toContain('manual');
  }, 60_000);

  it("recovers a crashed worker's jobs: none lost, none recorded twice", async () => {
    api = await startApi();
    await campaignPm();
    await api.close();

    // a worker takes two jobs and dies: it had recorded the first check, not the second
    const queue = new Queue(DRIFT_QUEUE, { connection, prefix });
    await queue.add('drift-check', { tenantId: 'default', trigger: 'schedule' }, { jobId: 'recorded-then-crashed' });
    await queue.add('drift-check', { tenantId: 'default', trigger: 'schedule' }, { jobId: 'crashed-before-recording' });
    const crashedConnection = connection.duplicate();
    const crashed = new Worker(DRIFT_QUEUE, undefined, { connection: crashedConnection, prefix, lockDuration: 1000 });
    const first = await crashed.getNextJob('crashed-token');
    const second = await crashed.getNextJob('crashed-token');
    expect([first?.id, second?.id].sort()).toEqual(['crashed-before-recording', 'recorded-then-crashed']);
    const config = loadConfig({ DATA_DIR: api.dir, LOG_LEVEL: 'silent' });
    const rolebook = await openRolebook(config, createLogger('silent'), 'read-model.crashed');
    await rolebook.drift.runCheck('default', 'schedule', 'job-recorded-then-crashed');
    await rolebook.close();
    await crashed.close(true);
    crashedConnection.disconnect();

    // a healthy worker finds the stalled jobs once their locks lapse, and runs them
    workers.push(
      await startWorker({ DATA_DIR: api.dir, REDIS_URL, BULLMQ_PREFIX: prefix, JOB_LOCK_MS: '1000', JOB_STALLED_INTERVAL_MS: '500', DRIFT_SCHEDULE_MS: '0' }),
    );
    await eventually(
      async () => Promise.all(['recorded-then-crashed', 'crashed-before-recording'].map(async (id) => (await queue.getJob(id))?.getState())),
      (states) => states.every((s) => s === 'completed'),
      30_000,
    );
    await queue.close();

    api = await startApi(api.dir);
    const completed = (await api.rolebook.store.readStream(streamName('default', 'drift', TENANT_STREAM_ID)))
      .filter((e) => e.type.startsWith('DriftCheckCompleted'))
      .map((e) => (e.data as { runId: string }).runId)
      .sort();
    expect(completed).toEqual(['job-crashed-before-recording', 'job-recorded-then-crashed']);
    const detected = (await api.rolebook.store.readStream(streamName('default', 'drift', TENANT_STREAM_ID))).filter((e) => e.type.startsWith('DriftDetected'));
    expect(new Set(detected.map((e) => (e.data as { findingId: string }).findingId)).size).toBe(detected.length);
  }, 60_000);
});
