// The built `rolebook` command line as an operator runs it, on the stores the API then reads: a
// tenant and a key made by the CLI authenticate against the API, the key's revocation by the CLI
// refuses the next request; help, usage errors (2) and not found (3); the same on PostgreSQL.
import { describeWithPostgres, scratchDatabase } from '@rolebook/postgres/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi, type TestApi } from './support/api';
import { CLI, run } from './support/built-app';

const KEY = /^rbk_([0-9a-f]{24})_([A-Za-z0-9_-]{43})$/;
const ROLES_QUERY = '{ roles { totalCount } }';

const rolebook = (env: Record<string, string>, ...args: string[]) => run(CLI, { LOG_LEVEL: 'silent', ...env }, args);

/** Nothing an operator should not see: no stack trace. */
const noStack = (output: string) => expect(output).not.toMatch(/\n\s+at /);

/** Tenant, key, list, use, revoke, refused: the whole life of a key made by the CLI, on the stores `env` names. */
const keyLifecycle = async (env: Record<string, string>, startOn: () => Promise<TestApi>) => {
  const created = await rolebook(env, 'tenants', 'create', 'acme');
  expect(created).toMatchObject({ code: 0, stdout: 'Created tenant acme\n' });
  // a first use of an embedded DATA_DIR says so (a DATA_DIR that is not the service's would get stores of its own)
  if (env.DATABASE_URL) expect(created.stderr).toBe('');
  else expect(created.stderr).toMatch(/^note: there was no access store at .*access\.db: a new one was created/);
  const again = await rolebook(env, 'tenants', 'create', 'acme');
  expect(again).toMatchObject({ code: 0, stderr: '' });
  expect(again.stdout).toMatch(/^Tenant acme exists already/);
  expect((await rolebook(env, 'tenants', 'list')).stdout).toMatch(/^SLUG +CREATED\nacme +\d{4}-/);

  const issued = await rolebook(env, 'keys', 'create', '--tenant', 'acme', '--name', 'ci-bot', '--role', 'editor', '--expires', '2099-01-01');
  expect(issued.code).toBe(0);
  // the key alone on stdout (KEY=$(rolebook keys create ...)), the notice beside it on stderr
  const key = issued.stdout.trim();
  const [, keyId, secret] = KEY.exec(key)!;
  expect(issued.stderr).toContain(`Created API key ${keyId} (editor) for tenant acme, expiring 2099-01-01T00:00:00.000Z`);
  expect(issued.stderr).toContain('shown this once');

  const listed = await rolebook(env, 'keys', 'list', '--tenant', 'acme');
  expect(listed.code).toBe(0);
  const [header, row, ...rest] = listed.stdout.trim().split('\n');
  expect(header!.split(/ {2,}/)).toEqual(['ID', 'NAME', 'ROLE', 'CREATED', 'EXPIRES', 'LAST USED', 'REVOKED']);
  expect(row!.split(/ {2,}/)).toEqual([keyId, 'ci-bot', 'editor', expect.stringMatching(/^\d{4}-/), '2099-01-01T00:00:00.000Z', '-', '-']);
  expect(rest).toEqual([]);
  expect(listed.output).not.toContain(secret);
  expect(listed.output).not.toContain('rbk_');

  const api = await startOn();
  try {
    const bearer = { authorization: `Bearer ${key}` };
    const ok = await api.gql(ROLES_QUERY, undefined, bearer);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.roles.totalCount).toBe(0);
    // the key acts in its own tenant, as an editor
    const defined = await api.gql('mutation { defineRole(input: { name: "Product Manager", purpose: "Owns outcomes" }) { changed } }', undefined, bearer);
    expect(defined.errors).toBeUndefined();
    expect((await api.gql(ROLES_QUERY)).data.roles.totalCount).toBe(0); // the default tenant saw nothing
    expect((await rolebook(env, 'keys', 'list', '--tenant', 'acme')).stdout.split('\n')[1]!.split(/ {2,}/)[5]).toMatch(/^\d{4}-/); // last used

    const revoked = await rolebook(env, 'keys', 'revoke', '--tenant', 'acme', keyId!);
    expect(revoked).toMatchObject({ code: 0, stdout: `Revoked API key ${keyId}\n` });
    const refused = await api.gql(ROLES_QUERY, undefined, bearer);
    expect(refused.status).toBe(401);
    expect(refused.errors).toEqual([{ message: 'Authentication required', extensions: { code: 'UNAUTHENTICATED' } }]);
    const twice = await rolebook(env, 'keys', 'revoke', '--tenant', 'acme', keyId!);
    expect(twice.code).toBe(0);
    expect(twice.stdout).toMatch(new RegExp(`^API key ${keyId} was revoked already`));
    expect((await rolebook(env, 'keys', 'list', '--tenant', 'acme')).stdout.split('\n')[1]!.split(/ {2,}/)[6]).toMatch(/^\d{4}-/);
  } finally {
    await api.close();
  }
};

