// The two stores an installation's access control reads, opened together because API keys
// reference tenants (a key for a tenant never created cannot exist).
import type { ApiKeyStore } from './api-keys/api-key-store';
import type { TenantStore } from './tenants/tenant-store';

export interface AccessStores {
  tenants: TenantStore;
  apiKeys: ApiKeyStore;
}

export interface AccessStoreOptions {
  /** The per-installation secret API key hashes are keyed with (see KeyHasher); ≥ 32 characters. */
  keyHashingSecret: string;
}
