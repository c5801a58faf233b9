// Auditors' questions over HTTP: one entity's history, the audit log, the org at an instant and
// what changed between two instants, on both time axes.
import { startApi, type TestApi } from './support/api';

let api: TestApi;
const ids: Record<string, string> = {};
let beforeTermination: string;

/** Each actor is an editor's API key of that name; its events record the actor key:<name>. */
const keys: Record<string, Record<string, string>> = {};
const as = async (actor: string) => ({ ...(keys[actor] ??= await api.as('editor', { name: actor })), 'x-correlation-id': `corr-${actor}` });
const inputType = (mutation: string) => (mutation.endsWith('TeamMember') ? 'TeamMemberInput' : `${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input`);
const run = async (mutation: string, input: Record<string, unknown>, actor = 'alice') => {
  const response = await api.gql(`mutation($input: ${inputType(mutation)}!) { ${mutation}(input: $input) { version } }`, { input }, await as(actor));
  if (response.errors) throw new Error(JSON.stringify(response.errors));
};
const create = async (mutation: string, field: string, input: Record<string, unknown>, actor = 'alice') => {
  const response = await api.gql(`mutation($input: ${inputType(mutation)}!) { ${mutation}(input: $input) { ${field} { id } } }`, { input }, await as(actor));
  return response.data![mutation][field].id as string;
};

beforeAll(async () => {
  api = await startApi();
  const JAN = '2025-01-01T00:00:00Z';
  ids.pm = await create('defineRole', 'role', { name: 'Product Manager', purpose: 'x', effectiveAt: JAN });
  ids.po = await create('defineRole', 'role', { name: 'Product Owner', purpose: 'x', effectiveAt: JAN });
  ids.ada = await create('registerPerson', 'person', { name: 'Ada', title: 'PM', effectiveAt: JAN });
  ids.bob = await create('registerPerson', 'person', { name: 'Bob', title: 'PO', effectiveAt: JAN });
  ids.core = await create('createTeam', 'team', { name: 'Core', effectiveAt: JAN });
  await run('addTeamMember', { teamId: ids.core, personId: ids.ada, effectiveAt: JAN });
  await run('assignRole', { personId: ids.ada, roleId: ids.pm, allocationPercent: 100, effectiveAt: JAN }, 'hris-bot');
  await run('assignRole', { personId: ids.bob, roleId: ids.po, allocationPercent: 50, effectiveAt: JAN }, 'hris-bot');
  await run('setManager', { personId: ids.bob, managerId: ids.ada, effectiveAt: '2025-02-01T00:00:00Z', reason: 'reorg' });
  await run('updatePerson', { personId: ids.ada, title: 'Senior PM', effectiveAt: '2025-06-01T00:00:00Z', reason: 'promotion' });
  await new Promise((r) => setTimeout(r, 5));
  beforeTermination = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 5));
  await run('terminatePerson', { personId: ids.bob, effectiveAt: '2025-09-01T00:00:00Z', reason: 'left the company' });
});
afterAll(() => api.dispose());

describe('history', () => {
  it('lists every change of one entity, oldest first, with who, when, why and how', async () => {
    const { data } = await api.gql(
      `query($id: ID!) { history(entityId: $id) { totalCount edges { node { type version typeVersion entityType actor reason source correlationId effectiveAt data } } } }`,
      { id: ids.ada },
    );
    expect(data.history.totalCount).toBe(3);
    expect(data.history.edges.map((e: any) => [e.node.type, e.node.version, e.node.actor])).toEqual([
      ['PersonRegistered', 1, 'key:alice'],
      ['RoleAssigned', 2, 'key:hris-bot'],
      ['PersonTitleChanged', 3, 'key:alice'],
    ]);
    expect(data.history.edges[2].node).toMatchObject({
      typeVersion: 1,
      entityType: 'PERSON',
      reason: 'promotion',
      source: 'api',
      correlationId: 'corr-alice',
      effectiveAt: '2025-06-01T00:00:00.000Z',
      data: { personId: ids.ada, title: 'Senior PM' },
    });
  });

  it('pages forward with cursors', async () => {
    const page = async (after: string | null) =>
      (
        await api.gql(
          `query($id: ID!, $after: String) { history(entityId: $id, first: 2, after: $after) { pageInfo { hasNextPage endCursor } edges { node { type } } } }`,
          { id: ids.bob, after },
        )
      ).data.history;
    const pages = [await page(null)];
    while (pages[pages.length - 1].pageInfo.hasNextPage) pages.push(await page(pages[pages.length - 1].pageInfo.endCursor));
    expect(pages.map((p) => p.edges.length)).toEqual([2, 2, 1]);
    const types = pages.flatMap((p) => p.edges.map((e: any) => e.node.type));
    expect(types).toEqual(['PersonRegistered', 'RoleAssigned', 'ManagerSet', 'RoleAssignmentEnded', 'PersonTerminated']);
  });
});

