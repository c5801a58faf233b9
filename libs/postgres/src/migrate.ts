// Versioned schema migrations with umzug, one component (a port's adapter) at a time, applied at
// start under a PostgreSQL advisory lock so that several processes starting together apply each
// migration once. Applied migrations are recorded per component in rolebook_migrations.
import type { Pool, PoolClient } from 'pg';
import { Umzug, type UmzugStorage } from 'umzug';

export interface Migration {
  /** Sortable and never renamed once released, e.g. '001-api-keys'. */
  name: string;
  up: (client: PoolClient) => Promise<void>;
}

const storage = (client: PoolClient, component: string): UmzugStorage => ({
  executed: async () =>
    (await client.query<{ name: string }>('SELECT name FROM rolebook_migrations WHERE component = $1 ORDER BY name', [component])).rows.map((r) => r.name),
  logMigration: async ({ name }) => {
    await client.query('INSERT INTO rolebook_migrations (component, name) VALUES ($1, $2)', [component, name]);
  },
  unlogMigration: async ({ name }) => {
    await client.query('DELETE FROM rolebook_migrations WHERE component = $1 AND name = $2', [component, name]);
  },
});

/** Applies the component's pending migrations, each in its own transaction; answers the names applied. */
export const migrate = async (pool: Pool, component: string, migrations: readonly Migration[]): Promise<string[]> => {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`rolebook:migrate:${component}`]);
    // the table every component records in: made under a lock of its own, as components migrate at once
    await client.query('BEGIN');
    try {
      await client.query("SELECT pg_advisory_xact_lock(hashtext('rolebook:migrate'))");
      await client.query(`CREATE TABLE IF NOT EXISTS rolebook_migrations (
        component text NOT NULL, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (component, name))`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
    const umzug = new Umzug({
      migrations: migrations.map((m) => ({
        name: m.name,
        up: async () => {
          await client.query('BEGIN');
          try {
            await m.up(client);
            await client.query('COMMIT');
          } catch (error) {
            await client.query('ROLLBACK');
            throw error;
          }
        },
      })),
      storage: storage(client, component),
      logger: undefined,
    });
    return (await umzug.up()).map((m) => m.name);
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`rolebook:migrate:${component}`]).catch(() => undefined);
    client.release();
  }
};
