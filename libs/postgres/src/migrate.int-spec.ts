import type { PoolClient } from 'pg';
import { migrate } from './migrate';
import { describeWithPostgres, scratchDatabase } from './testing/database';

describeWithPostgres('migrate (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  beforeEach(async () => {
    db = await scratchDatabase();
  });
  afterEach(() => db.drop());

  const migrations = [
    { name: '001-a', up: async (c: PoolClient) => void (await c.query('CREATE TABLE a (id int PRIMARY KEY)')) },
    { name: '002-b', up: async (c: PoolClient) => void (await c.query('CREATE TABLE b (id int PRIMARY KEY)')) },
  ];

  it('applies each migration once, even when processes start together', async () => {
    const results = await Promise.all([migrate(db.pool, 'demo', migrations), migrate(db.pool, 'demo', migrations), migrate(db.pool, 'demo', migrations)]);
    expect(results.flat().sort()).toEqual(['001-a', '002-b']);
    expect(await migrate(db.pool, 'demo', migrations)).toEqual([]);
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM b');
    expect(rows[0].n).toBe(0);
  });

  it('lets components migrate at once on a new database', async () => {
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((component) => migrate(db.pool, component, [{ name: '001', up: async () => undefined }])));
    expect(results).toEqual([['001'], ['001'], ['001'], ['001']]);
  });

  it('rolls a failed migration back and applies it on the next start', async () => {
    const failing = [...migrations, { name: '003-c', up: async (c: PoolClient) => void (await c.query('CREATE TABLE c (id int); SELECT 1/0')) }];
    await expect(migrate(db.pool, 'demo', failing)).rejects.toThrow();
    const { rows } = await db.pool.query("SELECT to_regclass('c') AS c");
    expect(rows[0].c).toBeNull();
    expect(await migrate(db.pool, 'demo', [...migrations, { name: '003-c', up: async (c) => void (await c.query('CREATE TABLE c (id int)')) }])).toEqual([
      '003-c',
    ]);
  });
});
