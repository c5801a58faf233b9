// rolebook move-to-postgres through the built command line: an embedded installation's tenants,
// API keys, erasure keys, HRIS deliveries and sync runs are copied into PostgreSQL as they were
// (a copied key still authenticates, a delivery reads the same through the PostgreSQL inbox); a
// second run copies nothing and says so; a target holding another installation's rows, or a wrong
// INSTALLATION_SECRET, is refused with nothing copied.
import { openPostgresAccess, openSqliteAccess } from '@rolebook/auth';
import { PostgresDeliveryInbox, PostgresSyncRunStore, SqliteDeliveryInbox, SqliteSyncRunStore, type Delivery } from '@rolebook/hris';
import { describeWithPostgres, scratchDatabase } from '@rolebook/postgres/testing';
import { PostgresDataKeyStore, SqliteDataKeyStore } from '@rolebook/privacy';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, run } from './support/built-app';

const NOW = '2026-03-01T10:00:00.000Z';

/** An embedded installation under a new DATA_DIR: its secret, a tenant and key, erasure keys, deliveries, a sync run. */
const embedded = async (tenant: string, secret: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'rolebook-move-'));
  writeFileSync(join(dir, 'installation-secret'), secret, { mode: 0o600 });
  const access = openSqliteAccess(join(dir, 'access.db'), { keyHashingSecret: secret });
  await access.tenants.create(tenant, NOW);
  const { plaintext } = await access.apiKeys.create(tenant, 'ops', 'admin', null, NOW);
  access.close();
  const keys = new SqliteDataKeyStore(join(dir, 'keys.db'));
  const kept = await keys.keyFor(tenant, 'p-1');
  await keys.keyFor(tenant, 'p-2');
  await keys.destroy(tenant, 'p-2', NOW);
  await keys.close();
  const inbox = new SqliteDeliveryInbox(join(dir, 'webhooks.db'));
  const record = async (id: string) =>
    (await inbox.record({
      tenantId: tenant,
      provider: 'standard',
      deliveryId: `${tenant}-${id}`,
      body: Buffer.from(`{"n":"${tenant}-${id}"}`),
      receivedAt: NOW,
    }))!;
  const processed = await record('d-1');
  await inbox.processed(processed.seq, ['registered p-1']);
  await record('d-2');
  const deliveries = [(await inbox.get(processed.seq))!, (await inbox.get(processed.seq + 1))!];
  await inbox.close();
  const runs = new SqliteSyncRunStore(join(dir, 'webhooks.db'));
  await runs.enqueue({ id: `${tenant}-run`, tenantId: tenant, provider: 'merge', dryRun: true, startedBy: 'key:ops', queuedAt: NOW });
  const run = await runs.succeed(`${tenant}-run`, NOW, { created: 1, updated: 0, terminated: 0, unchanged: 0, failed: 0 }, []);
  await runs.close();
  return { dir, plaintext, kept, deliveries, run };
};

describeWithPostgres('rolebook move-to-postgres', () => {
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  const dirs: string[] = [];
  beforeEach(async () => (db = await scratchDatabase()));
  afterEach(async () => {
    await db.drop();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const move = (dir: string, secret: string, url = db.url) =>
    run(CLI, { DATA_DIR: dir, DATABASE_URL: url, INSTALLATION_SECRET: secret, LOG_LEVEL: 'silent' }, ['move-to-postgres']);
  const count = async (table: string) => (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

  it('copies the shared state as it was, once', async () => {
    const secret = randomBytes(32).toString('base64url');
    const source = await embedded('acme', secret);
    dirs.push(source.dir);

    const first = await move(source.dir, secret);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toContain('tenants: 1 copied, 0 already there');
    expect(first.stdout).toContain('API keys: 1 copied');
    expect(first.stdout).toContain('erasure keys: 2 copied');
    expect(first.stdout).toContain('webhook deliveries: 2 copied');
    expect(first.stdout).toContain('HRIS sync runs: 1 copied');

    const access = await openPostgresAccess(db.pool, { keyHashingSecret: secret });
    expect(await access.apiKeys.authenticate(source.plaintext, NOW)).toMatchObject({ tenantId: 'acme', role: 'admin' });
    const inbox = await PostgresDeliveryInbox.open(db.pool);
    for (const d of source.deliveries) expect(await inbox.get(d.seq)).toEqual<Delivery>(d);
    // a delivery recorded after the move is numbered after the copied ones, and a copied one's redelivery is recognised
    const next = await inbox.record({ tenantId: 'acme', provider: 'standard', deliveryId: 'after', body: Buffer.from('{"after":1}'), receivedAt: NOW });
    expect(next!.seq).toBe(source.deliveries[1]!.seq + 1);
    expect(await inbox.record({ ...source.deliveries[0]!, deliveryId: 'again' })).toBeNull();
    expect(await (await PostgresSyncRunStore.open(db.pool)).get(source.run.id)).toEqual(source.run);
    const keys = await PostgresDataKeyStore.open(db.url);
    expect(await keys.find('acme', 'p-1')).toEqual(source.kept);
    expect(await keys.find('acme', 'p-2')).toBe('erased');
    await keys.close();

    const second = await move(source.dir, secret);
    expect(second).toMatchObject({ code: 0 });
    expect(second.stdout).toContain('Nothing to copy');
    expect(second.stdout).toContain('webhook deliveries: 0 copied, 2 already there');
    expect(await count('hris_webhook_deliveries')).toBe(3);
  }, 60_000);

  it("refuses another installation's target, and a wrong INSTALLATION_SECRET, copying nothing", async () => {
    const secret = randomBytes(32).toString('base64url');
    const mine = await embedded('acme', secret);
    const theirs = await embedded('globex', secret);
    dirs.push(mine.dir, theirs.dir);
    expect(await move(mine.dir, secret)).toMatchObject({ code: 0 });

    // globex's deliveries and sync run carry the numbers acme's already hold
    const refused = await move(theirs.dir, secret);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Refused: .*2 webhook deliveries, 1 HRIS sync runs.*Nothing was copied/);
    expect(await count('auth_tenants')).toBe(1);
    expect(await count('privacy_data_keys')).toBe(2);

    const wrongSecret = await move(mine.dir, randomBytes(32).toString('base64url'));
    expect(wrongSecret.code).toBe(1);
    expect(wrongSecret.stderr).toContain('INSTALLATION_SECRET is not the secret of this installation');
  }, 60_000);

  it('explains itself with --help, and refuses without DATABASE_URL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rolebook-move-'));
    dirs.push(dir);
    const help = await run(CLI, { DATA_DIR: dir }, ['move-to-postgres', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('INSTALLATION_SECRET');
    const unset = await run(CLI, { DATA_DIR: dir, LOG_LEVEL: 'silent' }, ['move-to-postgres']);
    expect(unset.code).toBe(1);
    expect(unset.stderr).toContain('Set DATABASE_URL');
    expect(existsSync(join(dir, 'access.db'))).toBe(false);
  }, 30_000);
});
