// HRIS deliveries on BullMQ with a real Redis: the API records each delivery and enqueues it, a
// separate worker process applies it. Retries, dead letters and replays go through the worker; a
// job Redis lost is swept up again; and a worker killed in the middle of a delivery leaves it to
// the next worker, which finishes it without losing or repeating a change.
import { hrisPersonId } from '@rolebook/application';
import IORedis from 'ioredis';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { eventually } from '@rolebook/event-store/testing';
import { startApi, type TestApi } from './support/api';
import { bambooHires, defineProductRoles, deliveriesOf, expectEveryHireOnce, fromBamboo, logCounter } from './support/crash-scenario';
import { integrations, signMerge, signStandard } from './support/hris-signing';
import { deleteQueueKeys, describeWithRedis, REDIS_URL } from './support/services';
import { exited, startWorker } from './support/built-app';

const SETTLE_MS = 20_000;

jest.setTimeout(90_000);

describeWithRedis('HRIS deliveries on BullMQ', () => {
  let api: TestApi;
  let prefix: string;
  let env: Record<string, string>;
  const workers: ChildProcess[] = [];
  const connection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });

  beforeEach(async () => {
    prefix = `rbtest-${randomUUID().slice(0, 8)}`;
    env = {
      REDIS_URL,
      BULLMQ_PREFIX: prefix,
      HRIS_INTEGRATIONS: integrations(),
      WEBHOOK_RETRY_BASE_MS: '300',
      WEBHOOK_MAX_ATTEMPTS: '3',
      JOB_LOCK_MS: '1000',
      JOB_STALLED_INTERVAL_MS: '500',
      WEBHOOK_CLAIM_MS: '1000',
      DRIFT_SCHEDULE_MS: '0',
      DRIFT_DEBOUNCE_MS: '600000',
    };
    api = await startApi(undefined, env);
    env.DATA_DIR = api.dir;
    await defineProductRoles(api.gql);
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) w.kill('SIGKILL');
    await api?.dispose();
    await deleteQueueKeys(connection, prefix);
  });
  afterAll(() => connection.quit());

  const post = (provider: string, signed: { raw: string; headers: Record<string, string> }) =>
    api
      .http()
      .post(`/webhooks/${provider}`)
      .set({ 'content-type': 'application/json', ...signed.headers })
      .send(signed.raw);
  const deliveries = async () => {
    const r = await api.gql('{ webhookDeliveries(first: 50) { edges { node { id deliveryId provider status attempts lastError outcome } } } }');
    if (!r.data) throw new Error(JSON.stringify(r.errors));
    return r.data.webhookDeliveries.edges.map((e: any) => e.node);
  };
  const delivery = async (deliveryId: string) => (await deliveries()).find((d: any) => d.deliveryId === deliveryId);
  const person = async (provider: 'standard' | 'merge' | 'bamboohr', employeeId: string) =>
    (
      await api.gql('query($id: ID!) { person(id: $id) { name managerId assignments { role { name } } } }', {
        id: hrisPersonId('default', provider, employeeId),
      })
    ).data?.person;

  it('applies in the worker what the API recorded: a retry until the manager is known, a dead letter, and its replay', async () => {
    workers.push(await startWorker(env));
    const report = signMerge({
      hook: { event: 'Employee.added' },
      linked_account: { id: 'la' },
      data: { id: 'm-2', first_name: 'Report', last_name: 'One', manager: 'm-1', employments: [{ job_title: 'Product Manager' }] },
    });
    expect((await post('merge', report)).status).toBe(202);
    await eventually(
      async () => expect((await deliveries()).find((d: any) => d.provider === 'MERGE')).toMatchObject({ status: 'PENDING', lastError: 'UNKNOWN_MANAGER' }),
      SETTLE_MS,
    );
    const manager = signMerge({
      hook: { event: 'Employee.added' },
      linked_account: { id: 'la' },
      data: { id: 'm-1', display_full_name: 'Manager Merge', manager: null, start_date: '2025-06-01', employments: [] },
    });
    expect((await post('merge', manager)).status).toBe(202);
    await eventually(
      async () =>
        expect(await person('merge', 'm-2')).toMatchObject({
          managerId: hrisPersonId('default', 'merge', 'm-1'),
          assignments: [{ role: { name: 'Product Manager' } }],
        }),
      SETTLE_MS,
    );

    const orphan = signStandard({ type: 'employee.terminated', data: { employeeId: 'ghost' } });
    expect((await post('standard', orphan)).status).toBe(202);
    let dead: any;
    await eventually(async () => {
      dead = await delivery(orphan.id);
      expect(dead).toMatchObject({ status: 'DEAD', attempts: 3, lastError: 'UNKNOWN_EMPLOYEE' });
    }, SETTLE_MS);
    const hire = signStandard({ type: 'employee.hired', data: { employeeId: 'ghost', name: 'Casper Ghost', effectiveAt: '2026-01-01T00:00:00Z' } });
    expect((await post('standard', hire)).status).toBe(202);
    await eventually(async () => expect(await person('standard', 'ghost')).toBeTruthy(), SETTLE_MS);
    const replay = await api.gql('mutation($id: ID!) { replayWebhookDelivery(input: { id: $id }) { status attempts outcome } }', { id: dead.id });
    expect(replay.data.replayWebhookDelivery).toMatchObject({
      status: 'PROCESSED',
      attempts: 1,
      outcome: [`terminated ${hrisPersonId('default', 'standard', 'ghost')}`],
    });

    // the worker appended it: the API's read model shows it once it has caught up
    await eventually(async () => {
      const history = await api.gql('query($id: ID!) { history(entityId: $id) { edges { node { type source causationId } } } }', {
        id: hrisPersonId('default', 'standard', 'ghost'),
      });
      expect(history.data.history.edges.map((e: any) => e.node)).toEqual(
        expect.arrayContaining([
          { type: 'PersonRegistered', source: 'hris:standard', causationId: hire.id },
          { type: 'PersonTerminated', source: 'hris:standard', causationId: orphan.id },
        ]),
      );
    }, SETTLE_MS);
  });

  it('enqueues again a recorded delivery whose job Redis lost', async () => {
    const hire = signStandard({ type: 'employee.hired', data: { employeeId: 'e-lost', name: 'Lost Job', title: 'Product Manager' } });
    expect((await post('standard', hire)).status).toBe(202);
    await eventually(async () => expect((await connection.keys(`${prefix}:hris-deliveries:*`)).length).toBeGreaterThan(0), SETTLE_MS);
    // Redis restarted without persistence: every queue key is gone
    await connection.del(...(await connection.keys(`${prefix}:*`)));
    workers.push(await startWorker(env));
    await eventually(async () => expect(await delivery(hire.id)).toMatchObject({ status: 'PROCESSED', attempts: 1 }), SETTLE_MS);
    await eventually(
      async () => expect(await person('standard', 'e-lost')).toMatchObject({ name: 'Lost Job', assignments: [{ role: { name: 'Product Manager' } }] }),
      SETTLE_MS,
    );
  });

  it('finishes a delivery whose worker was killed in the middle of it: every change once, none lost', async () => {
    const n = 300;
    const first = await startWorker(env);
    workers.push(first);
    expect((await post('bamboohr', bambooHires(n))).status).toBe(202);
    const log = logCounter(api.dir);
    const hrisEvents = () => log.count() - 2; // less the two roles
    await eventually(() => expect(hrisEvents()).toBeGreaterThanOrEqual(10), SETTLE_MS);
    first.kill('SIGKILL');
    await exited(first);
    const cutAt = hrisEvents();
    log.close();
    expect(cutAt).toBeGreaterThan(0);
    expect(cutAt).toBeLessThan(2 * n); // cut short: some hires and assignments made, not all
    const [cut] = await deliveriesOf(api.gql);
    expect(cut).toMatchObject({ provider: 'BAMBOOHR', status: 'PENDING' });

    // the next worker takes the stalled job up once its lock lapses
    workers.push(await startWorker(env));
    await eventually(async () => expect((await deliveriesOf(api.gql))[0]).toMatchObject({ id: cut!.id, status: 'PROCESSED' }), SETTLE_MS);
    await eventually(async () => expect(await fromBamboo(api.gql)).toBe(2 * n), SETTLE_MS);
    await expectEveryHireOnce(api.gql, n);
  });
});
