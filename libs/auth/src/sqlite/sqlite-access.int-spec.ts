import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testApiKeyStore } from '../testing/api-key-store.contract';
import { TEST_KEY_SECRET, type AccessStoresFactory } from '../testing/access-stores.factory';
import { testTenantStore } from '../testing/tenant-store.contract';
import { AccessDbTooNew } from './access-db';
import { openSqliteAccess } from './open-sqlite-access';

const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'rolebook-access-'));
  return { filename: join(dir, 'access.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
};

const sqliteFactory = async (): Promise<AccessStoresFactory> => {
  const { filename, remove } = tempDir();
  const opened: { close(): void }[] = [];
  return {
    open: async (secret = TEST_KEY_SECRET) => {
      const access = openSqliteAccess(filename, { keyHashingSecret: secret });
      opened.push(access);
      return access;
    },
    dispose: async () => {
      opened.forEach((a) => a.close());
      remove();
    },
  };
};

testTenantStore('sqlite', sqliteFactory);
testApiKeyStore('sqlite', sqliteFactory);

describe('SQLite access database', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it('keeps tenants and keys across a reopen, at the current schema version', async () => {
    const first = openSqliteAccess(dir.filename, { keyHashingSecret: TEST_KEY_SECRET });
    await first.tenants.create('acme', '2026-03-01T10:00:00.000Z');
    const { plaintext } = await first.apiKeys.create('acme', 'k', 'admin', null, '2026-03-01T10:00:00.000Z');
    first.close();
    const reopened = openSqliteAccess(dir.filename, { keyHashingSecret: TEST_KEY_SECRET });
    expect((await reopened.apiKeys.authenticate(plaintext, '2026-03-01T10:00:01.000Z')).role).toBe('admin');
    reopened.close();
    const raw = new Database(dir.filename, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('never writes the plaintext secret to the file', async () => {
    const access = openSqliteAccess(dir.filename, { keyHashingSecret: TEST_KEY_SECRET });
    await access.tenants.create('acme', '2026-03-01T10:00:00.000Z');
    const { plaintext } = await access.apiKeys.create('acme', 'k', 'admin', null, '2026-03-01T10:00:00.000Z');
    access.close();
    const secret = plaintext.slice(-43);
    for (const file of [dir.filename, `${dir.filename}-wal`].filter(existsSync)) expect(readFileSync(file).includes(secret)).toBe(false);
  });

  it('refuses a file from a newer schema than this build knows', () => {
    const raw = new Database(dir.filename);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openSqliteAccess(dir.filename, { keyHashingSecret: TEST_KEY_SECRET })).toThrow(AccessDbTooNew);
  });

  it('refuses an installation secret too short to key the hashes, before touching the file', () => {
    expect(() => openSqliteAccess(dir.filename, { keyHashingSecret: 'short' })).toThrow(/at least 32/);
    expect(existsSync(dir.filename)).toBe(false);
  });
});
