import { openPool, type Pool } from '@rolebook/postgres';
import { describeWithPostgres, scratchDatabase } from '@rolebook/postgres/testing';
import { testApiKeyStore } from '../testing/api-key-store.contract';
import { TEST_KEY_SECRET, type AccessStoresFactory } from '../testing/access-stores.factory';
import { testTenantStore } from '../testing/tenant-store.contract';
import { openPostgresAccess } from './open-postgres-access';

// The first open() uses the scratch database's pool; each further one a pool of its own on the
// same schema, as another replica would have.
const postgresFactory = async (): Promise<AccessStoresFactory> => {
  const db = await scratchDatabase();
  const replicas: Pool[] = [];
  let opened = 0;
  return {
    open: async (secret = TEST_KEY_SECRET) => {
      const pool = opened++ === 0 ? db.pool : openPool(db.url, 2);
      if (pool !== db.pool) replicas.push(pool);
      return openPostgresAccess(pool, { keyHashingSecret: secret });
    },
    dispose: async () => {
      await Promise.all(replicas.map((p) => p.end()));
      await db.drop();
    },
  };
};

describeWithPostgres('PostgreSQL access stores', () => {
  testTenantStore('postgres', postgresFactory);
  testApiKeyStore('postgres', postgresFactory);

  describe('PostgreSQL specifics', () => {
    let db: Awaited<ReturnType<typeof scratchDatabase>>;
    beforeEach(async () => {
      db = await scratchDatabase();
    });
    afterEach(() => db.drop());

    it('never writes the plaintext secret to the database', async () => {
      const access = await openPostgresAccess(db.pool, { keyHashingSecret: TEST_KEY_SECRET });
      await access.tenants.create('acme', '2026-03-01T10:00:00.000Z');
      const { plaintext } = await access.apiKeys.create('acme', 'k', 'admin', null, '2026-03-01T10:00:00.000Z');
      const { rows } = await db.pool.query<{ row: string }>("SELECT row_to_json(k)::text || encode(k.secret_hash, 'escape') AS row FROM auth_api_keys k");
      expect(rows).toHaveLength(1);
      expect(rows[0]!.row).not.toContain(plaintext.slice(-43));
    });

    it('applies its migrations once when replicas start together', async () => {
      const others = [openPool(db.url, 1), openPool(db.url, 1)];
      await Promise.all([db.pool, ...others].map((pool) => openPostgresAccess(pool, { keyHashingSecret: TEST_KEY_SECRET })));
      await Promise.all(others.map((p) => p.end()));
      const { rows } = await db.pool.query("SELECT name FROM rolebook_migrations WHERE component = 'auth'");
      expect(rows).toEqual([{ name: '001-tenants-and-api-keys' }]);
    });
  });
});
