// The production path as an operator takes it, with the built apps: an embedded history is
// migrated into KurrentDB (the gRPC test double here, a real server in production), the API is
// switched over with EVENT_STORE=kurrentdb and answers as before; wrong settings and an
// unreachable server stop it with a message. A KurrentDB log holding plain text is copied sealed
// into a new database (rolebook seal-kurrentdb-log).
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STREAM_PREFIX, streamName } from '@rolebook/domain';
import { KurrentDbEventStore } from '@rolebook/event-store';
import { openReadModelDb } from '@rolebook/projections';
import { eventually, KurrentDbTestDouble } from '@rolebook/event-store/testing';
import { adminKeyIn, API_READY, children, CLI, entry, gql, run, start, stop } from './support/built-app';
import { freePort } from './support/free-port';

const MIGRATE = ['migrate-to-kurrentdb'];

// what a dashboard and an auditor see: the org now, as of a past date, as known at a past date, and an entity's history
const VIEW = `{
  roles { totalCount edges { node { id name version } } }
  people { totalCount edges { node { id name title } } }
  teams { totalCount }
  past: people(asOf: "2025-02-01T00:00:00Z") { totalCount }
  unknownYet: people(knownAt: "2020-01-01T00:00:00Z") { totalCount }
  driftFindings { totalCount }
  auditLog(first: 100) { totalCount edges { node { id type entityId effectiveAt recordedAt actor } } }
}`;

