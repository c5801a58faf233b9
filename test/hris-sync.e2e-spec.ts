// HRIS sync runs through GraphQL, in embedded mode (the run in the API process), against the local
// stand-in of HiBob's API: a dry run that plans and changes nothing, a run polled until it
// SUCCEEDED with its counts and its changes as hris:hibob caused by the run, a second run that
// changes nothing, a retried start, a provider with no directory API refused, and the roles below
// the rules refused.
import { eventually } from '@rolebook/event-store/testing';
import { HrisStandIn } from '@rolebook/hris/testing';
import { startApi, type TestApi } from './support/api';
import { integrations } from './support/hris-signing';

jest.setTimeout(30_000);

const RUN =
  'id provider dryRun status startedBy queuedAt startedAt finishedAt error counts { created updated terminated unchanged failed } plan { employeeId personId outcome changes role reason }';

let api: TestApi;
let hibob: HrisStandIn;
beforeAll(async () => {
  hibob = await HrisStandIn.start();
  hibob.hibob.set('h1', {
    id: 'h1',
    displayName: 'Ada Head',
    email: 'ada@example.com',
    work: { title: 'Head of Product', reportsTo: null, startDate: '2022-01-03' },
  });
  hibob.hibob.set('h2', {
    id: 'h2',
    displayName: 'Bo Pm',
    email: 'bo@example.com',
    work: { title: 'Product Manager', reportsTo: { id: 'h1' }, startDate: '2023-03-01' },
  });
  api = await startApi(undefined, { HRIS_INTEGRATIONS: integrations(hibob.url), HRIS_SYNC_INTERVAL_MS: '0' });
});
afterAll(async () => {
  await api.dispose();
  await hibob.close();
});

const start = async (variables: Record<string, unknown>, headers?: Record<string, string>) =>
  api.gql(
    `mutation($p: WebhookProvider!, $dry: Boolean, $key: String) { startHrisSync(provider: $p, dryRun: $dry, idempotencyKey: $key) { ${RUN} } }`,
    variables,
    headers,
  );

/** Polls hrisSyncRuns until the run is finished; answers it. */
const finished = async (id: string) => {
  let run: { status: string } & Record<string, unknown> = { status: 'QUEUED' };
  await eventually(async () => {
    const page = await api.gql(`query { hrisSyncRuns(provider: HIBOB, first: 10) { totalCount edges { node { ${RUN} } } } }`);
    run = page.data.hrisSyncRuns.edges.map((e: { node: typeof run }) => e.node).find((r: Record<string, unknown>) => r['id'] === id);
    expect(['SUCCEEDED', 'FAILED']).toContain(run.status);
  }, 15_000);
  return run;
};
const auditCount = async () => (await api.gql('{ auditLog { totalCount } }')).data.auditLog.totalCount as number;

it('a dry run reports the plan by employee id and changes nothing', async () => {
  const before = await auditCount();
  const started = await start({ p: 'HIBOB', dry: true });
  expect(started.errors).toBeUndefined();
  expect(started.data.startHrisSync).toMatchObject({
    provider: 'HIBOB',
    dryRun: true,
    startedBy: 'key:test-admin',
    status: expect.stringMatching(/QUEUED|RUNNING|SUCCEEDED/),
  });
  const run = await finished(started.data.startHrisSync.id);
  expect(run).toMatchObject({ status: 'SUCCEEDED', counts: { created: 2, updated: 0, terminated: 0, unchanged: 0, failed: 0 }, error: null });
  expect((run['plan'] as { employeeId: string; outcome: string }[]).map((c) => [c.employeeId, c.outcome])).toEqual([
    ['h1', 'created'],
    ['h2', 'created'],
  ]);
  expect(JSON.stringify(run)).not.toMatch(/Ada|example\.com/);
  expect(await auditCount()).toBe(before);
});

it('a run records the changes as hris:hibob caused by the run; a second one changes nothing; a retried start is the same run', async () => {
  const started = await start({ p: 'HIBOB', key: 'sync-1' });
  const id = started.data.startHrisSync.id as string;
  const run = await finished(id);
  expect(run).toMatchObject({ status: 'SUCCEEDED', dryRun: false, counts: { created: 2, updated: 0, terminated: 0, unchanged: 0, failed: 0 }, plan: null });
  const audit = await api.gql('{ auditLog(filter: { source: "hris:hibob" }, first: 100) { totalCount edges { node { actor causationId } } } }');
  expect(audit.data.auditLog.totalCount).toBeGreaterThan(3);
  for (const { node } of audit.data.auditLog.edges) expect(node).toEqual({ actor: 'hris:hibob', causationId: id });
  expect(
    (await api.gql('{ people(first: 10) { edges { node { name title } } } }')).data.people.edges.map((e: { node: { name: string } }) => e.node.name).sort(),
  ).toEqual(['Ada Head', 'Bo Pm']);

  const retried = await start({ p: 'HIBOB', key: 'sync-1' });
  expect(retried.data.startHrisSync).toMatchObject({ id, status: 'SUCCEEDED' });

  const before = await auditCount();
  const second = await finished((await start({ p: 'HIBOB' })).data.startHrisSync.id);
  expect(second).toMatchObject({ status: 'SUCCEEDED', counts: { created: 0, updated: 0, terminated: 0, unchanged: 2, failed: 0 } });
  expect(await auditCount()).toBe(before);
  const one = await api.gql(`query($id: ID!) { hrisSyncRun(id: $id) { id status } }`, { id });
  expect(one.data.hrisSyncRun).toEqual({ id, status: 'SUCCEEDED' });
});

it('refuses a provider with no directory API, changing nothing', async () => {
  const refused = await start({ p: 'STANDARD' });
  expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_PROVIDER_API' });
});

it('refuses startHrisSync below admin and the runs below auditor', async () => {
  const editor = await start({ p: 'HIBOB' }, await api.as('editor', { name: 'sync-editor' }));
  expect(editor.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
  const viewer = await api.gql('{ hrisSyncRuns { totalCount } }', {}, await api.as('viewer', { name: 'sync-viewer' }));
  expect(viewer.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
  // another tenant sees none of this tenant's runs
  const other = await api.gql('{ hrisSyncRuns { totalCount } }', {}, await api.as('auditor', { tenant: 'globex', name: 'globex-auditor' }));
  expect(other.data.hrisSyncRuns.totalCount).toBe(0);
});
