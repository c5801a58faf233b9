import { describeWithPostgres, scratchDatabase } from '@rolebook/postgres/testing';
import { testDataKeyStore } from '../testing/data-key-store.contract';
import { PostgresDataKeyStore } from './postgres-data-key-store';

describeWithPostgres('PostgresDataKeyStore', () => {
  testDataKeyStore('postgres', async () => {
    const db = await scratchDatabase();
    return { connect: () => PostgresDataKeyStore.open(db.url), dispose: () => db.drop() };
  });

  it('keeps no key bytes in the table once a key is destroyed', async () => {
    const db = await scratchDatabase();
    const store = await PostgresDataKeyStore.open(db.url);
    const doomed = await store.keyFor('t1', 'p1');
    await store.keyFor('t1', 'p2');
    const holding = async () =>
      (await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM privacy_data_keys WHERE key = $1', [doomed.material])).rows[0]!.n;
    expect(await holding()).toBe(1);
    await store.destroy('t1', 'p1', '2026-05-01T00:00:00.000Z');
    expect(await holding()).toBe(0);
    const { rows } = await db.pool.query('SELECT subject_id, key IS NULL AS erased, erased_at FROM privacy_data_keys ORDER BY subject_id');
    expect(rows).toEqual([
      { subject_id: 'p1', erased: true, erased_at: new Date('2026-05-01T00:00:00.000Z') },
      { subject_id: 'p2', erased: false, erased_at: null },
    ]);
    await store.close();
    await db.drop();
  });
});