describe('EVENT_STORE=kurrentdb with the built apps', () => {
  let sqliteDir: string;
  let kurrentDir: string;
  let double: KurrentDbTestDouble;

  beforeAll(async () => {
    if (!existsSync(entry('api'))) throw new Error('dist is missing: npm test builds it first (npm run build)');
    sqliteDir = mkdtempSync(join(tmpdir(), 'rolebook-sqlite-'));
    kurrentDir = mkdtempSync(join(tmpdir(), 'rolebook-kurrent-'));
    double = await KurrentDbTestDouble.start();
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await double.stop();
    rmSync(sqliteDir, { recursive: true, force: true });
    rmSync(kurrentDir, { recursive: true, force: true });
  });

  it('migrates the embedded history, then serves the same org and history from KurrentDB', async () => {
    const embedded = await start('api', { DATA_DIR: sqliteDir, PORT: '0' }, API_READY);
    const before = await gql(embedded.match[1]!, adminKeyIn(embedded.output()), VIEW);
    expect(before.errors).toBeUndefined();
    expect(before.data.people.totalCount).toBe(9);
    expect(await stop(embedded.child)).toBe('code 0');

    const kurrent = { EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: double.connectionString };
    const migration = await run(CLI, { ...kurrent, DATA_DIR: sqliteDir }, MIGRATE);
    expect(migration.code).toBe(0);
    expect(migration.output).toMatch(/\d+ copied, 0 already there, position \d+\/\d+ \(100%\)/);
    const copied = Number(/Migrated: (\d+) events copied/.exec(migration.output)![1]);
    expect(copied).toBe(before.data.auditLog.totalCount);
    // re-running copies nothing
    const again = await run(CLI, { ...kurrent, DATA_DIR: sqliteDir }, MIGRATE);
    expect(again.output).toContain(`Migrated: 0 events copied, ${copied} were already there`);

    // a fresh data directory with the people's data keys (keys.db goes with the log; or DATABASE_URL):
    // the read model is built from KurrentDB, and the demo is not loaded twice
    copyFileSync(join(sqliteDir, 'keys.db'), join(kurrentDir, 'keys.db'));
    const served = await start('api', { ...kurrent, DATA_DIR: kurrentDir, PORT: '0' }, API_READY);
    expect(served.output()).not.toContain('demo organization loaded');
    const url = served.match[1]!;
    // a fresh data directory is a new installation of its own: its first start prints its admin key
    const key = adminKeyIn(served.output());
    expect((await gql(url, key, VIEW)).data).toEqual(before.data);

    const added = await gql(
      url,
      key,
      'mutation { defineRole(input: { name: "Written to KurrentDB", purpose: "x", reason: "switch-over check" }) { version role { id } } }',
    );
    expect(added.data.defineRole.version).toBe(1);
    expect(double.log.records.filter((r) => r.stream.endsWith(`/role/${added.data.defineRole.role.id}`))).toHaveLength(1);
    expect((await gql(url, key, '{ roles { totalCount } }')).data.roles.totalCount).toBe(before.data.roles.totalCount + 1);
    expect(await stop(served.child)).toBe('code 0');
  }, 90_000);

  it("stops visibly, not retrying forever, on a read model whose checkpoint is another store's position", async () => {
    // a read model left by the embedded store: its checkpoint is an event count, not a KurrentDB log offset
    const dir = mkdtempSync(join(tmpdir(), 'rolebook-kurrent-stale-'));
    const readModel = openReadModelDb(join(dir, 'read-model.db'));
    readModel.prepare('INSERT INTO checkpoints (name, position) VALUES (?, ?)').run('org', 41);
    readModel.close();
    expect(double.log.isValidPosition(41n)).toBe(false);
    const store = new KurrentDbEventStore({ connectionString: double.connectionString, streamPrefix: STREAM_PREFIX });
    await store.append(
      streamName('default', 'role', '00000000-0000-4000-8000-0000000000d1'),
      [{ id: '00000000-0000-4000-9000-0000000000d1', type: 'Probe', data: {}, metadata: {} }],
      'no_stream',
    );
    await store.close();
    const started = Date.now();
    const outcome = start('api', { DATA_DIR: dir, PORT: '0', EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: double.connectionString }, /never/);
    await expect(outcome).rejects.toThrow(
      /exited with 1[\s\S]*projection stopped[\s\S]*Rolebook did not start: SubscriptionRefused: KurrentDB refused the subscription to \$all for good \(INVALID_POSITION\): the checkpoint is not a position of this log/,
    );
    expect(Date.now() - started).toBeLessThan(60_000); // not the 120 s catch-up wait, let alone a retry loop
    rmSync(dir, { recursive: true, force: true });
  }, 90_000);

  it('answers commands with a retryable error while KurrentDB restarts, then takes the same request and catches up', async () => {
    const restarting = await KurrentDbTestDouble.start();
    const dir = mkdtempSync(join(tmpdir(), 'rolebook-kurrent-restart-'));
    const api = await start('api', { DATA_DIR: dir, PORT: '0', EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: restarting.connectionString }, API_READY);
    const url = api.match[1]!;
    const key = adminKeyIn(api.output());
    const define = 'mutation { defineRole(input: { name: "Defined across a restart", purpose: "x", idempotencyKey: "restart-1" }) { version changed } }';

    await restarting.stop();
    const refused = await gql(url, key, define);
    expect(refused.errors).toEqual([
      expect.objectContaining({
        message: 'The event store is unavailable; retry shortly',
        extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'EVENT_STORE_UNAVAILABLE', retryable: true },
      }),
    ]);
    const health = `${url.replace(/\/graphql$/, '')}/health/ready`;
    expect((await fetch(health)).status).toBe(503);

    await restarting.start();
    await eventually(async () => expect((await gql(url, key, define)).data?.defineRole).toEqual({ version: 1, changed: true }), 20_000);
    // the same request again is a no-op; the projection resumed from its checkpoint and sees it
    expect((await gql(url, key, define)).data.defineRole).toEqual({ version: 1, changed: false });
    await eventually(async () => expect((await fetch(health)).status).toBe(200), 20_000);
    const roles = await gql(url, key, '{ roles { edges { node { name } } } }');
    expect(roles.data.roles.edges.filter((e: { node: { name: string } }) => e.node.name === 'Defined across a restart')).toHaveLength(1);
    expect(await stop(api.child)).toBe('code 0');
    await restarting.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 90_000);

  it('refuses to start on a missing, contradictory or unknown store setting, naming it', async () => {
    const refused = (env: Record<string, string>) => start('api', { DATA_DIR: kurrentDir, PORT: '0', ...env }, /never/);
    await expect(refused({ EVENT_STORE: 'kurrentdb' })).rejects.toThrow(
      /exited with 1[\s\S]*KURRENTDB_CONNECTION_STRING: is required when EVENT_STORE=kurrentdb/,
    );
    await expect(refused({ KURRENTDB_CONNECTION_STRING: double.connectionString })).rejects.toThrow(/exited with 1[\s\S]*EVENT_STORE: is sqlite/);
    await expect(refused({ EVENT_STORE: 'postgres' })).rejects.toThrow(/exited with 1[\s\S]*EVENT_STORE/);
    await expect(refused({ EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: 'http://127.0.0.1:2113' })).rejects.toThrow(
      /exited with 1[\s\S]*KURRENTDB_CONNECTION_STRING: must start with kurrentdb:\/\//,
    );
  }, 120_000); // four processes started one after the other, on a machine busy with other suites

  it('refuses to start when the KurrentDB server cannot be reached, rather than falling back', async () => {
    const nobody = `kurrentdb://127.0.0.1:${await freePort()}?tls=false`;
    const outcome = start('api', { DATA_DIR: kurrentDir, PORT: '0', EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: nobody }, /never/);
    await expect(outcome).rejects.toThrow(
      /exited with 1[\s\S]*Rolebook did not start: EventStoreUnreachable: The event store \(EVENT_STORE=kurrentdb\) cannot be reached/,
    );
  }, 30_000);
});

