// The ApiKeyStore port: API keys are created for a tenant by its admin, shown once, listed
// without their hashes, revoked, and checked on every request. Adapters: sqlite/, postgres/.
import type { Instant } from '@rolebook/domain';
import type { Principal } from '../principal';
import type { Role } from '../roles';

export interface ApiKeyRecord {
  /** Public: the middle part of the key, shown in lists and logs. */
  id: string;
  tenantId: string;
  name: string;
  role: Role;
  createdAt: Instant;
  expiresAt: Instant | null;
  /** To within LAST_USE_RESOLUTION_MS (see api-key-rules). */
  lastUsedAt: Instant | null;
  revokedAt: Instant | null;
}

/** A record as an adapter stores it: never leaves the adapter. */
export interface StoredApiKey extends ApiKeyRecord {
  secretHash: Buffer;
}

export interface ApiKeyStore {
  /**
   * The plaintext is returned here once and never stored. InvalidInput on a bad name, role or
   * expiry; NotFound when the tenant was never created.
   */
  create(tenantId: string, name: string, role: Role, expiresAt: Instant | null, now: Instant): Promise<{ record: ApiKeyRecord; plaintext: string }>;
  /**
   * The key's principal, read from the store on every call so a revocation applies to the next
   * request; Unauthenticated when the key is malformed, unknown, wrong, revoked or expired.
   */
  authenticate(plaintext: string, now: Instant): Promise<Principal>;
  /** The tenant's keys, revoked and expired ones included, oldest first. */
  list(tenantId: string): Promise<ApiKeyRecord[]>;
  /** Idempotent: a revoked key keeps its first revocation time. NotFound for a key of another tenant. */
  revoke(tenantId: string, keyId: string, now: Instant): Promise<ApiKeyRecord>;
}
