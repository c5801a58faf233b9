// One way to reach PostgreSQL (DATABASE_URL): a pg pool, opened by the adapters of the ports
// whose state several processes share (API keys, tenants, erasure keys, the webhook inbox).
import { Pool } from 'pg';

export const openPool = (connectionString: string, max = 10): Pool => new Pool({ connectionString, max });

export type { Pool, PoolClient } from 'pg';
