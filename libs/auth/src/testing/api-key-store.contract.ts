// Every promise the ApiKeyStore port makes; each adapter's int-spec calls it with its factory.
import { InvalidInput, NotFound } from '@rolebook/domain';
import type { AccessStores } from '../access-stores';
import type { ApiKeyStore } from '../api-keys/api-key-store';
import { LAST_USE_RESOLUTION_MS } from '../api-keys/api-key-rules';
import type { Role } from '../roles';
import type { AccessStoresFactory } from './access-stores.factory';
import { expectUnauthenticated } from './refused';

const T0 = '2026-03-01T10:00:00.000Z';
const at = (ms: number): string => new Date(Date.parse(T0) + ms).toISOString();

export const testApiKeyStore = (name: string, makeFactory: () => Promise<AccessStoresFactory>): void => {
  describe(`ApiKeyStore contract: ${name}`, () => {
    let factory: AccessStoresFactory;
    let stores: AccessStores;
    let keys: ApiKeyStore;

    beforeEach(async () => {
      factory = await makeFactory();
      stores = await factory.open();
      keys = stores.apiKeys;
      await stores.tenants.create('acme', T0);
      await stores.tenants.create('other', T0);
    });
    afterEach(() => factory.dispose());

    const invalid = async (promise: Promise<unknown>, field: string) => {
      const error = await promise.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInput);
      expect((error as InvalidInput).field).toBe(field);
    };

    it('creates a key shown once and authenticates it as a principal of its tenant and role', async () => {
      const { record, plaintext } = await keys.create('acme', 'CI deploy', 'editor', null, T0);
      expect(plaintext).toMatch(new RegExp(`^rbk_${record.id}_[A-Za-z0-9_-]{43}$`));
      expect(record).toEqual({
        id: record.id,
        tenantId: 'acme',
        name: 'CI deploy',
        role: 'editor',
        createdAt: T0,
        expiresAt: null,
        lastUsedAt: null,
        revokedAt: null,
      });
      expect(await keys.authenticate(plaintext, at(1000))).toEqual({
        kind: 'api-key',
        id: record.id,
        displayName: 'CI deploy',
        tenantId: 'acme',
        role: 'editor',
      });
    });

    it('gives every key its own id and secret', async () => {
      const a = await keys.create('acme', 'a', 'viewer', null, T0);
      const b = await keys.create('acme', 'b', 'viewer', null, T0);
      expect(a.record.id).not.toBe(b.record.id);
      expect(a.plaintext.split('_').slice(2).join('_')).not.toBe(b.plaintext.split('_').slice(2).join('_'));
    });

    it('lists a tenant’s keys oldest first without their secrets or hashes, and none of another tenant', async () => {
      const first = await keys.create('acme', 'first', 'viewer', null, T0);
      const second = await keys.create('acme', 'second', 'admin', at(60_000), at(1000));
      await keys.create('other', 'elsewhere', 'viewer', null, T0);
      const listed = await keys.list('acme');
      expect(listed).toEqual([first.record, second.record]);
      for (const record of listed)
        expect(Object.keys(record).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name', 'revokedAt', 'role', 'tenantId']);
      expect(JSON.stringify(listed)).not.toContain(first.plaintext.slice(-43));
    });

    it('refuses a wrong secret, an unknown key, a malformed key and a JWT-looking string the same way', async () => {
      const { plaintext } = await keys.create('acme', 'k', 'viewer', null, T0);
      const last = plaintext.at(-1) === 'A' ? 'B' : 'A';
      await expectUnauthenticated(keys.authenticate(plaintext.slice(0, -1) + last, T0), 'WRONG_SECRET');
      await expectUnauthenticated(keys.authenticate(`rbk_${'0'.repeat(24)}_${plaintext.slice(-43)}`, T0), 'UNKNOWN_KEY');
      await expectUnauthenticated(keys.authenticate(plaintext.slice(0, -1), T0), 'MALFORMED_CREDENTIALS');
      await expectUnauthenticated(keys.authenticate(`${plaintext} `, T0), 'MALFORMED_CREDENTIALS');
      await expectUnauthenticated(keys.authenticate('eyJhbGciOiJub25lIn0.e30.', T0), 'MALFORMED_CREDENTIALS');
    });

    it('stops authenticating a key on the next request after it is revoked through another connection', async () => {
      const { record, plaintext } = await keys.create('acme', 'k', 'editor', null, T0);
      await keys.authenticate(plaintext, at(1000));
      const replica = (await factory.open()).apiKeys;
      const revoked = await replica.revoke('acme', record.id, at(2000));
      expect(revoked).toEqual({ ...record, lastUsedAt: at(1000), revokedAt: at(2000) });
      await expectUnauthenticated(keys.authenticate(plaintext, at(3000)), 'REVOKED');
      expect(await keys.list('acme')).toEqual([revoked]);
    });

    it('keeps the first revocation time when a key is revoked again', async () => {
      const { record } = await keys.create('acme', 'k', 'editor', null, T0);
      await keys.revoke('acme', record.id, at(1000));
      expect((await keys.revoke('acme', record.id, at(5000))).revokedAt).toBe(at(1000));
    });

    it('refuses to revoke a key of another tenant or an unknown key, and the key keeps working', async () => {
      const { record, plaintext } = await keys.create('acme', 'k', 'editor', null, T0);
      await expect(keys.revoke('other', record.id, at(1000))).rejects.toBeInstanceOf(NotFound);
      await expect(keys.revoke('acme', '0'.repeat(24), at(1000))).rejects.toBeInstanceOf(NotFound);
      expect((await keys.authenticate(plaintext, at(2000))).id).toBe(record.id);
    });

    it('authenticates a key until its expiry, and not from then on', async () => {
      const { plaintext } = await keys.create('acme', 'k', 'viewer', '2026-03-01T12:00:00+01:00', T0);
      expect((await keys.list('acme'))[0]!.expiresAt).toBe('2026-03-01T11:00:00.000Z');
      await keys.authenticate(plaintext, '2026-03-01T10:59:59.999Z');
      await expectUnauthenticated(keys.authenticate(plaintext, '2026-03-01T11:00:00.000Z'), 'EXPIRED');
    });

    it('refuses an expiry that is not in the future or not a date-time', async () => {
      await invalid(keys.create('acme', 'k', 'viewer', T0, T0), 'expiresAt');
      await invalid(keys.create('acme', 'k', 'viewer', 'tomorrow', T0), 'expiresAt');
      expect(await keys.list('acme')).toEqual([]);
    });

    it('trims a name and refuses an empty, overlong or unprintable one, or an unknown role', async () => {
      expect((await keys.create('acme', '  CI  ', 'viewer', null, T0)).record.name).toBe('CI');
      for (const bad of ['', '   ', 'x'.repeat(101), 'line\nbreak', 'nul\u0000', 'bell\u0007', 'rtl\u202Eoverride', 'zero\u200Bwidth'])
        await invalid(keys.create('acme', bad, 'viewer', null, T0), 'name');
      await invalid(keys.create('acme', 'k', 'owner' as Role, null, T0), 'role');
      expect((await keys.list('acme')).map((k) => k.name)).toEqual(['CI']);
    });

    it('refuses a key for a tenant that was never created', async () => {
      await expect(keys.create('ghost', 'k', 'viewer', null, T0)).rejects.toBeInstanceOf(NotFound);
      await expect(keys.create('Not A Slug', 'k', 'viewer', null, T0)).rejects.toBeInstanceOf(NotFound);
      expect(await keys.list('ghost')).toEqual([]);
    });

    it('records the last use at most once per resolution window, never moving it back', async () => {
      const { plaintext } = await keys.create('acme', 'k', 'viewer', null, T0);
      const lastUsed = async () => (await keys.list('acme'))[0]!.lastUsedAt;
      await keys.authenticate(plaintext, at(1000));
      expect(await lastUsed()).toBe(at(1000));
      await keys.authenticate(plaintext, at(1000 + LAST_USE_RESOLUTION_MS - 1));
      expect(await lastUsed()).toBe(at(1000));
      await keys.authenticate(plaintext, at(1000 + LAST_USE_RESOLUTION_MS));
      expect(await lastUsed()).toBe(at(1000 + LAST_USE_RESOLUTION_MS));
      await keys.authenticate(plaintext, at(500));
      expect(await lastUsed()).toBe(at(1000 + LAST_USE_RESOLUTION_MS));
    });

    it('authenticates no key once the installation secret is changed', async () => {
      const { plaintext } = await keys.create('acme', 'k', 'viewer', null, T0);
      const rekeyed = (await factory.open('another-installation-secret-0123456789')).apiKeys;
      await expectUnauthenticated(rekeyed.authenticate(plaintext, at(1000)), 'WRONG_SECRET');
    });
  });
};
