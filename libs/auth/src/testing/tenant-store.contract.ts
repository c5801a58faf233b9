// Every promise the TenantStore port makes; each adapter's int-spec calls it with its factory.
import { InvalidInput } from '@rolebook/domain';
import type { TenantStore } from '../tenants/tenant-store';
import type { AccessStoresFactory } from './access-stores.factory';

export const testTenantStore = (name: string, makeFactory: () => Promise<AccessStoresFactory>): void => {
  describe(`TenantStore contract: ${name}`, () => {
    let factory: AccessStoresFactory;
    let tenants: TenantStore;

    beforeEach(async () => {
      factory = await makeFactory();
      tenants = (await factory.open()).tenants;
    });
    afterEach(() => factory.dispose());

    it('creates a tenant that then exists and is listed with its creation time', async () => {
      expect(await tenants.exists('acme')).toBe(false);
      const result = await tenants.create('acme', '2026-03-01T10:00:00.000Z');
      expect(result).toEqual({ tenant: { slug: 'acme', createdAt: '2026-03-01T10:00:00.000Z' }, created: true });
      expect(await tenants.exists('acme')).toBe(true);
      expect(await tenants.list()).toEqual([{ slug: 'acme', createdAt: '2026-03-01T10:00:00.000Z' }]);
    });

    it('answers an existing tenant as it was when asked to create it again', async () => {
      await tenants.create('acme', '2026-03-01T10:00:00.000Z');
      expect(await tenants.create('acme', '2026-04-01T10:00:00.000Z')).toEqual({
        tenant: { slug: 'acme', createdAt: '2026-03-01T10:00:00.000Z' },
        created: false,
      });
      expect(await tenants.list()).toHaveLength(1);
    });

    it('lists every tenant by slug', async () => {
      for (const slug of ['zeta', 'acme', 'm-2']) await tenants.create(slug, '2026-03-01T10:00:00.000Z');
      expect((await tenants.list()).map((t) => t.slug)).toEqual(['acme', 'm-2', 'zeta']);
    });

    it.each(['', 'Acme', '-acme', 'a'.repeat(64), 'acme/x', 'acmé', 'acme '])('refuses %j as a slug and creates nothing', async (slug) => {
      const error = await tenants.create(slug, '2026-03-01T10:00:00.000Z').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInput);
      expect((error as InvalidInput).field).toBe('slug');
      expect(await tenants.list()).toEqual([]);
    });

    it('creates a tenant once when two connections race to create it', async () => {
      const other = (await factory.open()).tenants;
      const results = await Promise.all([tenants.create('acme', '2026-03-01T10:00:00.000Z'), other.create('acme', '2026-03-01T10:00:01.000Z')]);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(results[0].tenant).toEqual(results[1].tenant);
      expect(await other.exists('acme')).toBe(true);
    });
  });
};
