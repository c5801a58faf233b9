import { migrate, type Pool } from '@rolebook/postgres';
import type { AccessStoreOptions, AccessStores } from '../access-stores';
import { KeyHasher } from '../api-keys/key-hasher';
import { AUTH_COMPONENT, authMigrations } from './migrations';
import { PostgresApiKeyStore } from './postgres-api-key-store';
import { PostgresTenantStore } from './postgres-tenant-store';

/** The access stores on the shared database, its migrations applied; the caller owns the pool. */
export const openPostgresAccess = async (pool: Pool, options: AccessStoreOptions): Promise<AccessStores> => {
  const hasher = new KeyHasher(options.keyHashingSecret);
  await migrate(pool, AUTH_COMPONENT, authMigrations);
  return { tenants: new PostgresTenantStore(pool), apiKeys: new PostgresApiKeyStore(pool, hasher) };
};
