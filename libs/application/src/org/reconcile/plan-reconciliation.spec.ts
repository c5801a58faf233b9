import type { PersonView, Versioned } from '@rolebook/projections';
import { defaultReferenceModel } from '@rolebook/reference-model';
import type { EmployeeRecord, Plan, ReconcileRun } from './employee-record';
import { employeePersonId } from './employee-steps';
import { planReconciliation, type OrgView } from './plan-reconciliation';

const run: ReconcileRun = { tenantId: 'acme', source: 'import:csv', directory: 'csv', runId: 'run-1', actor: 'cli:ops', now: '2026-06-01T00:00:00.000Z' };
const empty: OrgView = { people: new Map(), roles: [], teams: [] };
const idOf = (employeeId: string) => employeePersonId('acme', 'csv', employeeId);

let line = 1;
const row = (employeeId: string, fields: Partial<EmployeeRecord> = {}): EmployeeRecord => ({
  line: ++line,
  employeeId,
  name: `Person ${employeeId}`,
  email: `${employeeId}@example.com`,
  title: 'Software Engineer',
  manager: null,
  team: 'Payments',
  start: '2024-01-15',
  end: null,
  allocation: null,
  ...fields,
});

const plan = (records: EmployeeRecord[], org: OrgView = empty): Plan => planReconciliation(run, records, org, defaultReferenceModel);
const outcomeOf = (p: Plan, employeeId: string) => p.records.find((r) => r.employeeId === employeeId)!;
const stepTypes = (p: Plan, employeeId: string) => outcomeOf(p, employeeId).steps.map((s) => `${s.phase}:${s.step.type}`);

/** A person as Rolebook would hold them after the plan's steps (what a re-run compares with). */
const heldAs = (p: Plan): OrgView => {
  const people = new Map<string, Versioned<PersonView>>();
  for (const r of p.records) {
    let state = null as PersonView | null;
    for (const { step } of r.steps) {
      if (step.type === 'register') {
        const { id, name, email, title, effectiveAt } = step.fields;
        state = { status: 'Active', id, name, email: email ?? null, title: title ?? null, managerId: null, assignments: [], registeredAt: effectiveAt! };
      } else if (state && step.type === 'manager') state = { ...state, managerId: step.fields.managerId };
      else if (state && step.type === 'assign') {
        const { assignmentId, roleId, allocationPercent, effectiveAt } = step.fields;
        state = { ...state, assignments: [...state.assignments, { assignmentId, roleId, allocationPercent, effectiveFrom: effectiveAt!, effectiveTo: null }] };
      } else if (state && step.type === 'terminate') state = { ...state, status: 'Terminated', terminatedAt: step.fields.effectiveAt! };
    }
    if (state) people.set(state.id, { state, version: r.steps.length });
  }
  const roles = p.newRoles.map((r) => ({
    status: 'Active' as const,
    id: r.roleId,
    name: r.name,
    purpose: r.purpose,
    responsibilities: r.responsibilities,
    referenceRoleKey: r.referenceRoleKey,
    definedAt: r.effectiveAt,
  }));
  const members = (teamId: string) =>
    p.records.flatMap((r) => r.steps.flatMap(({ step }) => (step.type === 'join' && step.fields.teamId === teamId ? [step.fields.personId] : [])));
  const teams = p.newTeams.map((t) => ({
    status: 'Active' as const,
    id: t.teamId,
    name: t.name,
    parentTeamId: null,
    memberIds: members(t.teamId),
    createdAt: t.effectiveAt,
  }));
  return { people, roles, teams };
};

