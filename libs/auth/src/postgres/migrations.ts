// The access tables in the shared PostgreSQL database, applied by @rolebook/postgres `migrate`
// under its advisory lock. Prefixed auth_ because other components share the database.
import type { Migration } from '@rolebook/postgres';

export const AUTH_COMPONENT = 'auth';

export const authMigrations: readonly Migration[] = [
  {
    name: '001-tenants-and-api-keys',
    up: async (client) => {
      await client.query(`
        CREATE TABLE auth_tenants (
          slug text PRIMARY KEY,
          created_at timestamptz NOT NULL
        );
        CREATE TABLE auth_api_keys (
          id text PRIMARY KEY,
          tenant_id text NOT NULL REFERENCES auth_tenants (slug),
          name text NOT NULL,
          role text NOT NULL,
          secret_hash bytea NOT NULL,
          created_at timestamptz NOT NULL,
          expires_at timestamptz,
          last_used_at timestamptz,
          revoked_at timestamptz
        );
        CREATE INDEX auth_api_keys_by_tenant ON auth_api_keys (tenant_id, created_at);`);
    },
  },
];
