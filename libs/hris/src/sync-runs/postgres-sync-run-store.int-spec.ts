import { describeWithPostgres, scratchDatabase } from '@rolebook/postgres/testing';
import { testSyncRunStore } from '../testing/sync-run-store.contract';
import { PostgresSyncRunStore } from './postgres-sync-run-store';

describeWithPostgres('PostgresSyncRunStore', () => {
  testSyncRunStore('PostgreSQL', async () => {
    const db = await scratchDatabase();
    return { store: await PostgresSyncRunStore.open(db.pool), dispose: () => db.drop() };
  });
});
