// orgChanged over graphql-ws: live events in order, resumable from a position, filtered,
// scoped to the caller's tenant.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startApi, type TestApi } from './support/api';

let api: TestApi;
const clients: Client[] = [];
beforeEach(async () => (api = await startApi()));
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => Promise.resolve(c.dispose())));
  await api.dispose();
});

/** A graphql-ws client authenticating as the test admin unless the params say otherwise. */
const connect = (connectionParams: Record<string, unknown> = {}) => {
  const client = createClient({
    url: api.wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: api.admin.authorization, ...connectionParams },
    retryAttempts: 0,
    lazy: true,
  });
  clients.push(client);
  return client;
};

const SUBSCRIPTION = `subscription($after: String, $filter: OrgChangedFilterInput) {
  orgChanged(after: $after, filter: $filter) { position type entityType entityId version actor data }
}`;

/** Collects `count` messages of one subscription. */
const take = (client: Client, count: number, variables: Record<string, unknown> = {}) => {
  const received: any[] = [];
  let settle: { resolve: (v: any[]) => void; reject: (e: unknown) => void };
  const done = new Promise<any[]>((resolve, reject) => (settle = { resolve, reject }));
  const dispose = client.subscribe(
    { query: SUBSCRIPTION, variables },
    {
      next: (message) => {
        if (message.errors) return settle.reject(message.errors);
        received.push(message.data!.orgChanged);
        if (received.length === count) {
          dispose();
          settle.resolve(received);
        }
      },
      error: (error) => settle.reject(error),
      complete: () => settle.resolve(received),
    },
  );
  return done;
};

const defineRole = async (name: string, headers: Record<string, string> = api.admin) =>
  (await api.gql(`mutation($input: DefineRoleInput!) { defineRole(input: $input) { role { id } position } }`, { input: { name, purpose: 'x' } }, headers)).data!
    .defineRole;

const settle = () => new Promise((r) => setTimeout(r, 200));

it('pushes each change as it is recorded, in order', async () => {
  await defineRole('Before subscribing');
  const messages = take(connect(), 2);
  await settle();
  const first = await defineRole('Product Manager', await api.as('editor', { name: 'alice' }));
  await api.gql(`mutation($input: ReviseRoleInput!) { reviseRole(input: $input) { version } }`, { input: { roleId: first.role.id, name: 'Senior PM' } });
  const [defined, revised] = await messages;
  expect(defined).toMatchObject({
    type: 'RoleDefined',
    entityType: 'ROLE',
    entityId: first.role.id,
    version: 1,
    actor: 'key:alice',
    position: first.position,
    data: { name: 'Product Manager' },
  });
  expect(revised).toMatchObject({ type: 'RoleRevised', version: 2, data: { name: 'Senior PM' } });
  expect(Number(revised.position)).toBeGreaterThan(Number(defined.position));
});

it('resumes after the last position a client received, missing nothing', async () => {
  const a = await defineRole('A');
  await defineRole('B');
  await defineRole('C');
  const messages = take(connect(), 3, { after: a.position });
  const [b, c] = (await Promise.all([messages, (async () => (await settle(), defineRole('D')))()]))[0];
  expect([b.data.name, c.data.name]).toEqual(['B', 'C']);
  expect((await messages)[2].data.name).toBe('D');
});

it('filters by entity type and event type', async () => {
  const messages = take(connect(), 1, { after: '0', filter: { entityTypes: ['PERSON'], types: ['PersonRegistered'] } });
  await defineRole('Not a person');
  await api.gql(`mutation { registerPerson(input: { name: "Ada" }) { version } }`);
  expect((await messages)[0]).toMatchObject({ type: 'PersonRegistered', entityType: 'PERSON' });
});

it("delivers only the subscriber's tenant", async () => {
  const globex = await api.as('admin', { tenant: 'globex' });
  const messages = take(connect({ authorization: globex.authorization }), 1, { after: '0' });
  await defineRole('For the default tenant');
  await defineRole('For globex', globex);
  expect((await messages)[0].data.name).toBe('For globex');
});

it('applies the same depth limit to documents sent over the socket', async () => {
  const deep = `query { people { edges { node { manager { manager { manager { manager { manager { manager { manager { manager { manager { name } } } } } } } } } } } } }`;
  const outcome = await new Promise<unknown>((resolve) =>
    connect().subscribe({ query: deep }, { next: (m) => resolve(m), error: resolve, complete: () => resolve('completed without error') }),
  );
  expect(JSON.stringify(outcome)).toMatch(/depth/i);
});

it('refuses a bad tenant at connection and a bad cursor at subscription', async () => {
  await expect(take(connect({ 'x-tenant-id': 'NOT A SLUG' }), 1)).rejects.toMatchObject({ code: 4403 });
  await expect(take(connect(), 1, { after: 'yesterday' })).rejects.toEqual([
    expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
  ]);
});
