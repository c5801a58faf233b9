// Opens the store of the people's data keys (never the event log): a table in PostgreSQL when
// DATABASE_URL is set (shared by every host), else DATA_DIR/keys.db beside the embedded files.
import type { Config } from '@rolebook/config';
import { PostgresDataKeyStore, SqliteDataKeyStore, type DataKeyStore } from '@rolebook/privacy';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const keysFile = (config: Config): string => join(config.DATA_DIR, 'keys.db');

export const openDataKeyStore = async (config: Config): Promise<DataKeyStore> => {
  if (config.DATABASE_URL) return PostgresDataKeyStore.open(config.DATABASE_URL);
  mkdirSync(config.DATA_DIR, { recursive: true });
  return new SqliteDataKeyStore(keysFile(config));
};
