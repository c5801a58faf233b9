// The foundation's promises over HTTP: mutations and queries, concurrency control,
// idempotency, validation, time travel, pagination and tenancy.
import { startApi, type TestApi } from './support/api';

let api: TestApi;
beforeEach(async () => (api = await startApi()));
afterEach(() => api.dispose());

const DEFINE = `mutation($input: DefineRoleInput!) { defineRole(input: $input) { role { id name purpose responsibilities status version } version position changed } }`;
const REVISE = `mutation($input: ReviseRoleInput!) { reviseRole(input: $input) { role { name version } version changed } }`;
const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id name status } version } }`;
const ASSIGN = `mutation($input: AssignRoleInput!) { assignRole(input: $input) { assignment { id allocationPercent effectiveFrom effectiveTo role { name } } person { assignments { id } } version } }`;
const SET_MANAGER = `mutation($input: SetManagerInput!) { setManager(input: $input) { person { manager { id } } } }`;

const head = () => api.rolebook.store.headPosition();
const defineRole = async (input: Record<string, unknown>) => (await api.gql(DEFINE, { input })).data!.defineRole;
const register = async (name: string, extra: Record<string, unknown> = {}) =>
  (await api.gql(REGISTER, { input: { name, ...extra } })).data!.registerPerson.person.id as string;

describe('roles, people, assignments and teams over GraphQL', () => {
  it('defines, revises and reads a role back', async () => {
    const defined = await defineRole({ name: 'Product Manager', purpose: 'Outcomes', responsibilities: ['Discovery', 'Roadmap'], reason: 'new ladder' });
    expect(defined).toMatchObject({
      version: 1,
      changed: true,
      role: { name: 'Product Manager', status: 'ACTIVE', responsibilities: ['Discovery', 'Roadmap'], version: 1 },
    });
    expect(defined.position).toMatch(/^\d+$/);
    const revised = await api.gql(REVISE, { input: { roleId: defined.role.id, name: 'Senior PM' } });
    expect(revised.data!.reviseRole).toEqual({ role: { name: 'Senior PM', version: 2 }, version: 2, changed: true });
    const read = await api.gql(`query($id: ID!) { role(id: $id) { name version } }`, { id: defined.role.id });
    expect(read.data!.role).toEqual({ name: 'Senior PM', version: 2 });
  });

  it('assigns roles to people and shows the org around them', async () => {
    const role = await defineRole({ name: 'Product Owner', purpose: 'Backlog' });
    const [boss, ada] = [await register('Boss'), await register('Ada', { email: 'ada@example.com', title: 'PO' })];
    await api.gql(SET_MANAGER, { input: { personId: ada, managerId: boss } });
    const assigned = await api.gql(ASSIGN, { input: { personId: ada, roleId: role.role.id, allocationPercent: 60 } });
    expect(assigned.data!.assignRole).toMatchObject({ assignment: { allocationPercent: 60, role: { name: 'Product Owner' }, effectiveTo: null }, version: 3 });
    const team = await api.gql(`mutation($input: CreateTeamInput!) { createTeam(input: $input) { team { id } } }`, { input: { name: 'Platform' } });
    const teamId = team.data!.createTeam.team.id;
    await api.gql(`mutation($input: TeamMemberInput!) { addTeamMember(input: $input) { team { id } } }`, { input: { teamId, personId: ada } });

    const person = await api.gql(
      `query($id: ID!) { person(id: $id) { name email title manager { name directReports { name } } assignments { allocationPercent role { name holders { name } } } team { name members { name } } } }`,
      { id: ada },
    );
    expect(person.data!.person).toEqual({
      name: 'Ada',
      email: 'ada@example.com',
      title: 'PO',
      manager: { name: 'Boss', directReports: [{ name: 'Ada' }] },
      assignments: [{ allocationPercent: 60, role: { name: 'Product Owner', holders: [{ name: 'Ada' }] } }],
      team: { name: 'Platform', members: [{ name: 'Ada' }] },
    });
  });

  it('ends assignments and terminates people', async () => {
    const late = await defineRole({ name: 'Late', purpose: 'x' });
    const role = await defineRole({ name: 'PMM', purpose: 'Launches', effectiveAt: '2025-01-01T00:00:00Z' });
    const ada = await register('Ada', { effectiveAt: '2026-01-01T00:00:00Z' });
    const early = await api.gql(ASSIGN, { input: { personId: ada, roleId: late.role.id, allocationPercent: 50, effectiveAt: '2026-01-01T00:00:00Z' } });
    expect(early.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ROLE_NOT_IN_EFFECT' });
    const assigned = await api.gql(ASSIGN, { input: { personId: ada, roleId: role.role.id, allocationPercent: 50, effectiveAt: '2026-01-01T00:00:00Z' } });
    const assignmentId = assigned.data!.assignRole.assignment.id;
    const ended = await api.gql(
      `mutation($input: EndRoleAssignmentInput!) { endRoleAssignment(input: $input) { assignment { effectiveTo } person { assignments { id } } } }`,
      {
        input: { personId: ada, assignmentId, effectiveAt: '2026-02-01T00:00:00+01:00' },
      },
    );
    expect(ended.data!.endRoleAssignment).toEqual({ assignment: { effectiveTo: '2026-01-31T23:00:00.000Z' }, person: { assignments: [] } });
    const terminated = await api.gql(`mutation($input: TerminatePersonInput!) { terminatePerson(input: $input) { person { status terminatedAt } } }`, {
      input: { personId: ada, effectiveAt: '2026-03-01T00:00:00Z' },
    });
    expect(terminated.data!.terminatePerson.person).toEqual({ status: 'TERMINATED', terminatedAt: '2026-03-01T00:00:00.000Z' });
    const again = await api.gql(ASSIGN, { input: { personId: ada, roleId: role.role.id, allocationPercent: 10 } });
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERSON_TERMINATED' });
  });
});

describe('concurrency and idempotency', () => {
  it('returns CONFLICT for a stale expectedVersion and changes nothing', async () => {
    const { role } = await defineRole({ name: 'PM', purpose: 'x' });
    await api.gql(REVISE, { input: { roleId: role.id, name: 'A', expectedVersion: 1 } });
    const before = await head();
    const stale = await api.gql(REVISE, { input: { roleId: role.id, name: 'B', expectedVersion: 1 } });
    expect(stale.errors![0]).toMatchObject({ path: ['reviseRole'], extensions: { code: 'CONFLICT', reason: 'VERSION_MISMATCH', field: 'expectedVersion' } });
    expect(await head()).toBe(before);
    expect((await api.gql(`query($id: ID!) { role(id: $id) { name version } }`, { id: role.id })).data!.role).toEqual({ name: 'A', version: 2 });
  });

  it('appends once when a mutation is sent twice with one idempotencyKey', async () => {
    const input = { name: 'Growth PM', purpose: 'Growth', idempotencyKey: 'req-42' };
    const first = await defineRole(input);
    const before = await head();
    const second = await defineRole(input);
    expect(second).toEqual({ ...first, changed: false });
    expect(await head()).toBe(before);
    const roles = await api.gql(`{ roles { totalCount } }`);
    expect(roles.data!.roles.totalCount).toBe(1);
  });

  it('refuses a reused idempotencyKey with different input', async () => {
    await defineRole({ name: 'A', purpose: 'x', idempotencyKey: 'k' });
    const reused = await api.gql(DEFINE, { input: { name: 'B', purpose: 'x', idempotencyKey: 'k' } });
    expect(reused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('keeps allocations within 100% when concurrent requests race', async () => {
    const ada = await register('Ada');
    const roles = await Promise.all(['A', 'B', 'C', 'D'].map((name) => defineRole({ name, purpose: 'x' })));
    const results = await Promise.all(roles.map((r) => api.gql(ASSIGN, { input: { personId: ada, roleId: r.role.id, allocationPercent: 50 } })));
    expect(results.filter((r) => r.data?.assignRole)).toHaveLength(2);
    expect(results.filter((r) => r.errors?.[0]?.extensions.reason === 'ALLOCATION_EXCEEDED')).toHaveLength(2);
  });
});

describe('bad input', () => {
  const cases: [string, string, Record<string, unknown>][] = [
    ['an empty name', DEFINE, { input: { name: '  ', purpose: 'x' } }],
    ['a malformed email', REGISTER, { input: { name: 'Ada', email: 'ada.at.example.com' } }],
    ['a date without offset', DEFINE, { input: { name: 'A', purpose: 'x', effectiveAt: '2026-01-01T00:00:00' } }],
    [
      'an allocation over 100',
      ASSIGN,
      { input: { personId: '00000000-0000-4000-8000-000000000001', roleId: '00000000-0000-4000-8000-000000000002', allocationPercent: 150 } },
    ],
    ['an id that is not a UUID', REVISE, { input: { roleId: 'role-1', name: 'x' } }],
    ['a negative expectedVersion', REVISE, { input: { roleId: '00000000-0000-4000-8000-000000000001', name: 'x', expectedVersion: -1 } }],
    ['a wrongly typed field', DEFINE, { input: { name: 42, purpose: 'x' } }],
    ['a missing required field', DEFINE, { input: { name: 'A' } }],
  ];

  it.each(cases)('refuses %s with BAD_USER_INPUT and appends nothing', async (_, query, variables) => {
    const response = await api.gql(query, variables);
    expect(response.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(await head()).toBeNull();
  });

  const longEmail = `${'a'.repeat(64)}@${'b'.repeat(186)}.com`;
  const refusals: [string, string, Record<string, unknown>, string, string][] = [
    ['a name of invisible characters only', DEFINE, { input: { name: '\u200b\u2060\ufeff\u00ad ', purpose: 'x' } }, 'INVALID_INPUT', 'name'],
    ['a lone surrogate in a name', REGISTER, { input: { name: 'Ada\ud800' } }, 'LONE_SURROGATE', 'name'],
    ['a control character in a title', REGISTER, { input: { name: 'Ada', title: 'PM\u0007' } }, 'CONTROL_CHARACTER', 'title'],
    ['an email over 254 characters', REGISTER, { input: { name: 'Ada', email: longEmail } }, 'INVALID_INPUT', 'email'],
    ['an effectiveAt before 1900', DEFINE, { input: { name: 'A', purpose: 'x', effectiveAt: '1899-12-31T23:00:00Z' } }, 'DATE_OUT_OF_RANGE', 'effectiveAt'],
    [
      'an effectiveTo after 2200',
      ASSIGN,
      {
        input: {
          personId: '00000000-0000-4000-8000-000000000001',
          roleId: '00000000-0000-4000-8000-000000000002',
          allocationPercent: 50,
          effectiveTo: '2201-01-01T00:00:00Z',
        },
      },
      'DATE_OUT_OF_RANGE',
      'effectiveTo',
    ],
  ];

  it.each(refusals)('refuses %s with its reason and field, and appends nothing', async (_, query, variables, reason, field) => {
    const response = await api.gql(query, variables);
    expect(response.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', reason, field });
    expect(await head()).toBeNull();
  });

  it('refuses reads at instants out of range, and an orgDiff from after to', async () => {
    const refused = async (query: string) => (await api.gql(query)).errors?.[0]?.extensions;
    expect(await refused(`{ org(asOf: "1850-01-01T00:00:00Z") { asOf } }`)).toEqual({ code: 'BAD_USER_INPUT', reason: 'DATE_OUT_OF_RANGE', field: 'asOf' });
    expect(await refused(`{ roles(knownAt: "2300-01-01T00:00:00Z") { totalCount } }`)).toMatchObject({ reason: 'DATE_OUT_OF_RANGE', field: 'knownAt' });
    expect(await refused(`{ orgDiff(from: "1800-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z") { from } }`)).toMatchObject({ field: 'from' });
    expect(await refused(`{ auditLog(filter: { to: "2201-01-01T00:00:00Z" }) { totalCount } }`)).toMatchObject({ field: 'filter.to' });
    expect(await refused(`{ driftFindings(asOf: "0001-01-01T00:00:00Z") { totalCount } }`)).toMatchObject({ field: 'asOf' });
    expect(await refused(`{ orgDiff(from: "2025-06-01T00:00:00Z", to: "2025-01-01T00:00:00Z") { from } }`)).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'FROM_AFTER_TO',
      field: 'from',
    });
    expect((await api.gql(`{ orgDiff(from: "2025-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z") { all: summary { added } } }`)).errors).toBeUndefined();
  });

  it('never echoes personal data or internals in errors', async () => {
    const response = await api.gql(REGISTER, { input: { name: 'Ada Lovelace', email: 'ada.lovelace-at-example' } });
    const text = JSON.stringify(response.errors);
    expect(text).toContain('email');
    expect(text).not.toMatch(/lovelace|stack|sqlite|node_modules/i);
    const typed = await api.gql(DEFINE, { input: { name: 'A', purpose: 'x', effectiveAt: 'ada@example.com' } });
    expect(JSON.stringify(typed.errors)).not.toContain('ada@example.com');
  });

  it('refuses documents deeper or costlier than the limits', async () => {
    const deep = `{ people { edges { node { manager { manager { manager { manager { manager { manager { manager { manager { manager { name } } } } } } } } } } } } }`;
    const response = await api.gql(deep);
    expect(response.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.message).toMatch(/depth/i);
    // suggestions are for development only: test/hygiene.e2e-spec.ts checks they are gone in production
    const typo = await api.gql(`{ rolez { totalCount } }`);
    expect(typo.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('answers NOT_FOUND for a change to an entity that does not exist', async () => {
    const response = await api.gql(REVISE, { input: { roleId: '00000000-0000-4000-8000-000000000001', name: 'x' } });
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'ROLE_NOT_FOUND' });
  });

  it('refuses a bad cursor and an invalid tenant', async () => {
    expect((await api.gql(`{ roles(after: "nope") { totalCount } }`)).errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    // a principal belongs to one tenant: naming another, even a malformed one, is refused
    const tenant = await api.gql(`{ roles { totalCount } }`, undefined, { ...api.admin, 'x-tenant-id': '../etc' });
    expect(tenant.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OTHER_TENANT' });
    expect(tenant.status).toBe(403);
  });
});

describe('reading the org', () => {
  it('answers as of an effective date and as known at a recorded date', async () => {
    const ada = await register('Ada', { title: 'PM', effectiveAt: '2025-01-01T00:00:00Z' });
    const afterFirst = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await api.gql(`mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { version } }`, {
      input: { personId: ada, title: 'Senior PM', effectiveAt: '2025-06-01T00:00:00Z' },
    });
    const read = (args: string) => api.gql(`query($id: ID!) { person(id: $id${args}) { title version } }`, { id: ada });
    expect((await read('')).data!.person).toEqual({ title: 'Senior PM', version: 2 });
    expect((await read(', asOf: "2025-03-01T00:00:00Z"')).data!.person).toEqual({ title: 'PM', version: 2 });
    expect((await read(`, knownAt: "${afterFirst}"`)).data!.person).toEqual({ title: 'PM', version: 1 });
    expect((await read(', asOf: "2024-12-31T00:00:00Z"')).data!.person).toBeNull();
  });

  it('pages with cursors and caps the page size', async () => {
    for (const name of ['E', 'D', 'C', 'B', 'A']) await defineRole({ name, purpose: 'x' });
    const first = await api.gql(`{ roles(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { name } } } }`);
    expect(first.data!.roles).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: true }, edges: [{ node: { name: 'A' } }, { node: { name: 'B' } }] });
    const rest = await api.gql(`query($after: String) { roles(first: 10, after: $after) { pageInfo { hasNextPage } edges { node { name } } } }`, {
      after: first.data!.roles.pageInfo.endCursor,
    });
    expect(rest.data!.roles.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['C', 'D', 'E']);
    expect(rest.data!.roles.pageInfo.hasNextPage).toBe(false);

    await api.close();
    api = await startApi(api.dir, { MAX_PAGE_SIZE: '3' });
    const capped = await api.gql(`{ roles(first: 1000) { edges { node { name } } pageInfo { hasNextPage } } }`);
    expect(capped.data!.roles.edges).toHaveLength(3);
    expect(capped.data!.roles.pageInfo.hasNextPage).toBe(true);
  });

  it('keeps tenants apart: each key reads and writes its own tenant only', async () => {
    const acme = await api.as('editor', { tenant: 'acme' });
    const globex = await api.as('editor', { tenant: 'globex' });
    await api.gql(DEFINE, { input: { name: 'Acme only', purpose: 'x' } }, acme);
    expect((await api.gql(`{ roles { totalCount } }`, undefined, acme)).data!.roles.totalCount).toBe(1);
    expect((await api.gql(`{ roles { totalCount } }`, undefined, globex)).data!.roles.totalCount).toBe(0);
    expect((await api.gql(`{ roles { totalCount } }`)).data!.roles.totalCount).toBe(0);
    // a globex key cannot reach acme by naming it, and changes nothing trying
    const escape = await api.gql(DEFINE, { input: { name: 'Planted', purpose: 'x' } }, { ...globex, 'x-tenant-id': 'acme' });
    expect(escape.errors![0]!.extensions.code).toBe('FORBIDDEN');
    expect((await api.gql(`{ roles { totalCount } }`, undefined, acme)).data!.roles.totalCount).toBe(1);
  });

  it('keeps the data across a restart', async () => {
    const { role } = await defineRole({ name: 'Durable', purpose: 'x' });
    await api.close();
    api = await startApi(api.dir);
    expect((await api.gql(`query($id: ID!) { role(id: $id) { name } }`, { id: role.id })).data!.role).toEqual({ name: 'Durable' });
  });

  it('reports liveness, readiness and Prometheus metrics', async () => {
    await defineRole({ name: 'A', purpose: 'x' });
    await api.gql(`{ nope }`);
    expect((await api.http().get('/health/live')).body).toEqual({ status: 'ok' });
    expect((await api.http().get('/health/ready')).body).toMatchObject({
      status: 'ok',
      checks: { eventStore: { status: 'ok' }, projection: { status: 'ok', lag: 0 } },
    });
    const metrics = await api.http().get('/metrics');
    expect(metrics.headers['content-type']).toMatch(/text\/plain/);
    expect(metrics.text).toMatch(/rolebook_projection_position \d+/);
    expect(metrics.text).toMatch(/rolebook_projection_lag 0/);
    expect(metrics.text).toMatch(/rolebook_projection_up 1/);
    expect(metrics.text).toMatch(/rolebook_graphql_operations_total\{type="mutation",outcome="ok"\} 1/);
    expect(metrics.text).toMatch(/rolebook_graphql_operations_total\{type="invalid",outcome="error"\} 1/);
    expect(metrics.text).toMatch(/process_cpu_user_seconds_total/);
  });
});
