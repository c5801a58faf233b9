import { openPool } from '@rolebook/postgres';
import { describeWithPostgres, scratchDatabase } from '@rolebook/postgres/testing';
import { testDeliveryInbox } from '../testing/delivery-inbox.contract';
import { PostgresDeliveryInbox } from './postgres-delivery-inbox';

describeWithPostgres('PostgresDeliveryInbox', () => {
  // each handle a pool of its own on the same schema, as another replica would have
  testDeliveryInbox('PostgreSQL', async () => {
    const db = await scratchDatabase();
    return {
      open: async () => {
        const pool = openPool(db.url, 3);
        return PostgresDeliveryInbox.open(pool, () => pool.end());
      },
      dispose: () => db.drop(),
    };
  });
});
