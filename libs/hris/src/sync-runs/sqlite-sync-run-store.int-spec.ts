import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testSyncRunStore } from '../testing/sync-run-store.contract';
import { SqliteSyncRunStore } from './sqlite-sync-run-store';

testSyncRunStore('SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rolebook-sync-runs-'));
  const store = new SqliteSyncRunStore(join(dir, 'webhooks.db'));
  return Promise.resolve({
    store,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
});
