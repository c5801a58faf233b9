// ApiKeyStore on PostgreSQL, shared by every replica. Each write is a single statement (the
// tenant's existence checked by a foreign key, revocation and last use by conditional UPDATEs),
// so racing replicas need no explicit transaction: a revocation keeps its first time, and a
// last use is written at most once per resolution window.
import type { Instant } from '@rolebook/domain';
import type { Pool } from '@rolebook/postgres';
import type { Principal } from '../principal';
import type { Role } from '../roles';
import type { ApiKeyRecord, ApiKeyStore, StoredApiKey } from '../api-keys/api-key-store';
import { checkApiKey, issueApiKey, keyNotFound, lastUseDue, lastUseStaleBefore, principalOf, tenantNotFound, withoutHash } from '../api-keys/api-key-rules';
import type { KeyHasher } from '../api-keys/key-hasher';

interface Row {
  id: string;
  tenant_id: string;
  name: string;
  role: Role;
  secret_hash: Buffer;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const instant = (d: Date | null): Instant | null => (d === null ? null : d.toISOString());

const toStored = (r: Row): StoredApiKey => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  role: r.role,
  secretHash: r.secret_hash,
  createdAt: r.created_at.toISOString(),
  expiresAt: instant(r.expires_at),
  lastUsedAt: instant(r.last_used_at),
  revokedAt: instant(r.revoked_at),
});

const FOREIGN_KEY_VIOLATION = '23503';

export class PostgresApiKeyStore implements ApiKeyStore {
  constructor(
    private readonly pool: Pool,
    private readonly hasher: KeyHasher,
  ) {}

  async create(tenantId: string, name: string, role: Role, expiresAt: Instant | null, now: Instant): Promise<{ record: ApiKeyRecord; plaintext: string }> {
    const { stored, plaintext } = issueApiKey(this.hasher, tenantId, name, role, expiresAt, now);
    try {
      await this.pool.query(`INSERT INTO auth_api_keys (id, tenant_id, name, role, secret_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        stored.id,
        tenantId,
        stored.name,
        stored.role,
        stored.secretHash,
        now,
        stored.expiresAt,
      ]);
    } catch (error) {
      if ((error as { code?: unknown }).code === FOREIGN_KEY_VIOLATION) throw tenantNotFound();
      throw error;
    }
    return { record: withoutHash(stored), plaintext };
  }

  async authenticate(plaintext: string, now: Instant): Promise<Principal> {
    const key = await checkApiKey(this.hasher, plaintext, now, async (id) => {
      const { rows } = await this.pool.query<Row>('SELECT * FROM auth_api_keys WHERE id = $1', [id]);
      return rows[0] ? toStored(rows[0]) : null;
    });
    if (lastUseDue(key, now))
      await this.pool.query('UPDATE auth_api_keys SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at <= $3)', [
        now,
        key.id,
        lastUseStaleBefore(now),
      ]);
    return principalOf(key);
  }

  async list(tenantId: string): Promise<ApiKeyRecord[]> {
    const { rows } = await this.pool.query<Row>('SELECT * FROM auth_api_keys WHERE tenant_id = $1 ORDER BY created_at, id', [tenantId]);
    return rows.map((r) => withoutHash(toStored(r)));
  }

  async revoke(tenantId: string, keyId: string, now: Instant): Promise<ApiKeyRecord> {
    const { rows } = await this.pool.query<Row>('UPDATE auth_api_keys SET revoked_at = COALESCE(revoked_at, $1) WHERE tenant_id = $2 AND id = $3 RETURNING *', [
      now,
      tenantId,
      keyId,
    ]);
    if (!rows[0]) throw keyNotFound();
    return withoutHash(toStored(rows[0]));
  }
}
