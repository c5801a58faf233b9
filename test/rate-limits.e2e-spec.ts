// Rate limits (issue 13): per principal, per expensive operation, per client IP before
// authentication (GraphQL over HTTP and WebSocket connection attempts alike), on webhooks before
// verification, on graphql-ws subscribes, the pace of graphql-ws messages, and shared by two API
// instances through Redis. Each suite sets low limits through the environment.
import { createClient, type Client } from 'graphql-ws';
import IORedis from 'ioredis';
import WebSocket from 'ws';
import { startApi, type TestApi } from './support/api';
import { deleteQueueKeys, describeWithRedis, REDIS_URL } from './support/services';

const DEFINE = `mutation($input: DefineRoleInput!) { defineRole(input: $input) { role { id } position } }`;
const RUN = `mutation { runDriftCheck { id } }`;

const post = (api: TestApi, body: object, headers: Record<string, string> = api.admin) => api.http().post('/graphql').set(headers).send(body);

/** A WebSocket handshake (graphql-ws's subprotocol, no connection_init): 101 and the open socket, or the status it was refused with. */
const upgrade = (api: TestApi, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; retryAfter?: string; socket?: WebSocket }>((resolve, reject) => {
    const socket = new WebSocket(api.wsUrl, 'graphql-transport-ws', { headers });
    socket.once('open', () => resolve({ status: 101, socket }));
    socket.once('unexpected-response', (_request, response) => {
      socket.on('error', () => undefined); // the aborted handshake, once the answer is read
      response.resume();
      resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'] });
    });
    socket.once('error', reject);
  });

/** The refusal every limit answers with over HTTP. */
const expectRateLimited = (response: { status: number; headers: Record<string, string>; body: any }, reason: string) => {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(response.body.data ?? null).toBeNull();
  expect(response.body.errors).toEqual([
    { message: expect.stringMatching(/^Too many /), extensions: { code: 'RATE_LIMITED', reason, retryAfterSeconds: retryAfter } },
  ]);
};

describe('per principal', () => {
  let api: TestApi;
  const clients: Client[] = [];
  beforeAll(async () => (api = await startApi(undefined, { RATE_LIMIT_PER_PRINCIPAL: '3' })));
  afterAll(async () => {
    await Promise.all(clients.map((c) => Promise.resolve(c.dispose())));
    await api.dispose();
  });

  it('refuses the request over the limit with 429 and Retry-After, and records nothing', async () => {
    const editor = await api.as('editor', { name: 'busy' });
    for (let i = 0; i < 3; i++)
      expect((await post(api, { query: DEFINE, variables: { input: { name: `Role ${i}`, purpose: 'x' } } }, editor)).status).toBe(200);
    const head = await api.rolebook.store.headPosition();
    expectRateLimited(await post(api, { query: DEFINE, variables: { input: { name: 'One too many', purpose: 'x' } } }, editor), 'PER_PRINCIPAL');
    expect(await api.rolebook.store.headPosition()).toBe(head);
  });

  it('leaves other principals their own count', async () => {
    const busy = await api.as('editor', { name: 'busy-2' });
    for (let i = 0; i < 4; i++) await post(api, { query: '{ __typename }' }, busy);
    expect((await post(api, { query: '{ __typename }' }, busy)).status).toBe(429);
    const other = await api.as('editor', { name: 'calm' });
    const defined = await post(api, { query: DEFINE, variables: { input: { name: 'Calm role', purpose: 'x' } } }, other);
    expect(defined.status).toBe(200);
    expect(defined.body.data.defineRole.role.id).toEqual(expect.any(String));
  });

  it('counts subscribes over graphql-ws against the same limit, refusing one with a RATE_LIMITED error message', async () => {
    const auditor = await api.as('auditor', { name: 'subscriber' });
    for (let i = 0; i < 2; i++) await post(api, { query: '{ __typename }' }, auditor);
    const client = createClient({ url: api.wsUrl, webSocketImpl: WebSocket, connectionParams: auditor, retryAttempts: 0, lazy: true });
    clients.push(client);
    const subscribe = () =>
      new Promise<unknown>((resolve) => {
        const dispose = client.subscribe(
          { query: 'subscription { orgChanged { position } }' },
          {
            next: () => undefined,
            error: (error) => resolve(error),
            complete: () => resolve('complete'),
          },
        );
        // still open after a moment: accepted
        setTimeout(() => {
          dispose();
          resolve('open');
        }, 300);
      });
    expect(await subscribe()).toBe('open'); // the third request of this principal
    expect(await subscribe()).toEqual([
      {
        message: expect.stringMatching(/^Too many requests; retry in \d+ s$/),
        extensions: { code: 'RATE_LIMITED', reason: 'PER_PRINCIPAL', retryAfterSeconds: expect.any(Number) },
      },
    ]);
  });
});

