// Issue 13, hygiene: what the API gives away to a caller who is not supposed to learn anything,
// on every transport, in production (NODE_ENV=production) and in development.
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@rolebook/config';
import { createClient, type Client } from 'graphql-ws';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import WebSocket from 'ws';
import type { Access } from '@rolebook/runtime';
import { AppModule } from '../apps/api/src/app.module';
import { ACCESS } from '../apps/api/src/rolebook.providers';
import { GRAPHIQL_ASSETS, GRAPHIQL_CSP } from '../apps/api/src/http/graphiql';
import { API_CSP } from '../apps/api/src/http/security-headers';
import { integrations, signStandard } from './support/hris-signing';

interface Booted {
  app: INestApplication;
  /** An admin key of the default tenant, sent by gql() and overWs(). */
  authorization: string;
  http: () => ReturnType<typeof request>;
  wsUrl: string;
  logs: { level: number; msg: string }[];
  close(): Promise<void>;
}

const boot = async (env: Record<string, string> = {}): Promise<Booted> => {
  const dir = mkdtempSync(join(tmpdir(), 'rolebook-hygiene-'));
  const logs: { level: number; msg: string }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line) as { level: number; msg: string });
      done();
    },
  });
  const config = loadConfig({
    DATA_DIR: dir,
    DEMO_DATA: 'false',
    DRIFT_SCHEDULE_MS: '0',
    DRIFT_DEBOUNCE_MS: '600000',
    HRIS_INTEGRATIONS: integrations(),
    ...env,
  });
  const app = await NestFactory.create(AppModule.forRoot(config, pino({ level: 'info' }, sink)), { logger: false, bodyParser: false });
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer();
  const port = (server.address() as { port: number }).port;
  const access = app.get<Access>(ACCESS);
  const now = new Date().toISOString();
  await access.tenants.create(config.DEFAULT_TENANT, now);
  const { plaintext } = await access.apiKeys.create(config.DEFAULT_TENANT, 'hygiene-admin', 'admin', null, now);
  return {
    app,
    authorization: `Bearer ${plaintext}`,
    http: () => request(server),
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    logs,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

const gql = async (api: Booted, query: string, variables?: Record<string, unknown>) => {
  const response = await api.http().post('/graphql').set('authorization', api.authorization).send({ query, variables });
  return { status: response.status, body: response.body as { data?: any; errors?: { message: string; extensions: Record<string, unknown> }[] } };
};

const clients: Client[] = [];
/** One operation over graphql-ws: its first message (`next` payload or `error` list), or how the socket closed. */
const overWs = (api: Booted, query: string, variables?: Record<string, unknown>) => {
  const client = createClient({
    url: api.wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: api.authorization },
    retryAttempts: 0,
    lazy: true,
  });
  clients.push(client);
  return new Promise<{ next?: any; errors?: any[]; closed?: { code: number; reason: string } }>((resolve) =>
    client.subscribe(
      { query, variables },
      {
        next: (next) => resolve({ next }),
        error: (error) => resolve(Array.isArray(error) ? { errors: error } : { closed: error as { code: number; reason: string } }),
        complete: () => resolve({}),
      },
    ),
  );
};
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => Promise.resolve(c.dispose())));
});

const SUGGESTION = /Did you mean|Suggestion/;
const directives = (csp: unknown) =>
  String(csp)
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)
    .sort();

describe('in production', () => {
  let api: Booted;
  beforeAll(async () => (api = await boot({ NODE_ENV: 'production' })));
  afterAll(async () => api.close());

  it('refuses introspection over HTTP and over graphql-ws', async () => {
    const http = await gql(api, '{ __schema { queryType { name } } }');
    expect(http.status).toBe(400);
    expect(http.body.errors![0]!.extensions['code']).toBe('BAD_USER_INPUT');
    const ws = await overWs(api, '{ __type(name: "Role") { name } }');
    expect(ws.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect((await gql(api, '{ __typename }')).body.data).toEqual({ __typename: 'Query' });
  });

  it('suggests no field, argument or enum value, over HTTP and over graphql-ws', async () => {
    const answers = [
      (await gql(api, '{ rolez { id } }')).body.errors!,
      (await gql(api, '{ auditLog(filter: { entityType: ROLEE }) { totalCount } }')).body.errors!,
      (await gql(api, 'query($t: EntityType) { auditLog(filter: { entityType: $t }) { totalCount } }', { t: 'ROLEE' })).body.errors!,
      (await overWs(api, 'subscription { orgChangd { position } }')).errors!,
      (await overWs(api, 'subscription { orgChanged(filter: { entityTypes: [ROLEE] }) { position } }')).errors!,
    ];
    for (const errors of answers) {
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) {
        expect(error.message).not.toMatch(SUGGESTION);
        expect(error.message).not.toContain('ROLEE');
        expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT' });
      }
    }
  });

  it('serves no GraphiQL and no open /metrics', async () => {
    const page = await api.http().get('/graphql').set('accept', 'text/html');
    expect(page.text).not.toContain('graphiql');
    expect((await api.http().get('/metrics')).status).toBe(404);
  });
});

