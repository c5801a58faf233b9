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

export type { Pool, PoolClient } from 'pg';
