// Authentication and authorization as an outsider and each role meet them: every root field is
// refused (FORBIDDEN, naming the role needed, nothing changed) to the role just below its rule;
// nested fields and the recorded-time axis have their own rules; keys are shown once, listed
// without secrets and revoked at once; the tenant is the key's.
import type { Role } from '@rolebook/auth';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { createClient } from 'graphql-ws';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { ACCESS_RULES } from '../apps/api/src/auth/access-rules';
import { startApi, type TestApi } from './support/api';

let api: TestApi;
beforeAll(async () => (api = await startApi()));
afterAll(() => api.dispose());

const schema = buildSchema(readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8'));
const BELOW: Record<Role, Role> = { viewer: 'integration', auditor: 'viewer', editor: 'auditor', admin: 'editor', integration: 'integration' };

/** A value of the input type that passes GraphQL's own validation (the domain may still refuse it). */
const sample = (type: GraphQLInputType): unknown => {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type))
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type))
        .map((f) => [f.name, sample(f.type)]),
    );
  if (isScalarType(type))
    return { ID: '00000000-0000-4000-8000-000000000001', String: 'x', Int: 1, Boolean: false, DateTime: '2025-01-01T00:00:00Z', JSON: {} }[type.name];
  return null;
};

/** `operation($a: T!) { field(a: $a) { __typename } }` with sample variables for its required arguments. */
const documentFor = (operation: string, field: GraphQLField<unknown, unknown>) => {
  const required = field.args.filter((a) => isNonNullType(a.type));
  const defs = required.length ? `(${required.map((a) => `$${a.name}: ${String(a.type)}`).join(', ')})` : '';
  const args = required.length ? `(${required.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  return { query: `${operation}${defs} { ${field.name}${args}${selection} }`, variables: Object.fromEntries(required.map((a) => [a.name, sample(a.type)])) };
};

const keys = new Map<Role, Record<string, string>>();
const as = async (role: Role) => keys.get(role) ?? keys.set(role, await api.as(role, { name: `walk-${role}` })).get(role)!;

describe('every root field', () => {
  for (const [operation, type] of [
    ['query', schema.getQueryType()!],
    ['mutation', schema.getMutationType()!],
  ] as const) {
    for (const field of Object.values(type.getFields())) {
      const rule = ACCESS_RULES[`${type.name}.${field.name}`]!;
      it(`${type.name}.${field.name} is refused below ${rule} and served to ${rule}`, async () => {
        const { query, variables } = documentFor(operation, field);
        const head = await api.rolebook.store.headPosition();
        const refused = await api.gql(query, variables, await as(BELOW[rule]));
        expect(refused.errors?.[0]).toMatchObject({
          message: `This operation requires the ${rule} role`,
          extensions: { code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' },
        });
        expect(await api.rolebook.store.headPosition()).toBe(head);
        const served = await api.gql(query, variables, await as(rule));
        expect(served.errors?.map((e) => e.extensions.code) ?? []).not.toContain('FORBIDDEN');
      });
    }
  }

  for (const field of Object.values(schema.getSubscriptionType()!.getFields())) {
    const rule = ACCESS_RULES[`Subscription.${field.name}`]!;
    it(`Subscription.${field.name} is refused below ${rule}`, async () => {
      const { query, variables } = documentFor('subscription', field);
      const client = createClient({ url: api.wsUrl, webSocketImpl: WebSocket, connectionParams: await as(BELOW[rule]), retryAttempts: 0, lazy: true });
      const outcome = await new Promise<unknown>((resolve) =>
        client.subscribe({ query, variables }, { next: resolve, error: resolve, complete: () => resolve('completed') }),
      );
      await client.dispose();
      expect(JSON.stringify(outcome)).toContain('FORBIDDEN');
    });
  }
});

describe('authentication', () => {
  it('refuses a request without a key, or with a wrong, malformed or revoked one, alike', async () => {
    const refusals: Record<string, string>[] = [
      {},
      { authorization: 'Bearer rbk_000000000000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      { authorization: 'Basic abc' },
    ];
    for (const headers of refusals) {
      const response = await api.gql('{ roles { totalCount } }', undefined, headers);
      expect(response.status).toBe(401);
      expect(response.errors).toEqual([{ message: 'Authentication required', extensions: { code: 'UNAUTHENTICATED' } }]);
    }
  });

  it('refuses x-actor-id: the actor is the principal', async () => {
    const response = await api.gql('{ roles { totalCount } }', undefined, { ...api.admin, 'x-actor-id': 'hris:bamboohr' });
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ACTOR_HEADER_REFUSED' });
  });
});

describe('nested fields and arguments', () => {
  it('hides emails from viewers and shows them to auditors', async () => {
    await api.gql('mutation { registerPerson(input: { name: "Ada", email: "ada@example.com" }) { version } }');
    const viewer = await api.gql('{ people { edges { node { name email } } } }', undefined, await as('viewer'));
    expect(viewer.data!.people.edges[0].node).toEqual({ name: 'Ada', email: null });
    expect(viewer.errors![0]).toMatchObject({ path: ['people', 'edges', 0, 'node', 'email'], extensions: { code: 'FORBIDDEN' } });
    const auditor = await api.gql('{ people { edges { node { email } } } }', undefined, await as('auditor'));
    expect(auditor.data!.people.edges[0].node.email).toBe('ada@example.com');
  });

  it('keeps the recorded-time axis (knownAt) for auditors', async () => {
    const viewer = await api.gql('{ roles(knownAt: "2025-01-01T00:00:00Z") { totalCount } }', undefined, await as('viewer'));
    expect(viewer.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(viewer.errors![0]!.message).toBe('This operation requires the auditor role');
    expect((await api.gql('{ roles(knownAt: "2025-01-01T00:00:00Z") { totalCount } }', undefined, await as('auditor'))).errors).toBeUndefined();
  });
});

describe('API keys', () => {
  const CREATE = 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id name role revokedAt } } }';

  it('are shown once, listed without secrets, used as the actor, and revoked at once (open subscriptions closed)', async () => {
    const created = (await api.gql(CREATE, { input: { name: 'dashboard', role: 'EDITOR' } })).data!.createApiKey;
    expect(created.secret).toMatch(/^rbk_/);
    const key = { authorization: `Bearer ${created.secret}` };
    const listed = (await api.gql('{ apiKeys { id name role lastUsedAt } }')).data!.apiKeys;
    expect(JSON.stringify(listed)).not.toContain(/^rbk_[0-9a-f]{24}_(.+)$/.exec(created.secret)![1]!);
    expect(listed.map((k: { name: string }) => k.name)).toContain('dashboard');

    const role = await api.gql('mutation { defineRole(input: { name: "Made by a key", purpose: "x" }) { role { id } } }', undefined, key);
    const history = await api.gql('query($id: ID!) { history(entityId: $id) { edges { node { actor source } } } }', { id: role.data!.defineRole.role.id });
    expect(history.data!.history.edges[0].node).toEqual({ actor: 'key:dashboard', source: 'api' });

    const auditorKey = (await api.gql(CREATE, { input: { name: 'watcher', role: 'AUDITOR' } })).data!.createApiKey;
    const client = createClient({
      url: api.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${auditorKey.secret}` },
      retryAttempts: 0,
      lazy: true,
    });
    const closed = new Promise<unknown>((resolve) =>
      client.subscribe({ query: 'subscription { orgChanged { type } }' }, { next: () => undefined, error: resolve, complete: () => resolve('completed') }),
    );
    await new Promise((r) => setTimeout(r, 300));

    const revoked = await api.gql('mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { revokedAt } }', {
      input: { id: auditorKey.apiKey.id },
    });
    expect(revoked.data!.revokeApiKey.revokedAt).not.toBeNull();
    expect(await closed).toMatchObject({ code: 4403 });
    const after = await api.gql('{ roles { totalCount } }', undefined, { authorization: `Bearer ${auditorKey.secret}` });
    expect(after.status).toBe(401);
    await client.dispose();
  });

  it("are an admin's to make: an editor cannot create one", async () => {
    const response = await api.gql(CREATE, { input: { name: 'escalate', role: 'ADMIN' } }, await as('editor'));
    expect(response.errors![0]!.extensions.code).toBe('FORBIDDEN');
    expect((await api.gql('{ apiKeys { name } }')).data!.apiKeys.map((k: { name: string }) => k.name)).not.toContain('escalate');
  });

  it('of an integration read nothing, not even a type name or the schema', async () => {
    for (const query of ['{ roles { totalCount } }', '{ __typename }', '{ __schema { queryType { name } } }']) {
      const response = await api.gql(query, undefined, await as('integration'));
      expect(response.status).toBe(403);
      expect(response.data).toBeUndefined();
      expect(response.errors![0]!.extensions.code).toBe('FORBIDDEN');
    }
  });
});

