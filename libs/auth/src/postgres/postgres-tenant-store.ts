// TenantStore on PostgreSQL. Creation is one INSERT … ON CONFLICT DO NOTHING, so racing admins
// create a tenant once and both learn whether theirs was the creation.
import type { Pool } from '@rolebook/postgres';
import { assertTenantSlug, type Tenant, type TenantStore } from '../tenants/tenant-store';

interface Row {
  slug: string;
  created_at: Date;
}

const toTenant = (r: Row): Tenant => ({ slug: r.slug, createdAt: r.created_at.toISOString() });

export class PostgresTenantStore implements TenantStore {
  constructor(private readonly pool: Pool) {}

  async create(slug: string, now: string): Promise<{ tenant: Tenant; created: boolean }> {
    assertTenantSlug(slug);
    const inserted = await this.pool.query<Row>('INSERT INTO auth_tenants (slug, created_at) VALUES ($1, $2) ON CONFLICT (slug) DO NOTHING RETURNING *', [
      slug,
      now,
    ]);
    if (inserted.rows[0]) return { tenant: toTenant(inserted.rows[0]), created: true };
    const existing = await this.pool.query<Row>('SELECT * FROM auth_tenants WHERE slug = $1', [slug]);
    return { tenant: toTenant(existing.rows[0]!), created: false };
  }

  async exists(slug: string): Promise<boolean> {
    return (await this.pool.query('SELECT 1 FROM auth_tenants WHERE slug = $1', [slug])).rowCount === 1;
  }

  async list(): Promise<Tenant[]> {
    return (await this.pool.query<Row>('SELECT * FROM auth_tenants ORDER BY slug')).rows.map(toTenant);
  }
}
