// HRIS sync runs against a real Rolebook and the local stand-ins of the vendors' APIs: a dry run
// reports and changes nothing, a run records the commands a delivery would (source hris:PROVIDER,
// causation = the run id), a second run changes nothing, a termination in the directory
// terminates, a 429 is waited out, Merge reads only what changed since the last successful run,
// and a provider without API credentials fails with a reason.
import { employeePersonId, type HrisSyncRuns } from '@rolebook/application';
import { loadConfig } from '@rolebook/config';
import type { SyncRun, SyncRunStore } from '@rolebook/hris';
import { HrisStandIn, STAND_IN_CREDENTIALS } from '@rolebook/hris/testing';
import { join } from 'node:path';
import pino from 'pino';
import { tempRolebook, type TempRolebook } from '../testing/temp-rolebook';
import { hrisSyncRuns, openSyncRunStore, syncableIntegrations } from './hris-sync-runs';
import { InProcessSyncRunner } from './in-process-sync-runner';
import { eventually } from '@rolebook/event-store/testing';

let standIn: HrisStandIn;
beforeAll(async () => (standIn = await HrisStandIn.start()));
afterAll(() => standIn.close());

let rb: TempRolebook;
let store: SyncRunStore;
let syncs: HrisSyncRuns;
beforeEach(async () => {
  rb = tempRolebook();
  const config = loadConfig({
    DATA_DIR: rb.dir,
    HRIS_INTEGRATIONS: JSON.stringify({
      acme: {
        hibob: { secrets: ['hibob-secret'], apiUrl: standIn.url, ...STAND_IN_CREDENTIALS.hibob },
        merge: { secrets: ['merge-secret'], apiUrl: standIn.url, ...STAND_IN_CREDENTIALS.merge },
      },
      globex: { merge: { secrets: ['merge-secret'] } },
    }),
  });
  store = await openSyncRunStore(config);
  syncs = hrisSyncRuns(config, pino({ level: 'silent' }), rb, store, { baseDelayMs: 5, timeoutMs: 2000 });
  standIn.hibob.clear();
  standIn.merge.clear();
  standIn.requests.length = 0;
  standIn.hibob.set('b1', {
    id: 'b1',
    displayName: 'Ada Head',
    email: 'ada@example.com',
    work: { title: 'Head of Product', reportsTo: null, startDate: '2022-01-03' },
  });
  standIn.hibob.set('b2', {
    id: 'b2',
    displayName: 'Bo Manager',
    email: 'bo@example.com',
    work: { title: 'Product Manager', reportsTo: { id: 'b1' }, startDate: '2023-03-01' },
  });
  standIn.hibob.set('b3', {
    id: 'b3',
    displayName: 'Cy Dev',
    email: 'cy@example.com',
    work: { title: 'Software Engineer', reportsTo: { id: 'b2' }, startDate: '2024-05-06' },
  });
});
afterEach(async () => {
  await store.close();
  await rb.dispose();
});

let n = 0;
const sync = async (provider: 'hibob' | 'merge', dryRun = false, tenantId = 'acme'): Promise<SyncRun> => {
  const { run } = await syncs.enqueue({ id: `run-${++n}`, tenantId, provider, dryRun, startedBy: 'key:ops' });
  return (await syncs.run(run.id))!;
};
const at = { asOf: '2026-06-01T12:00:00.000Z', knownAt: null };
const person = (employeeId: string, provider = 'hibob') => rb.queries.person('acme', employeePersonId('acme', provider, employeeId), at)?.state;

it('a dry run reports what would change, by employee id, and changes nothing', async () => {
  const head = await rb.store.headPosition();
  const run = await sync('hibob', true);
  expect(run).toMatchObject({ status: 'SUCCEEDED', dryRun: true, counts: { created: 3, updated: 0, terminated: 0, unchanged: 0, failed: 0 }, error: null });
  expect(run.plan!.map((c) => [c.employeeId, c.outcome, c.role])).toEqual([
    ['b1', 'created', 'Director / Head of Product'],
    ['b2', 'created', 'Product Manager'],
    ['b3', 'created', 'Product Developer'],
  ]);
  expect(JSON.stringify(run)).not.toMatch(/Ada|Bo Manager|example\.com/);
  expect(await rb.store.headPosition()).toEqual(head);
  expect(person('b1')).toBeUndefined();
});

it('a run records the changes as hris:PROVIDER caused by the run; a second run with no HRIS change changes nothing', async () => {
  const first = await sync('hibob');
  expect(first).toMatchObject({ status: 'SUCCEEDED', counts: { created: 3, updated: 0, terminated: 0, unchanged: 0, failed: 0 }, plan: null });
  expect(person('b2')).toMatchObject({ name: 'Bo Manager', title: 'Product Manager', managerId: employeePersonId('acme', 'hibob', 'b1') });
  const audit = rb.events.auditLog('acme', { source: 'hris:hibob' }, { first: 500, after: null }).items;
  expect(audit.length).toBeGreaterThan(5);
  for (const { node } of audit) expect(node).toMatchObject({ source: 'hris:hibob', actor: 'hris:hibob', causationId: first.id, correlationId: first.id });

  const head = await rb.store.headPosition();
  const second = await sync('hibob');
  expect(second).toMatchObject({ status: 'SUCCEEDED', counts: { created: 0, updated: 0, terminated: 0, unchanged: 3, failed: 0 } });
  expect(await rb.store.headPosition()).toEqual(head);
});