describe('expensive operations', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi(undefined, { RATE_LIMIT_PER_PRINCIPAL: '50', WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '1' })));
  afterAll(() => api.dispose());

  const runs = async () => (await api.gql(`{ driftRuns { totalCount } }`)).data.driftRuns.totalCount as number;

  it('have their own lower limit, which bites before the general one', async () => {
    const editor = await api.as('editor', { name: 'drifter' });
    for (let i = 0; i < 5; i++) expect((await post(api, { query: RUN }, editor)).status).toBe(200);
    const head = await api.rolebook.store.headPosition();
    expectRateLimited(await post(api, { query: RUN }, editor), 'PER_OPERATION');
    expect(await runs()).toBe(5);
    expect(await api.rolebook.store.headPosition()).toBe(head);
    // the principal is far from its general limit: everything else still goes through
    expect((await post(api, { query: DEFINE, variables: { input: { name: 'Still allowed', purpose: 'x' } } }, editor)).status).toBe(200);
  });

  it('count every alias, refusing the whole document', async () => {
    const editor = await api.as('editor', { name: 'aliaser' });
    const before = await runs();
    const aliased = `mutation { ${Array.from({ length: 6 }, (_, i) => `r${i}: runDriftCheck { id }`).join(' ')} }`;
    expectRateLimited(await post(api, { query: aliased }, editor), 'PER_OPERATION');
    expect(await runs()).toBe(before);
  });

  it('answer RATE_LIMITED, not an internal error, past the subscriptions one socket may hold', async () => {
    const client = createClient({ url: api.wsUrl, webSocketImpl: WebSocket, connectionParams: api.admin, retryAttempts: 0, lazy: true });
    try {
      const errors: unknown[] = [];
      const first = client.subscribe(
        { query: 'subscription { orgChanged { position } }' },
        { next: () => undefined, error: () => undefined, complete: () => undefined },
      );
      await new Promise<void>((resolve) => {
        client.subscribe(
          { query: 'subscription { orgChanged { position } }' },
          {
            next: () => undefined,
            error: (error) => {
              errors.push(error);
              resolve();
            },
            complete: () => resolve(),
          },
        );
      });
      first();
      expect(errors).toEqual([
        [{ message: expect.stringMatching(/^Too many subscriptions/), extensions: { code: 'RATE_LIMITED', reason: 'SUBSCRIPTIONS_PER_CONNECTION' } }],
      ]);
    } finally {
      await client.dispose();
    }
  });
});

describe('per client IP', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi(undefined, { RATE_LIMIT_PER_IP: '5', RATE_LIMIT_WEBHOOKS_PER_IP: '3' })));
  afterAll(() => api.dispose());

  it('limits an unauthenticated flood before authentication, and then refuses the address whatever its credentials', async () => {
    const guess = { authorization: 'Bearer rbk_not-a-key' };
    // spoofed forwarding headers change nothing while no proxy is trusted
    for (let i = 0; i < 5; i++) expect((await post(api, { query: '{ __typename }' }, { ...guess, 'x-forwarded-for': `198.51.100.${i}` })).status).toBe(401);
    expectRateLimited(await post(api, { query: '{ __typename }' }, guess), 'PER_IP');
    expectRateLimited(await post(api, { query: '{ __typename }' }), 'PER_IP');
  });

  it('limits webhooks per address before any verification', async () => {
    const send = () => api.http().post('/webhooks/standard').set('content-type', 'application/json').send('{}');
    for (let i = 0; i < 3; i++) expect((await send()).status).toBe(401);
    const refused = await send();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.body).toEqual({ statusCode: 429, message: 'Too Many Requests' });
  });
});

describe('WebSocket connection attempts per client IP', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi(undefined, { RATE_LIMIT_PER_IP: '3' })));
  afterAll(() => api.dispose());

  it('are counted before the handshake against the per-IP limit, shared with HTTP requests, and refused with 429 and Retry-After', async () => {
    const sockets: WebSocket[] = [];
    try {
      expect((await post(api, { query: '{ __typename }' })).status).toBe(200);
      // no credentials at all (and spoofed forwarding headers, ignored while no proxy is trusted): counted all the same
      for (const ip of ['198.51.100.1', '198.51.100.2']) {
        const opened = await upgrade(api, { 'x-forwarded-for': ip });
        expect(opened.status).toBe(101);
        sockets.push(opened.socket!);
      }
      const refused = await upgrade(api, api.admin);
      expect(refused.status).toBe(429);
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
      expect(refused.socket).toBeUndefined();
      // one limiter: HTTP from this address is refused too
      expectRateLimited(await post(api, { query: '{ __typename }' }), 'PER_IP');
    } finally {
      sockets.forEach((socket) => socket.close());
    }
  });
});

