// A scratch schema per test suite in the test database, so suites running in parallel never
// see each other's tables. PostgreSQL is required when REQUIRE_SERVICES=1 (CI).
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { openPool, type Pool } from '../pool';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const reachable = (url: string): boolean => {
  const { hostname, port } = new URL(url);
  const probe = `require('node:net').connect(${Number(port || 5432)}, ${JSON.stringify(hostname)}).on('connect', () => process.exit(0)).on('error', () => process.exit(1)); setTimeout(() => process.exit(1), 2000);`;
  return spawnSync(process.execPath, ['-e', probe]).status === 0;
};

export const postgresAvailable = reachable(TEST_DATABASE_URL);

if (!postgresAvailable && process.env.REQUIRE_SERVICES === '1') {
  throw new Error('REQUIRE_SERVICES=1 but PostgreSQL is not reachable at TEST_DATABASE_URL');
}

/** describe() when PostgreSQL is reachable; otherwise a skipped suite that says why. */
export const describeWithPostgres = (name: string, body: () => void): void =>
  postgresAvailable ? describe(name, body) : describe.skip(`${name} (PostgreSQL not reachable at TEST_DATABASE_URL)`, body);

/** A pool whose connections use a fresh schema of their own; drop() removes it. */
export const scratchDatabase = async (): Promise<{ url: string; pool: Pool; drop: () => Promise<void> }> => {
  const schema = `t_${randomUUID().replace(/-/g, '')}`;
  const admin = openPool(TEST_DATABASE_URL, 1);
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const pool = openPool(url);
  return {
    url,
    pool,
    drop: async () => {
      await pool.end();
      const cleanup = openPool(TEST_DATABASE_URL, 1);
      await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.end();
    },
  };
};