describe('rolebook (the built CLI)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rolebook-cli-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a tenant and a key the API takes, lists it without its secret, and revokes it for the next request', async () => {
    await keyLifecycle({ DATA_DIR: dir }, () => startApi(dir));
  }, 60_000);

  it.each([
    [[]],
    [['tenants']],
    [['tenants', 'create']],
    [['tenants', 'list']],
    [['keys']],
    [['keys', 'create']],
    [['keys', 'list']],
    [['keys', 'revoke']],
    [['rebuild']],
    [['migrate-to-kurrentdb']],
    [['seal-personal-data']],
    [['seal-kurrentdb-log']],
  ])('rolebook %j --help: its usage, exit 0, no configuration needed', async (command) => {
    const help = await rolebook({ DATA_DIR: dir, PORT: 'not a port' }, ...command, '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(`Usage: ${['rolebook', ...command].join(' ')} [options]`);
  });

  it('exits 2 on a usage error, saying what is wrong, and touches no store', async () => {
    const env = { DATA_DIR: join(dir, 'untouched') };
    const cases: [string[], RegExp][] = [
      [[], /Usage: rolebook/],
      [['bogus'], /unknown command 'bogus'/],
      [['tenants', 'create'], /missing required argument 'slug'/],
      [['tenants', 'create', 'Acme'], /'Acme' is invalid .*lowercase slug/],
      [['keys', 'create', '--tenant', 'acme', '--name', 'ci'], /required option '--role <role>' not specified/],
      [['keys', 'create', '--tenant', 'acme', '--name', 'ci', '--role', 'owner'], /Allowed choices are viewer, auditor, editor, admin, integration/],
      [
        ['keys', 'create', '--tenant', 'acme', '--name', 'ci', '--role', 'admin', '--expires', 'next week'],
        /'--expires <date>' argument 'next week' is invalid/,
      ],
      [['keys', 'list'], /required option '--tenant <slug>' not specified/],
      [['keys', 'revoke', '--tenant', 'acme'], /missing required argument 'keyId'/],
      [['rebuild', '--read-model', '../x'], /'--read-model <name>' argument '..\/x' is invalid/],
      [['seal-kurrentdb-log'], /required option '--to <connection string>' not specified/],
      [['tenants', 'list', '--verbose'], /unknown option '--verbose'/],
    ];
    for (const [args, message] of cases) {
      const result = await rolebook(env, ...args);
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr).toMatch(message);
      noStack(result.output);
    }
    expect(() => rmSync(env.DATA_DIR)).toThrow(/ENOENT/);
  }, 60_000);

  it('exits 2 on input the stores refuse, with their message naming the option', async () => {
    const env = { DATA_DIR: dir };
    await rolebook(env, 'tenants', 'create', 'acme');
    const past = await rolebook(env, 'keys', 'create', '--tenant', 'acme', '--name', 'ci', '--role', 'admin', '--expires', '2001-01-01');
    expect(past).toMatchObject({ code: 2, stderr: 'error: --expires must be in the future\n', stdout: '' });
    const blank = await rolebook(env, 'keys', 'create', '--tenant', 'acme', '--name', ' ', '--role', 'admin');
    expect(blank).toMatchObject({ code: 2, stderr: 'error: --name must not be empty\n', stdout: '' });
  }, 30_000);

  it('exits 3 when the tenant or the key does not exist', async () => {
    const env = { DATA_DIR: dir };
    const noTenant = await rolebook(env, 'keys', 'create', '--tenant', 'nope', '--name', 'ci', '--role', 'viewer');
    expect(noTenant).toMatchObject({ code: 3, stdout: '' });
    expect(noTenant.stderr).toContain('Tenant "nope" not found (create it with: rolebook tenants create nope)');
    expect((await rolebook(env, 'keys', 'list', '--tenant', 'nope')).code).toBe(3);

    await rolebook(env, 'tenants', 'create', 'acme');
    await rolebook(env, 'tenants', 'create', 'other');
    const unknown = await rolebook(env, 'keys', 'revoke', '--tenant', 'acme', '0123456789abcdef01234567');
    expect(unknown).toMatchObject({ code: 3, stderr: 'error: API key not found\n' });
    // a key of another tenant is not found in this one
    const { stdout } = await rolebook(env, 'keys', 'create', '--tenant', 'other', '--name', 'ci', '--role', 'viewer');
    const keyId = KEY.exec(stdout.trim())![1]!;
    expect((await rolebook(env, 'keys', 'revoke', '--tenant', 'acme', keyId)).code).toBe(3);
    expect((await rolebook(env, 'keys', 'list', '--tenant', 'other')).stdout).toMatch(new RegExp(`${keyId} +ci +viewer +\\S+ +- +- +-`));
  }, 30_000);

  it('exits 1 on a runtime failure, saying why: a wrong setting, a maintenance command without its store', async () => {
    const config = await rolebook({ DATA_DIR: dir, DATABASE_URL: 'postgres://127.0.0.1:1/x' }, 'tenants', 'list');
    expect(config.code).toBe(1);
    expect(config.stderr).toMatch(/Invalid configuration:\n.*INSTALLATION_SECRET: is required with DATABASE_URL/);
    const rebuild = await rolebook({ DATA_DIR: dir }, 'rebuild');
    expect(rebuild).toMatchObject({ code: 1, stderr: `error: No event store at ${join(dir, 'events.db')}\n` });
    const migrate = await rolebook({ DATA_DIR: dir }, 'migrate-to-kurrentdb');
    expect(migrate).toMatchObject({ code: 1, stderr: 'error: Set EVENT_STORE=kurrentdb and KURRENTDB_CONNECTION_STRING to the target server\n' });
    const seal = await rolebook({ DATA_DIR: dir }, 'seal-personal-data');
    expect(seal).toMatchObject({ code: 1, stderr: `error: No event store at ${join(dir, 'events.db')}\n` });
    const secret = 'x'.repeat(40);
    const unreachable = await rolebook(
      { DATA_DIR: dir, DATABASE_URL: `postgres://rolebook:${secret}@127.0.0.1:1/x`, INSTALLATION_SECRET: secret },
      'tenants',
      'list',
    );
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/^error: /);
    expect(unreachable.output).not.toContain(secret);
    noStack(unreachable.output);
  }, 30_000);
});

describeWithPostgres('rolebook on PostgreSQL (DATABASE_URL)', () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  let dir: string;
  beforeAll(async () => (database = await scratchDatabase()));
  afterAll(() => database.drop());
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rolebook-cli-pg-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('makes tenants and keys in the shared stores, which the API reads', async () => {
    const env = { DATA_DIR: dir, DATABASE_URL: database.url, INSTALLATION_SECRET: randomBytes(32).toString('base64url') };
    await keyLifecycle(env, () => startApi(dir, env));
    // nothing of it under DATA_DIR: the access stores are PostgreSQL's
    const { rows } = await database.pool.query<{ slug: string }>('SELECT slug FROM auth_tenants ORDER BY slug');
    expect(rows.map((r) => r.slug)).toEqual(['acme', 'default']);
  }, 60_000);
});