describe('planReconciliation', () => {
  it('plans new people: registered at their start, under their manager, in the role their title maps to, in their team', () => {
    const p = plan([
      row('1', { title: 'Chief Product Officer', team: 'Product Leadership', start: '2020-03-01' }),
      row('2', { title: 'Senior Product Manager', manager: '1', start: '2019-05-01' }),
      row('3', { manager: '2@example.com', allocation: '80' }),
    ]);
    expect(p.records.map((r) => r.outcome)).toEqual(['created', 'created', 'created']);
    expect(p.records.map((r) => r.role)).toEqual(['Chief Product Officer / VP of Product', 'Senior Product Manager', 'Product Developer']);
    expect(stepTypes(p, '2')).toEqual(['people:register', 'managers:manager', 'roles-and-teams:assign', 'roles-and-teams:join']);
    const register = outcomeOf(p, '2').steps[0]!.step;
    expect(register).toMatchObject({ type: 'register', fields: { id: idOf('2'), effectiveAt: '2019-05-01T00:00:00.000Z' } });
    // the manager started after the report: the line begins when both are there
    expect(outcomeOf(p, '2').steps[1]!.step.fields).toEqual({ personId: idOf('2'), managerId: idOf('1'), effectiveAt: '2020-03-01T00:00:00.000Z' });
    expect(outcomeOf(p, '3').steps[1]!.step.fields).toMatchObject({ managerId: idOf('2') });
    expect(outcomeOf(p, '3').steps[2]!.step.fields).toMatchObject({ allocationPercent: 80 });
    // a new person's first write expects an empty stream
    expect(outcomeOf(p, '3').steps[0]!.expectedVersion).toBe(0);
    expect(outcomeOf(p, '3').steps[1]!.expectedVersion).toBeNull();
  });

  it('creates each team and defines each role once, from the earliest date it is needed', () => {
    const p = plan([row('1', { start: '2022-01-01' }), row('2', { start: '2021-01-01', team: 'payments ' }), row('3', { team: 'Search' })]);
    expect(p.newTeams.map((t) => [t.name, t.effectiveAt])).toEqual([
      ['Payments', '2021-01-01T00:00:00.000Z'],
      ['Search', '2024-01-15T00:00:00.000Z'],
    ]);
    expect(p.newRoles.map((r) => [r.referenceRoleKey, r.effectiveAt])).toEqual([['product-developer', '2021-01-01T00:00:00.000Z']]);
    const joined = p.records.map((r) => r.steps.flatMap(({ step }) => (step.type === 'join' ? [step.fields.teamId] : []))[0]);
    expect(joined[0]).toBe(joined[1]);
  });

  it('plans nothing for a directory Rolebook already holds as it says (a re-run changes nothing)', () => {
    const records = [row('1', { title: 'Head of Product' }), row('2', { manager: '1', title: 'Product Owner' }), row('3', { manager: '2', end: '2025-01-01' })];
    const first = plan(records);
    const again = plan(records, heldAs(first));
    expect(again.records.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(again.records.flatMap((r) => r.steps)).toEqual([]);
    expect(again.newRoles).toEqual([]);
    expect(again.newTeams).toEqual([]);
  });

  it('plans what changed: a new title (its role with it), a new manager, a departure', () => {
    const records = [row('1', { title: 'Head of Product' }), row('2', { manager: '1', title: 'Product Owner' }), row('3', { manager: '1' })];
    const held = heldAs(plan(records));
    const p = plan(
      [row('1', { title: 'Head of Product' }), row('2', { manager: '3', title: 'Product Manager' }), row('3', { manager: '1', end: '2026-05-01' })],
      held,
    );
    expect(p.records.map((r) => r.outcome)).toEqual(['unchanged', 'updated', 'terminated']);
    expect(outcomeOf(p, '2').changes).toEqual(['title', 'manager', 'role']);
    expect(stepTypes(p, '2')).toEqual(['people:update', 'managers:manager', 'roles-and-teams:end', 'roles-and-teams:assign']);
    // changes of people Rolebook holds take effect at the run's instant, on the version the plan saw
    expect(outcomeOf(p, '2').steps[0]).toMatchObject({ expectedVersion: held.people.get(idOf('2'))!.version, step: { fields: { effectiveAt: run.now } } });
    // someone who has left already: only the departure, from their team too
    expect(stepTypes(p, '3')).toEqual(['roles-and-teams:leave', 'leavers:terminate']);
    expect(outcomeOf(p, '3').steps[1]!.step.fields).toEqual({ personId: idOf('3'), effectiveAt: '2026-05-01T00:00:00.000Z' });
    expect(p.newRoles.map((r) => r.referenceRoleKey)).toEqual(['product-manager']);
  });

  it('refuses each kind of bad row with its line and reason, and plans the good ones', () => {
    line = 100;
    const records = [
      row('ok'),
      row('u', { manager: 'nobody@example.com' }), // 102
      row('d1', { start: '2024-02-30' }), // 103
      row('d2', { end: '31/12/2025' }), // 104
      row('dup'), // 105
      row('dup'), // 106
      row('al', { allocation: '150' }), // 107
      row('c1', { manager: 'c2' }), // 108
      row('c2', { manager: 'c1' }), // 109
      row('self', { manager: 'self' }), // 110
      row('under', { manager: 'd1' }), // 111
      row('e', { email: 'not an email' }), // 112
      row('early', { start: '2024-01-01', end: '2023-01-01' }), // 113
      row('', {}), // 114
    ];
    const p = plan(records);
    const refused = p.records.filter((r) => r.outcome === 'refused').map((r) => [r.line, r.refusal!.reason]);
    expect(refused).toEqual([
      [102, 'UNKNOWN_MANAGER'],
      [103, 'BAD_DATE'],
      [104, 'BAD_DATE'],
      [105, 'DUPLICATE_EMPLOYEE_ID'],
      [106, 'DUPLICATE_EMPLOYEE_ID'],
      [107, 'ALLOCATION_EXCEEDED'],
      [108, 'REPORTING_CYCLE'],
      [109, 'REPORTING_CYCLE'],
      [110, 'REPORTING_CYCLE'],
      [111, 'MANAGER_REFUSED'],
      [112, 'BAD_EMAIL'],
      [113, 'END_BEFORE_START'],
      [114, 'MISSING_EMPLOYEE_ID'],
    ]);
    expect(outcomeOf(p, 'ok').outcome).toBe('created');
    expect(p.records.filter((r) => r.outcome === 'refused').flatMap((r) => r.steps)).toEqual([]);
    expect(outcomeOf(p, 'c1').refusal!.message).toBe('the reporting line comes back to the employee (lines 108 → 109)');
    expect(p.records.find((r) => r.line === 105)!.refusal!.message).toBe('the employee id is on more than one row (lines 105, 106)');
    // no personal data in what is reported
    for (const r of p.records) expect(r.refusal?.message ?? '').not.toMatch(/@|Person /);
  });

  it('refuses a cycle that closes through someone Rolebook holds, and an allocation over 100 % with hand-made roles', () => {
    const held = heldAs(plan([row('boss'), row('x', { manager: 'boss' })]));
    const boss = held.people.get(idOf('boss'))!;
    const handMade = { assignmentId: '00000000-0000-4000-8000-000000000001', roleId: '00000000-0000-4000-8000-000000000002', allocationPercent: 50 };
    const people = new Map(held.people);
    people.set(idOf('boss'), { ...boss, state: { ...boss.state, managerId: idOf('x') } });
    const x = held.people.get(idOf('x'))!;
    people.set(idOf('x'), {
      ...x,
      state: { ...x.state, assignments: [...x.state.assignments, { ...handMade, effectiveFrom: '2024-06-01T00:00:00.000Z', effectiveTo: null }] },
    });
    // boss is not in this file: Rolebook's line boss -> x closes the cycle x -> boss
    const p = plan([row('x', { manager: 'boss', allocation: '60' })], { ...held, people });
    expect(p.records[0]).toMatchObject({ outcome: 'refused', refusal: { reason: 'REPORTING_CYCLE' } });
    const q = plan([row('x', { manager: null, allocation: '60' })], { ...held, people });
    expect(q.records[0]).toMatchObject({ outcome: 'refused', refusal: { reason: 'ALLOCATION_EXCEEDED' } });
    expect(plan([row('x', { manager: null, allocation: '50' })], { ...held, people }).records[0]!.outcome).toBe('updated');
  });

  it('does not re-hire someone Rolebook has terminated, and leaves a leaver it holds as it is', () => {
    const held = heldAs(plan([row('1', { end: '2025-01-01' })]));
    expect(plan([row('1')], held).records[0]).toMatchObject({ outcome: 'refused', refusal: { reason: 'ALREADY_TERMINATED' } });
    expect(plan([row('1', { end: '2025-01-01' })], held).records[0]).toMatchObject({ outcome: 'unchanged', steps: [] });
  });

  it('leaves what the directory does not state: no manager or team column, no change to them', () => {
    const held = heldAs(plan([row('1'), row('2', { manager: '1' })]));
    const { manager: _m, team: _t, ...bare } = row('2');
    expect(plan([bare], held).records[0]).toMatchObject({ outcome: 'unchanged', steps: [] });
  });
});
