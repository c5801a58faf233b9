// One way to reach PostgreSQL (DATABASE_URL): a pg pool, opened by the adapters of the ports
// whose state several processes share (API keys, tenants, erasure keys, the webhook inbox, HRIS
// sync runs). When the server goes away, an idle connection's error is the pool's to drop (an
// unheard 'error' event would end the process): the next query fails, and the one after the
// server's return connects again. A connection attempt gives up after `connectTimeoutMs`, so a
// request fails promptly rather than waiting on an unreachable server.
import { Pool } from 'pg';

export const openPool = (connectionString: string, max = 10, connectTimeoutMs = 5000): Pool => {
  const pool = new Pool({ connectionString, max, connectionTimeoutMillis: connectTimeoutMs });
  pool.on('error', () => undefined);
  return pool;
};

/**
 * What `open` makes on a pool of its own (given the pool and the function that ends it, to call
 * when it is closed); the pool is ended when opening fails, so a failed start leaves no connection.
 */
export const onOwnPool = async <T>(connectionString: string, max: number, open: (pool: Pool, end: () => Promise<void>) => Promise<T>): Promise<T> => {
  const pool = openPool(connectionString, max);
  return open(pool, () => pool.end()).catch(async (error: unknown) => {
    await pool.end();
    throw error;
  });
};

export type { Pool, PoolClient } from 'pg';
