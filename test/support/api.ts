// Boots the API app in-process on a throwaway data directory, and talks GraphQL to it over HTTP.
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Rolebook } from '@rolebook/runtime';
import { createLogger, loadConfig } from '@rolebook/config';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Role } from '@rolebook/auth';
import type { Access } from '@rolebook/runtime';
import { AppModule } from '../../apps/api/src/app.module';
import { ACCESS, ROLEBOOK } from '../../apps/api/src/rolebook.providers';

export interface GqlResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions: { code: string; reason?: string; field?: string } }[];
}

export interface TestApi {
  app: INestApplication;
  dir: string;
  /** ws://127.0.0.1:PORT/graphql, for graphql-ws clients. */
  wsUrl: string;
  rolebook: Rolebook;
  access: Access;
  /** Authorization header of an admin key of the default tenant, sent by gql() unless headers say otherwise. */
  admin: Record<string, string>;
  /**
   * Authorization header of a new key with this role, for `tenant` (default: the default tenant,
   * created when missing). Events it records have the actor `key:<name>`.
   */
  as: (role: Role, options?: { tenant?: string; name?: string }) => Promise<Record<string, string>>;
  gql: <T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GqlResponse<T>>;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
  dispose(): Promise<void>;
}

export const startApi = async (dir = mkdtempSync(join(tmpdir(), 'rolebook-e2e-')), env: Record<string, string> = {}): Promise<TestApi> => {
  // background drift checks only when a test asks for them
  const config = loadConfig({
    DATA_DIR: dir,
    DEMO_DATA: 'false',
    GRAPHIQL: 'false',
    LOG_LEVEL: 'silent',
    DRIFT_SCHEDULE_MS: '0',
    DRIFT_DEBOUNCE_MS: '600000',
    // where the seed texts are, as the tests that need them look (test helpers of reference-model)
    ...(process.env['SEEDS_DIR'] ? { SEEDS_DIR: process.env['SEEDS_DIR'] } : {}),
    ...env,
  });
  const app = await NestFactory.create(AppModule.forRoot(config, createLogger('silent')), { logger: false, bodyParser: false });
  await app.listen(0, '127.0.0.1');
  const access = app.get<Access>(ACCESS);
  const now = () => new Date().toISOString();
  const as = async (role: Role, options: { tenant?: string; name?: string } = {}) => {
    const tenant = options.tenant ?? config.DEFAULT_TENANT;
    await access.tenants.create(tenant, now());
    const { plaintext } = await access.apiKeys.create(tenant, options.name ?? `test-${role}`, role, null, now());
    return { authorization: `Bearer ${plaintext}` };
  };
  const admin = await as('admin', { name: 'test-admin' });
  const server = app.getHttpServer();
  const port = (server.address() as { port: number }).port;
  let closed = false;
  const close = async () => {
    if (!closed) await app.close();
    closed = true;
  };
  return {
    app,
    dir,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    rolebook: app.get<Rolebook>(ROLEBOOK),
    access,
    admin,
    as,
    http: () => request(server),
    gql: async (query, variables, headers = admin) => {
      const response = await request(server).post('/graphql').set(headers).send({ query, variables });
      return { status: response.status, data: response.body.data, errors: response.body.errors };
    },
    close,
    dispose: async () => {
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