it('a title change updates, and a termination in the directory terminates', async () => {
  await sync('hibob');
  standIn.hibob.set('b3', { ...standIn.hibob.get('b3')!, work: { ...standIn.hibob.get('b3')!.work, title: 'Senior Product Manager' } });
  standIn.hibob.set('b2', { ...standIn.hibob.get('b2')!, internal: { lifecycleStatus: 'Terminated', status: 'Inactive', terminationDate: '2026-05-29' } });
  const run = await sync('hibob');
  expect(run.counts).toEqual({ created: 0, updated: 1, terminated: 1, unchanged: 1, failed: 0 });
  expect(person('b2')).toMatchObject({ status: 'Terminated', terminatedAt: '2026-05-29T00:00:00.000Z' });
  // changes of people already in Rolebook take effect when the run started
  expect(rb.queries.person('acme', employeePersonId('acme', 'hibob', 'b3'), { asOf: '2100-01-01T00:00:00.000Z', knownAt: null })!.state).toMatchObject({
    title: 'Senior Product Manager',
  });
});

it('waits out a vendor 429 and succeeds', async () => {
  standIn.failNext(1, 429, '0');
  const run = await sync('hibob');
  expect(run).toMatchObject({ status: 'SUCCEEDED', counts: { created: 3 } });
  expect(standIn.requests.filter((r) => r.url === '/v1/people/search')).toHaveLength(2);
});

it('fails with VENDOR_API_FAILED when the vendor keeps failing, changing nothing, and a later run can start', async () => {
  standIn.failNext(5, 503);
  const head = await rb.store.headPosition();
  const run = await sync('hibob');
  expect(run).toMatchObject({ status: 'FAILED', error: 'VENDOR_API_FAILED', counts: null });
  expect(await rb.store.headPosition()).toEqual(head);
});

it('fails cleanly with API_NOT_CONFIGURED for a provider without API credentials, and is not scheduled', async () => {
  expect(await sync('merge', false, 'globex')).toMatchObject({ status: 'FAILED', error: 'API_NOT_CONFIGURED', finishedAt: expect.any(String) });
  expect(
    syncableIntegrations(loadConfig({ DATA_DIR: join(rb.dir, 'x'), HRIS_INTEGRATIONS: JSON.stringify({ globex: { merge: { secrets: ['merge-secret'] } } }) })),
  ).toEqual([]);
});

it('Merge lists only employees modified after the last successful run started', async () => {
  standIn.merge.set('m1', {
    id: 'm1',
    first_name: 'Mo',
    last_name: 'Merge',
    work_email: 'mo@example.com',
    manager: null,
    employments: [{ id: 'e1', job_title: 'Product Manager' }],
    employment_status: 'ACTIVE',
    start_date: '2024-01-01T00:00:00Z',
    modified_at: '2026-05-01T00:00:00Z',
  });
  const first = await sync('merge');
  expect(first).toMatchObject({ status: 'SUCCEEDED', counts: { created: 1 } });
  expect(standIn.requests.some((r) => r.url.includes('modified_after'))).toBe(false);
  standIn.requests.length = 0;
  const second = await sync('merge');
  const listed = standIn.requests.find((r) => r.url.startsWith('/api/hris/v1/employees?'))!;
  expect(new URL(listed.url, standIn.url).searchParams.get('modified_after')).toBe(first.startedAt);
  expect(second.counts).toEqual({ created: 0, updated: 0, terminated: 0, unchanged: 0, failed: 0 });
});

it('a retried start answers the same run, and a start while one is unfinished answers that one', async () => {
  const start = { id: 'same', tenantId: 'acme', provider: 'hibob' as const, dryRun: false, startedBy: 'key:ops' };
  expect((await syncs.enqueue(start)).created).toBe(true);
  expect(await syncs.enqueue(start)).toMatchObject({ created: false, run: { id: 'same' } });
  expect(await syncs.enqueue({ ...start, id: 'other' })).toMatchObject({ created: false, run: { id: 'same', status: 'QUEUED' } });
  await expect(syncs.enqueue({ ...start, id: 'std', provider: 'standard' })).rejects.toMatchObject({ reason: 'NO_PROVIDER_API' });
});

it('in process, takes up at start the runs a crash left unfinished, and runs a scheduled one per integration', async () => {
  const left = (await syncs.enqueue({ id: 'left', tenantId: 'acme', provider: 'hibob', dryRun: false, startedBy: 'key:ops' })).run;
  await store.begin(left.id, '2026-06-01T12:00:00.000Z');
  const runner = new InProcessSyncRunner(syncs, pino({ level: 'silent' }));
  runner.start(200, () => [{ tenantId: 'acme', provider: 'merge' }]);
  await eventually(async () => expect(await store.get('left')).toMatchObject({ status: 'SUCCEEDED', counts: { created: 3 } }), 10_000);
  await eventually(async () => {
    const merge = (await store.list('acme', { provider: 'merge' }, null, 10)).map((r) => r.run);
    expect(merge.some((r) => r.startedBy === 'schedule' && r.status === 'SUCCEEDED')).toBe(true);
  }, 10_000);
  await runner.stop();
});
