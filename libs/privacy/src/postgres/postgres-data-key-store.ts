// The DataKeyStore several hosts share: a table in PostgreSQL (DATABASE_URL), through the one
// pool opener and the versioned migrations of @rolebook/postgres.
//
// Erasure sets the key column to NULL. PostgreSQL keeps the old row version until VACUUM reclaims
// it, and the key bytes stay in the WAL until its segments are recycled and in base backups and
// WAL archives until they expire; none of that is reachable through SQL. The promise here is that
// no query, replica or restore made after the erasure's backup window answers the key: keep WAL
// archives and backups of this database no longer than the time erasure is promised in.
import { migrate, openPool, type Migration, type Pool } from '@rolebook/postgres';
import { DataKey } from '../data-key';
import { keysOneByOne, type DataKeyStore } from '../data-key-store';
import { SubjectErased } from '../errors';

const MIGRATIONS: readonly Migration[] = [
  {
    name: '001-data-keys',
    up: async (client) => {
      await client.query(`CREATE TABLE privacy_data_keys (
        tenant_id text NOT NULL,
        subject_id text NOT NULL,
        key_id text,
        -- NULL once erased; the row stays as the tombstone
        key bytea CHECK (key IS NULL OR octet_length(key) = 32),
        created_at timestamptz NOT NULL DEFAULT now(),
        erased_at timestamptz,
        PRIMARY KEY (tenant_id, subject_id),
        CHECK ((key IS NULL) = (erased_at IS NOT NULL)),
        CHECK (key IS NULL OR key_id IS NOT NULL))`);
    },
  },
];

interface Row {
  key_id: string | null;
  key: Buffer | null;
}

export class PostgresDataKeyStore implements DataKeyStore {
  private constructor(private readonly pool: Pool) {}

  /** Opens a pool of its own and applies the pending migrations (once, even when processes start together). */
  static async open(connectionString: string): Promise<PostgresDataKeyStore> {
    const pool = openPool(connectionString);
    try {
      await migrate(pool, 'privacy-data-keys', MIGRATIONS);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresDataKeyStore(pool);
  }

  async keyFor(tenantId: string, subjectId: string): Promise<DataKey> {
    let row = await this.row(tenantId, subjectId);
    if (!row) {
      // Two statements, each its own READ COMMITTED transaction: a racing insert waits for the
      // first to commit and does nothing, and the SELECT after it sees the key stored first.
      const candidate = DataKey.generate();
      await this.pool.query('INSERT INTO privacy_data_keys (tenant_id, subject_id, key_id, key) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
        tenantId,
        subjectId,
        candidate.id,
        candidate.material,
      ]);
      row = (await this.row(tenantId, subjectId))!;
    }
    if (row.key === null) throw new SubjectErased(tenantId, subjectId);
    return new DataKey(row.key_id!, row.key);
  }

  keysFor(tenantId: string, subjectIds: readonly string[]): Promise<Map<string, DataKey | 'erased'>> {
    return keysOneByOne(this, tenantId, subjectIds);
  }

  async find(tenantId: string, subjectId: string): Promise<DataKey | 'erased' | null> {
    const row = await this.row(tenantId, subjectId);
    if (!row) return null;
    return row.key === null ? 'erased' : new DataKey(row.key_id!, row.key);
  }

  async destroy(tenantId: string, subjectId: string, now: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO privacy_data_keys (tenant_id, subject_id, key_id, key, erased_at) VALUES ($1, $2, NULL, NULL, $3)
       ON CONFLICT (tenant_id, subject_id) DO UPDATE SET key = NULL, erased_at = excluded.erased_at WHERE privacy_data_keys.erased_at IS NULL`,
      [tenantId, subjectId, now],
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async row(tenantId: string, subjectId: string): Promise<Row | undefined> {
    return (await this.pool.query<Row>('SELECT key_id, key FROM privacy_data_keys WHERE tenant_id = $1 AND subject_id = $2', [tenantId, subjectId])).rows[0];
  }
}
