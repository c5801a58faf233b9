// ApiKeyStore on the embedded access database.
import type Database from 'better-sqlite3';
import type { Instant } from '@rolebook/domain';
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
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

const toStored = (r: Row): StoredApiKey => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  role: r.role,
  secretHash: r.secret_hash,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

const isForeignKeyViolation = (error: unknown): boolean => (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY';

export class SqliteApiKeyStore implements ApiKeyStore {
  private readonly statements;

  constructor(
    db: Database.Database,
    private readonly hasher: KeyHasher,
  ) {
    this.statements = {
      insert: db.prepare(
        `INSERT INTO api_keys (id, tenant_id, name, role, secret_hash, created_at, expires_at)
         VALUES (@id, @tenantId, @name, @role, @secretHash, @createdAt, @expiresAt)`,
      ),
      get: db.prepare<[string], Row>('SELECT * FROM api_keys WHERE id = ?'),
      list: db.prepare<[string], Row>('SELECT * FROM api_keys WHERE tenant_id = ? ORDER BY created_at, id'),
      revoke: db.prepare<[string, string, string], Row>('UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE tenant_id = ? AND id = ? RETURNING *'),
      touch: db.prepare<[string, string, string]>('UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)'),
    };
  }

  async create(tenantId: string, name: string, role: Role, expiresAt: Instant | null, now: Instant): Promise<{ record: ApiKeyRecord; plaintext: string }> {
    const { stored, plaintext } = issueApiKey(this.hasher, tenantId, name, role, expiresAt, now);
    try {
      this.statements.insert.run({
        id: stored.id,
        tenantId,
        name: stored.name,
        role: stored.role,
        secretHash: stored.secretHash,
        createdAt: now,
        expiresAt: stored.expiresAt,
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) throw tenantNotFound();
      throw error;
    }
    return { record: withoutHash(stored), plaintext };
  }

  async authenticate(plaintext: string, now: Instant): Promise<Principal> {
    const key = await checkApiKey(this.hasher, plaintext, now, async (id) => {
      const row = this.statements.get.get(id);
      return row ? toStored(row) : null;
    });
    if (lastUseDue(key, now)) this.statements.touch.run(now, key.id, lastUseStaleBefore(now));
    return principalOf(key);
  }

  async list(tenantId: string): Promise<ApiKeyRecord[]> {
    return this.statements.list.all(tenantId).map((r) => withoutHash(toStored(r)));
  }

  async revoke(tenantId: string, keyId: string, now: Instant): Promise<ApiKeyRecord> {
    const row = this.statements.revoke.get(now, tenantId, keyId);
    if (!row) throw keyNotFound();
    return withoutHash(toStored(row));
  }
}