describe('graphql-ws', () => {
  const outcomeOf = async (params: Record<string, unknown>, query = 'subscription { orgChanged { type } }', headers: Record<string, string> = {}) => {
    const client = createClient({
      url: api.wsUrl,
      webSocketImpl: class extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { headers });
        }
      },
      connectionParams: params,
      retryAttempts: 0,
      lazy: true,
    });
    const outcome = await new Promise<unknown>((resolve) => {
      client.subscribe({ query }, { next: resolve, error: resolve, complete: () => resolve('completed') });
      setTimeout(() => resolve('open'), 500);
    });
    await client.dispose();
    return outcome;
  };

  it('closes a connection without a valid key in connection_init (4403)', async () => {
    expect(await outcomeOf({})).toMatchObject({ code: 4403 });
    expect(await outcomeOf({ authorization: 'Bearer nope' })).toMatchObject({ code: 4403 });
    expect(await outcomeOf({ authorization: api.admin.authorization, 'x-tenant-id': 42 })).toMatchObject({ code: 4403 });
  });

  it("takes no subscription over HTTP: it is the client's mistake, not an internal error", async () => {
    const response = await api.gql('subscription { orgChanged { type } }', undefined, await as('auditor'));
    expect(response.status).toBe(400);
    expect(response.errors![0]).toMatchObject({ message: 'Subscriptions are served over WebSocket (graphql-ws) only', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('serves subscriptions only: queries and mutations go over HTTP', async () => {
    const outcome = await outcomeOf(api.admin, 'mutation { defineRole(input: { name: "Over the socket", purpose: "x" }) { version } }');
    expect(JSON.stringify(outcome)).toContain('Only subscriptions');
    expect((await api.gql('{ roles(filter: { nameContains: "Over the socket" }) { totalCount } }')).data!.roles.totalCount).toBe(0);
  });

  it('refuses a browser connection from another origin', async () => {
    expect(await outcomeOf(api.admin, undefined, { origin: 'https://evil.example' })).toMatchObject({ code: 4403 });
    expect(await outcomeOf(api.admin, undefined, { origin: api.wsUrl.replace('ws://', 'http://').replace('/graphql', '') })).toBe('open');
  });
});

describe('graphql-ws caps', () => {
  let capped: TestApi;
  beforeAll(async () => (capped = await startApi(undefined, { WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '2', WS_MAX_CONNECTIONS_PER_PRINCIPAL: '2' })));
  afterAll(() => capped.dispose());

  const client = (headers: Record<string, string>) =>
    createClient({ url: capped.wsUrl, webSocketImpl: WebSocket, connectionParams: headers, retryAttempts: 0, lazy: true });
  /** Subscribes and answers how it ended within 400 ms, or 'open'. */
  const subscribe = (c: ReturnType<typeof client>) =>
    new Promise<unknown>((resolve) => {
      c.subscribe({ query: 'subscription { orgChanged { type } }' }, { next: resolve, error: resolve, complete: () => resolve('completed') });
      setTimeout(() => resolve('open'), 400);
    });

  it('caps subscriptions per connection and connections per principal', async () => {
    const one = client(capped.admin);
    expect(await subscribe(one)).toBe('open');
    expect(await subscribe(one)).toBe('open');
    expect(JSON.stringify(await subscribe(one))).toContain('RATE_LIMITED');
    const two = client(capped.admin);
    expect(await subscribe(two)).toBe('open');
    const three = client(capped.admin);
    expect(await subscribe(three)).toMatchObject({ code: 4403 });
    // another principal has room of its own
    const other = client(await capped.as('auditor'));
    expect(await subscribe(other)).toBe('open');
    await Promise.all([one, two, three, other].map((c) => Promise.resolve(c.dispose())));
  });
});

describe('graphql-ws subscription ids', () => {
  it('cannot be reused while completing to slip past the cap or outlive the socket', async () => {
    const listeners = () => (api.rolebook.projector as unknown as { listeners: Set<unknown> }).listeners.size;
    const baseline = listeners();
    const socket = new WebSocket(api.wsUrl, 'graphql-transport-ws');
    const messages: { type: string; id?: string }[] = [];
    socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as { type: string; id?: string }));
    await new Promise((resolve) => socket.once('open', resolve));
    const send = (message: object) => socket.send(JSON.stringify(message));
    send({ type: 'connection_init', payload: { authorization: api.admin.authorization } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const subscribe = { type: 'subscribe', id: 'a', payload: { query: 'subscription { orgChanged { type } }' } };
    send(subscribe);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // complete and take the same id again at once, over and over
    for (let i = 0; i < 6; i++) {
      send({ type: 'complete', id: 'a' });
      send(subscribe);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(messages[0]!.type).toBe('connection_ack');
    // every feed ended with the socket: none was left listening
    expect(listeners()).toBe(baseline);
  });
});