describe('auditLog', () => {
  const audit = async (filter: Record<string, unknown>) =>
    (
      await api.gql(`query($filter: AuditLogFilterInput) { auditLog(filter: $filter, first: 100) { totalCount edges { node { type entityId actor } } } }`, {
        filter,
      })
    ).data.auditLog;

  it('filters by actor, event types and entity type', async () => {
    expect((await audit({ actor: 'key:hris-bot' })).edges.map((e: any) => e.node.type)).toEqual(['RoleAssigned', 'RoleAssigned']);
    expect((await audit({ types: ['ManagerSet', 'PersonTerminated'] })).totalCount).toBe(2);
    expect((await audit({ entityType: 'TEAM' })).edges.map((e: any) => e.node.type)).toEqual(['TeamCreated', 'TeamMemberAdded']);
    expect((await audit({ source: 'hris:bamboohr' })).totalCount).toBe(0);
  });

  it('filters by the time the changes were recorded', async () => {
    const after = await audit({ from: beforeTermination });
    expect(after.edges.map((e: any) => e.node.type)).toEqual(['RoleAssignmentEnded', 'PersonTerminated']);
    expect((await audit({ to: beforeTermination })).totalCount).toBe(10);
  });
});

describe('org and orgDiff', () => {
  const STATS = '{ headcount terminatedPeople roles retiredRoles vacantRoles teams activeAssignments unassignedPeople }';

  it('gives the org with stats at an instant, and its lists at the same instant', async () => {
    const { data } = await api.gql(`{
      march: org(asOf: "2025-03-01T00:00:00Z") { stats ${STATS} people { edges { node { name manager { name } } } } }
      october: org(asOf: "2025-10-01T00:00:00Z") { stats ${STATS} roles(filter: { status: ACTIVE }) { totalCount } }
    }`);
    expect(data.march.stats).toEqual({
      headcount: 2,
      terminatedPeople: 0,
      roles: 2,
      retiredRoles: 0,
      vacantRoles: 0,
      teams: 1,
      activeAssignments: 2,
      unassignedPeople: 0,
    });
    expect(data.march.people.edges.map((e: any) => [e.node.name, e.node.manager?.name ?? null])).toEqual([
      ['Ada', null],
      ['Bob', 'Ada'],
    ]);
    expect(data.october.stats).toMatchObject({ headcount: 1, terminatedPeople: 1, vacantRoles: 1, activeAssignments: 1 });
    expect(data.october.roles.totalCount).toBe(2);
  });

  it('answers the org as it was known before a change was recorded', async () => {
    const { data } = await api.gql(`query($k: DateTime) { org(asOf: "2025-10-01T00:00:00Z", knownAt: $k) { knownAt stats ${STATS} } }`, {
      k: beforeTermination,
    });
    expect(data.org.stats).toMatchObject({ headcount: 2, terminatedPeople: 0, vacantRoles: 0 });
  });

  it('lists what changed between two instants, with before and after', async () => {
    const { data } = await api.gql(`{ orgDiff(from: "2025-03-01T00:00:00Z", to: "2025-10-01T00:00:00Z") {
      summary { section added removed changed }
      changes { totalCount edges { node { section kind id before after changedFields } } } } }`);
    const changes = data.orgDiff.changes.edges.map((e: any) => e.node);
    const person = (id: string) => changes.find((c: any) => c.section === 'PEOPLE' && c.id === id);
    expect(person(ids.ada!)).toMatchObject({ kind: 'CHANGED', changedFields: ['title'], before: { title: 'PM' }, after: { title: 'Senior PM' } });
    expect(person(ids.bob!)).toMatchObject({ kind: 'CHANGED', changedFields: ['status'], after: { status: 'Terminated' } });
    expect(changes.find((c: any) => c.section === 'ASSIGNMENTS')).toMatchObject({ kind: 'REMOVED', before: { personId: ids.bob, roleId: ids.po } });
    expect(data.orgDiff.summary.find((s: any) => s.section === 'ASSIGNMENTS')).toEqual({ section: 'ASSIGNMENTS', added: 0, removed: 1, changed: 0 });
  });

  it('diffs on the recorded axis too, and filters and pages the changes', async () => {
    const known = await api.gql(
      `query($k: DateTime) { orgDiff(from: "2025-03-01T00:00:00Z", to: "2025-10-01T00:00:00Z", knownAt: $k) { changes { edges { node { id } } } } }`,
      { k: beforeTermination },
    );
    expect(known.data.orgDiff.changes.edges.map((e: any) => e.node.id)).toEqual([ids.ada]);
    const reporting = await api.gql(`{ orgDiff(from: "2024-12-01T00:00:00Z", to: "2025-03-01T00:00:00Z") {
      changes(filter: { sections: [REPORTING_LINES] }, first: 1) { totalCount pageInfo { hasNextPage } edges { node { kind after } } } } }`);
    expect(reporting.data.orgDiff.changes).toEqual({
      totalCount: 1,
      pageInfo: { hasNextPage: false },
      edges: [{ node: { kind: 'ADDED', after: { personId: ids.bob, managerId: ids.ada } } }],
    });
    const bad = await api.gql(`{ orgDiff(from: "2025-03-01T00:00:00Z", to: "2025-10-01T00:00:00Z") { changes(after: "x") { totalCount } } }`);
    expect(bad.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
  });
});