describe('per client IP behind a trusted proxy (TRUST_PROXY)', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi(undefined, { RATE_LIMIT_PER_IP: '2', TRUST_PROXY: 'loopback' })));
  afterAll(() => api.dispose());

  it('counts the address the proxy forwards, not the proxy', async () => {
    const from = (ip: string) => post(api, { query: '{ __typename }' }, { ...api.admin, 'x-forwarded-for': ip });
    expect((await from('203.0.113.1')).status).toBe(200);
    expect((await from('203.0.113.1')).status).toBe(200);
    expectRateLimited(await from('203.0.113.1'), 'PER_IP');
    expect((await from('203.0.113.2')).status).toBe(200);
  });

  it('counts the address the proxy forwards for WebSocket connection attempts too', async () => {
    const opened: WebSocket[] = [];
    const from = async (ip: string) => {
      const attempt = await upgrade(api, { 'x-forwarded-for': ip });
      if (attempt.socket) opened.push(attempt.socket);
      return attempt.status;
    };
    try {
      expect(await from('203.0.113.7')).toBe(101);
      expect(await from('203.0.113.7')).toBe(101);
      expect(await from('203.0.113.7')).toBe(429);
      expect(await from('203.0.113.8')).toBe(101);
    } finally {
      opened.forEach((socket) => socket.close());
    }
  });
});

describe('the pace of graphql-ws messages (WS_MAX_MESSAGES_PER_SECOND)', () => {
  let api: TestApi;
  const ids: string[] = [];
  beforeAll(async () => {
    api = await startApi(undefined, { WS_MAX_MESSAGES_PER_SECOND: '20' });
    for (let i = 0; i < 30; i++) {
      const defined = await post(api, { query: DEFINE, variables: { input: { name: `Paced ${i}`, purpose: 'x' } } });
      ids.push(defined.body.data.defineRole.role.id);
    }
  });
  afterAll(() => api.dispose());

  /** Every RoleDefined from the start, on one subscription of `client`: the entity ids and positions received, and when the last came. */
  const catchUp = (client: Client) =>
    new Promise<{ entityIds: string[]; positions: number[] }>((resolve, reject) => {
      const entityIds: string[] = [];
      const positions: number[] = [];
      const dispose = client.subscribe<{ orgChanged: { position: string; entityId: string } }>(
        { query: 'subscription { orgChanged(after: "0", filter: { types: ["RoleDefined"] }) { position entityId } }' },
        {
          next: (message) => {
            if (message.errors || !message.data) return reject(new Error(JSON.stringify(message.errors)));
            entityIds.push(message.data.orgChanged.entityId);
            positions.push(Number(message.data.orgChanged.position));
            if (entityIds.length === ids.length) {
              dispose();
              resolve({ entityIds, positions });
            }
          },
          error: reject,
          complete: () => reject(new Error(`completed after ${entityIds.length} messages`)),
        },
      );
    });

  const client = () => createClient({ url: api.wsUrl, webSocketImpl: WebSocket, connectionParams: api.admin, retryAttempts: 0, lazy: true });

  it('delivers a catch-up from after: "0" whole and in order, but no faster than the pace', async () => {
    const subscriber = client();
    try {
      const started = Date.now();
      const { entityIds, positions } = await catchUp(subscriber);
      const elapsed = Date.now() - started;
      expect(entityIds).toEqual(ids);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(new Set(positions).size).toBe(30);
      // 30 messages at 20 a second: the 21st goes at least 1 s after the first (unpaced, they all came within milliseconds)
      expect(elapsed).toBeGreaterThanOrEqual(950);
    } finally {
      await subscriber.dispose();
    }
  }, 15_000);

  it('paces a connection as a whole: two subscriptions on one socket share its pace', async () => {
    const subscriber = client();
    try {
      const started = Date.now();
      const [a, b] = await Promise.all([catchUp(subscriber), catchUp(subscriber)]);
      const elapsed = Date.now() - started;
      expect(a.entityIds).toEqual(ids);
      expect(b.entityIds).toEqual(ids);
      // 60 messages at 20 a second: the 41st goes at least 2 s after the first
      expect(elapsed).toBeGreaterThanOrEqual(1950);
    } finally {
      await subscriber.dispose();
    }
  }, 15_000);
});

describeWithRedis('with REDIS_URL', () => {
  const prefix = `rl-e2e-${process.pid}-${Date.now()}`;
  const connection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
  const apis: TestApi[] = [];
  afterAll(async () => {
    await Promise.all(apis.map((api) => api.dispose()));
    await deleteQueueKeys(connection, prefix);
    await connection.quit();
  });

  it('shares the limits between API instances', async () => {
    const env = { REDIS_URL, BULLMQ_PREFIX: prefix, RATE_LIMIT_PER_IP: '3' };
    const a = await startApi(undefined, env);
    apis.push(a);
    const b = await startApi(undefined, env);
    apis.push(b);
    expect((await post(a, { query: '{ __typename }' })).status).toBe(200);
    expect((await post(a, { query: '{ __typename }' })).status).toBe(200);
    expect((await post(b, { query: '{ __typename }' })).status).toBe(200);
    // the fourth from this address, the second B saw
    expectRateLimited(await post(b, { query: '{ __typename }' }), 'PER_IP');
    expect(await connection.keys(`${prefix}:rate-limit:ip:*`)).toHaveLength(1);
  });
});