describe('rolebook seal-kurrentdb-log with the built CLI', () => {
  const person = '00000000-0000-4000-8000-0000000000c1';
  const PLAINTEXT = ['Dana Scully', 'dana@example.org', 'hired Dana'];
  let dir: string;
  let source: KurrentDbTestDouble;
  let target: KurrentDbTestDouble;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rolebook-kdb-seal-'));
    [source, target] = await Promise.all([KurrentDbTestDouble.start(), KurrentDbTestDouble.start()]);
    // a log written before sealing existed
    const store = new KurrentDbEventStore({ connectionString: source.connectionString, streamPrefix: STREAM_PREFIX });
    const metadata = { tenantId: 'default', actor: 'hr-1', correlationId: 'c', causationId: null, source: 'api', effectiveAt: '2025-01-01T00:00:00.000Z' };
    await store.append(
      streamName('default', 'person', person),
      [
        {
          id: '00000000-0000-4000-9000-0000000000c1',
          type: 'PersonRegistered.v1',
          data: { personId: person, name: 'Dana Scully', email: 'dana@example.org', title: 'Agent' },
          metadata: { ...metadata, reason: 'hired Dana', idempotencyKey: null, requestHash: null },
        },
      ],
      'no_stream',
    );
    await store.close();
  });
  afterAll(async () => {
    await Promise.all([source.stop(), target.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const env = () => ({ DATA_DIR: dir, LOG_LEVEL: 'silent', EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: source.connectionString });
  const raw = (double: KurrentDbTestDouble) =>
    double.log.records
      .filter((r) => r.stream.startsWith(STREAM_PREFIX))
      .map((r) => Buffer.from(r.data).toString() + Buffer.from(r.metadata).toString())
      .join('');

  it('copies the log into the new database sealed, resumably, and the service reads the copy', async () => {
    const sealed = await run(CLI, env(), ['seal-kurrentdb-log', '--to', target.connectionString]);
    expect(sealed).toMatchObject({ code: 0, stderr: '' });
    expect(sealed.stdout).toMatch(/1 copied, 0 already there, 0 of erased people as placeholders, position \d+\/\d+ \(100%\)/);
    expect(sealed.stdout).toContain('Sealed copy: 1 events copied, 0 were already there');
    expect(sealed.output).not.toContain(target.connectionString);
    expect(raw(source)).toContain('Dana Scully');
    for (const text of PLAINTEXT) expect(raw(target)).not.toContain(text);

    const again = await run(CLI, env(), ['seal-kurrentdb-log', '--to', target.connectionString]);
    expect(again.stdout).toContain('Sealed copy: 0 events copied, 1 were already there');

    // the service's read path on the new database, with the same keys
    const rebuilt = await run(CLI, { ...env(), KURRENTDB_CONNECTION_STRING: target.connectionString }, ['rebuild']);
    expect(rebuilt).toMatchObject({ code: 0, stderr: '' });
    expect(rebuilt.stdout).toContain('Rebuilt read-model: 1 events');
  }, 60_000);

  it("refuses the source as its target, and a bad or missing --to, with the CLI's exit codes", async () => {
    const same = await run(CLI, env(), ['seal-kurrentdb-log', '--to', source.connectionString]);
    expect(same).toMatchObject({ code: 2, stdout: '' });
    expect(same.stderr).toMatch(/^error: --to is KURRENTDB_CONNECTION_STRING/);
    const renamed = await run(CLI, env(), ['seal-kurrentdb-log', '--to', `${source.connectionString}&nodePreference=leader`]);
    expect(renamed.code).toBe(1);
    expect(renamed.stderr).toMatch(/^error: The target is the source database itself/);
    const bad = await run(CLI, env(), ['seal-kurrentdb-log', '--to', 'http://127.0.0.1:2113']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/'--to <connection string>' argument 'http:\/\/127.0.0.1:2113' is invalid/);
    expect((await run(CLI, env(), ['seal-kurrentdb-log'])).code).toBe(2);
    const embedded = await run(CLI, { DATA_DIR: dir, LOG_LEVEL: 'silent' }, ['seal-kurrentdb-log', '--to', target.connectionString]);
    expect(embedded).toMatchObject({ code: 1 });
    expect(embedded.stderr).toMatch(/^error: Set EVENT_STORE=kurrentdb and KURRENTDB_CONNECTION_STRING/);
  }, 60_000);
});
