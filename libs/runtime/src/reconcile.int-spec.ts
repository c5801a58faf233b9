// The reconciliation engine against a real Rolebook: a directory applied in batches, a second run
// that changes nothing, a CONFLICT when someone changes a person between plan and apply, and an
// HRIS directory recognising people imported under its employee ids.
import { employeePersonId, recordOfDirectoryEmployee, type EmployeeRecord, type ReconcileRun } from '@rolebook/application';
import { tempRolebook, type TempRolebook } from './testing/temp-rolebook';

let rb: TempRolebook;
beforeEach(() => (rb = tempRolebook()));
afterEach(() => rb.dispose());

const run = (runId: string, directory = 'csv'): ReconcileRun => ({
  tenantId: 'acme',
  source: 'import:csv',
  directory,
  runId,
  actor: 'cli:ops',
  now: '2026-06-01T12:00:00.000Z',
});
const row = (employeeId: string, fields: Partial<EmployeeRecord> = {}): EmployeeRecord => ({
  line: Number(employeeId) + 1,
  employeeId,
  name: `Person ${employeeId}`,
  email: `p${employeeId}@example.com`,
  title: 'Software Engineer',
  manager: '1',
  team: 'Payments',
  start: '2024-01-15',
  end: null,
  allocation: null,
  ...fields,
});
const directory = (): EmployeeRecord[] => [
  row('1', { title: 'Head of Product', manager: null, team: 'Leadership', start: '2021-01-04' }),
  row('2', { title: 'Product Manager' }),
  row('3', { manager: '2' }),
  row('4', { manager: 'p2@example.com', team: 'Search', allocation: '80' }),
  row('5', { manager: '2', start: '2022-01-01', end: '2025-06-30' }),
  row('6', { manager: 'nobody' }),
];
const at = { asOf: '2026-06-01T12:00:00.000Z', knownAt: null };

it('applies a directory in batches, then a second run plans and changes nothing', async () => {
  const first = await rb.reconciler.plan(run('r1'), directory());
  const ticks: number[] = [];
  const applied = await rb.reconciler.apply(first, { batchSize: 2, onProgress: (done) => ticks.push(done) });
  expect(applied.records.map((r) => [r.employeeId, r.outcome])).toEqual([
    ['1', 'created'],
    ['2', 'created'],
    ['3', 'created'],
    ['4', 'created'],
    ['5', 'created'],
    ['6', 'refused'],
  ]);
  expect(ticks.at(-1)).toBe(applied.records.reduce((n, r) => n + r.steps.length, 0) + applied.newRoles.length + applied.newTeams.length);

  const pm = rb.queries.person('acme', employeePersonId('acme', 'csv', '2'), at)!.state;
  expect(pm).toMatchObject({ name: 'Person 2', title: 'Product Manager', managerId: employeePersonId('acme', 'csv', '1'), registeredAt: '2024-01-15T00:00:00.000Z' });
  const roles = rb.queries.roles('acme', at, {}, { first: 50, after: null }).items.map((i) => i.node.state);
  expect(roles.map((r) => r.referenceRoleKey).sort()).toEqual(['director-of-product', 'product-developer', 'product-manager']);
  const developer = roles.find((r) => r.referenceRoleKey === 'product-developer')!;
  expect(rb.queries.person('acme', employeePersonId('acme', 'csv', '4'), at)!.state.assignments).toEqual([
    expect.objectContaining({ roleId: developer.id, allocationPercent: 80, effectiveTo: null }),
  ]);
  const teams = rb.queries.teams('acme', at, {}, { first: 50, after: null }).items.map((i) => i.node.state);
  expect(teams.map((t) => [t.name, t.memberIds.length]).sort()).toEqual([
    ['Leadership', 1],
    ['Payments', 2],
    ['Search', 1],
  ]);
  const leaver = rb.queries.person('acme', employeePersonId('acme', 'csv', '5'), { asOf: '2026-01-01T00:00:00.000Z', knownAt: null })!.state;
  expect(leaver).toMatchObject({ status: 'Terminated', terminatedAt: '2025-06-30T00:00:00.000Z' });
  expect(leaver.assignments.every((a) => a.effectiveTo === '2025-06-30T00:00:00.000Z')).toBe(true);
  // every event names the run and its source
  const audit = rb.events.auditLog('acme', { source: 'import:csv' }, { first: 500, after: null });
  expect(audit.items.length).toBeGreaterThan(20);
  for (const { node } of audit.items) expect(node).toMatchObject({ source: 'import:csv', actor: 'cli:ops', causationId: 'r1', correlationId: 'r1' });

  const head = await rb.store.headPosition();
  const second = await rb.reconciler.plan(run('r2'), directory());
  expect(second.records.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged', 'refused']);
  await rb.reconciler.apply(second);
  // the same plan applied again (a retried run): its idempotency keys make it a no-op
  await rb.reconciler.apply(first);
  expect(await rb.store.headPosition()).toBe(head);
});

it('refuses, as a CONFLICT, a person changed in Rolebook between plan and apply, and applies the rest', async () => {
  await rb.reconciler.apply(await rb.reconciler.plan(run('r1'), directory()));
  const changed = directory().map((r) => (r.employeeId === '3' || r.employeeId === '2' ? { ...r, title: 'Product Owner' } : r));
  const plan = await rb.reconciler.plan(run('r2'), changed);
  const personId = employeePersonId('acme', 'csv', '3');
  await rb.commands.updatePerson({ personId, title: 'Staff Engineer' }, { ...ctx(), idempotencyKey: 'by-hand' });
  const applied = await rb.reconciler.apply(plan);
  expect(applied.records.find((r) => r.employeeId === '3')).toMatchObject({ outcome: 'refused', refusal: { reason: 'VERSION_MISMATCH' } });
  expect(applied.records.find((r) => r.employeeId === '2')!.outcome).toBe('updated');
  expect(rb.queries.person('acme', personId, at)!.state.title).toBe('Staff Engineer');
});

it('recognises, in an HRIS directory, the people imported under its employee ids', async () => {
  await rb.reconciler.apply(await rb.reconciler.plan(run('r1', 'bamboohr'), directory().slice(0, 3)));
  const employees = directory()
    .slice(0, 3)
    .map((r) => ({
      employeeId: r.employeeId,
      fields: { name: r.name, email: r.email, title: r.employeeId === '3' ? 'Engineering Manager' : r.title, managerId: r.manager ?? null },
      hiredAt: null,
      terminated: false,
      terminatedAt: null,
    }));
  const records = employees.map((e) => ({ ...recordOfDirectoryEmployee(e, '2026-06-01T12:00:00.000Z'), team: undefined }));
  const plan = await rb.reconciler.plan({ ...run('sync-1', 'bamboohr'), source: 'hris:bamboohr' }, records);
  expect(plan.records.map((r) => [r.outcome, r.changes])).toEqual([
    ['unchanged', []],
    ['unchanged', []],
    ['updated', ['title', 'role']],
  ]);
});

const ctx = () => ({
  tenantId: 'acme',
  actor: 'tester',
  source: 'api' as const,
  correlationId: 'c',
  causationId: null,
  reason: null,
  idempotencyKey: null,
  expectedVersion: null,
});
