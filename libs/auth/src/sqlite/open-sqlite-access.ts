import type { AccessStoreOptions, AccessStores } from '../access-stores';
import { KeyHasher } from '../api-keys/key-hasher';
import { openAccessDb } from './access-db';
import { SqliteApiKeyStore } from './sqlite-api-key-store';
import { SqliteTenantStore } from './sqlite-tenant-store';

/** The access stores on an SQLite file (created and migrated as needed); close() releases it. */
export const openSqliteAccess = (filename: string, options: AccessStoreOptions): AccessStores & { close(): void } => {
  const hasher = new KeyHasher(options.keyHashingSecret);
  const db = openAccessDb(filename);
  return {
    tenants: new SqliteTenantStore(db),
    apiKeys: new SqliteApiKeyStore(db, hasher),
    close: () => {
      if (db.open) db.close();
    },
  };
};