describe('in development', () => {
  let api: Booted;
  beforeAll(async () => (api = await boot({ NODE_ENV: 'development' })));
  afterAll(async () => api.close());

  it('answers introspection over HTTP and suggests names, on both transports', async () => {
    expect((await gql(api, '{ __schema { queryType { name } } }')).body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    // the socket serves subscriptions only, introspection included, in every mode
    expect((await overWs(api, '{ __type(name: "Role") { name } }')).errors![0]!.message).toMatch(/Only subscriptions/);
    expect((await gql(api, '{ rolez { id } }')).body.errors![0]!.message).toMatch(/Did you mean .*"roles"/);
    expect((await overWs(api, 'subscription { orgChangd { position } }')).errors![0]).toMatchObject({
      message: expect.stringMatching(/Did you mean "orgChanged"/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('serves GraphiQL from pinned, integrity-checked files under its own CSP; every other answer has the API’s headers', async () => {
    const page = await api.http().get('/graphql').set('accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(GRAPHIQL_CSP);
    for (const asset of Object.values(GRAPHIQL_ASSETS)) expect(page.text).toContain(`integrity="${asset.integrity}"`);
    expect(page.text).not.toMatch(/react@18\/|\.development\.js/);
    expect(page.text.match(/<script/g)).toHaveLength(4);
    expect(page.headers['x-powered-by']).toBeUndefined();

    for (const answer of [
      await api.http().post('/graphql').send({ query: '{ __typename }' }),
      await api.http().get('/health/live'),
      await api.http().get('/nowhere'),
    ]) {
      expect(answer.headers['x-powered-by']).toBeUndefined();
      // helmet writes `a;b`, the fallback `a; b`
      expect(directives(answer.headers['content-security-policy'])).toEqual(directives(API_CSP));
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
    }
    expect((await api.http().get('/metrics')).status).toBe(200);
  });
});

describe('on any transport', () => {
  let api: Booted;
  beforeAll(async () => (api = await boot({ NODE_ENV: 'production', GRAPHQL_MAX_TOKENS: '200' })));
  afterAll(async () => api.close());

  it('answers a document over the token limit with 400 BAD_USER_INPUT, over graphql-ws as an error message', async () => {
    const big = `{ ${'__typename '.repeat(300)} }`;
    const http = await gql(api, big);
    expect(http.status).toBe(400);
    const refused = [{ message: expect.stringMatching(/200 tokens/), extensions: { code: 'BAD_USER_INPUT' } }];
    expect(http.body.errors).toMatchObject(refused);
    expect((await overWs(api, big)).errors).toMatchObject(refused);
  });

  it('answers a syntax error over graphql-ws as HTTP does, without closing the socket', async () => {
    const ws = await overWs(api, 'subscription {');
    expect(ws.closed).toBeUndefined();
    expect(ws.errors).toEqual([
      { message: 'Syntax Error: Expected Name, found <EOF>.', locations: [{ line: 1, column: 15 }], extensions: { code: 'BAD_USER_INPUT' } },
    ]);
    const http = await gql(api, 'subscription {');
    expect(http.body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });

  it('gives resolver errors over graphql-ws the code, reason and field they have over HTTP', async () => {
    const ws = await overWs(api, 'subscription { orgChanged(after: "zz") { position } }');
    expect(ws.next.errors).toEqual([
      {
        message: 'after is not a cursor this query returned',
        locations: [{ line: 1, column: 16 }],
        path: ['orgChanged'],
        extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR', field: 'after' },
      },
    ]);
  });

  it('answers a malformed JSON body with a fixed message that echoes none of it', async () => {
    for (const body of ['{"query": "ada.lovelace@example.com', 'ada.lovelace@example.com']) {
      const answer = await api.http().post('/graphql').set('content-type', 'application/json').send(body);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'The body is not valid JSON' });
      expect(answer.text).not.toMatch(/ada|lovelace|position/);
    }
  });

  it('hands out cursors that name nothing and refuses an altered one as INVALID_CURSOR', async () => {
    for (const name of ['Zed Lovelace', 'Ada Lovelace', 'Bob Builder'])
      await gql(api, 'mutation($i: DefineRoleInput!) { defineRole(input: $i) { position } }', { i: { name, purpose: 'x' } });
    const first = await gql(api, '{ roles(first: 1) { pageInfo { endCursor } edges { node { name } } } }');
    const cursor: string = first.body.data.roles.pageInfo.endCursor;
    expect(Buffer.from(cursor, 'base64url').toString('latin1')).not.toMatch(/ada|lovelace/i);
    const next = await gql(api, 'query($a: String) { roles(first: 5, after: $a) { edges { node { name } } } }', { a: cursor });
    expect(next.body.data.roles.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['Bob Builder', 'Zed Lovelace']);
    const bytes = Buffer.from(cursor, 'base64url');
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    const forged = [bytes.toString('base64url'), Buffer.from(JSON.stringify(['ada lovelace', 'x'])).toString('base64url')];
    for (const a of forged) {
      const refused = await gql(api, 'query($a: String) { roles(first: 5, after: $a) { totalCount } }', { a });
      expect(refused.body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR', field: 'after' });
    }
  });

  it('logs what clients got wrong at info at most, never as errors', () => {
    const errors = api.logs.filter((line) => line.level >= 50);
    expect(errors).toEqual([]);
    expect(api.logs.some((line) => line.level === 30 && line.msg === 'graphql request refused')).toBe(true);
  });
});

describe('HRIS webhooks', () => {
  let api: Booted;
  beforeAll(async () => (api = await boot()));
  afterAll(async () => api.close());

  const post = (path: string, raw: string, headers: Record<string, string> = {}, type = 'application/json') =>
    api.http().post(path).set('content-type', type).set(headers).send(raw);

  it('answers one and the same 401 for everything that fails before the signature is verified, naming no tenant', async () => {
    const signed = signStandard({ type: 'employee.hired', data: {} });
    const answers = await Promise.all([
      post('/webhooks/standard?tenant=acme', signed.raw, signed.headers), // no such tenant
      post('/webhooks/hibob?tenant=default', signed.raw, signed.headers), // tenant exists, no such integration... (hibob exists: bad signature)
      post('/webhooks/standard?tenant=NOT%20A%20SLUG', signed.raw, signed.headers), // malformed tenant
      post('/webhooks/standard', signed.raw, { ...signed.headers, 'webhook-signature': 'v1,AAAA' }), // wrong signature
      post('/webhooks/standard', '{"broken', {}), // no signature, malformed body
      post('/webhooks/standard', '', {}), // nothing at all
      post('/webhooks/standard', '{"broken', signed.headers), // a body that is not the one signed
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ statusCode: 401, message: 'Unauthorized' });
    }
  });

  it('verifies the raw bytes before parsing them: a malformed body is a 400 only once its signature is good', async () => {
    const raw = '{"type": "employee.hired", "data": {'; // not JSON
    const id = 'msg_malformed';
    const at = Math.floor(Date.now() / 1000);
    const { headers } = signStandard({}, { id, at });
    const { createHmac } = await import('node:crypto');
    const key = Buffer.from(JSON.parse(integrations()).default.standard.secrets[1].slice(6), 'base64');
    const signature = `v1,${createHmac('sha256', key).update(`${id}.${at}.${raw}`).digest('base64')}`;
    const answer = await post('/webhooks/standard', raw, { ...headers, 'webhook-signature': signature }, 'text/plain');
    expect(answer.status).toBe(400);
    expect(answer.body.message).toBe('The body is not a payload this provider sends');
    expect(answer.text).not.toContain('employee');
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  let api: Booted;
  const token = 'metrics-token-0123456789abcdef-0123456789';
  beforeAll(async () => (api = await boot({ NODE_ENV: 'production', METRICS_TOKEN: token })));
  afterAll(async () => api.close());

  it('answers only the bearer of the token', async () => {
    expect((await api.http().get('/metrics')).status).toBe(401);
    expect((await api.http().get('/metrics').set('authorization', `Bearer ${token}x`)).status).toBe(401);
    const scraped = await api.http().get('/metrics').set('authorization', `Bearer ${token}`);
    expect(scraped.status).toBe(200);
    expect(scraped.text).toContain('rolebook_projection_position');
  });
});
