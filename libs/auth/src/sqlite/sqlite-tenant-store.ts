// TenantStore on the embedded access database.
import type Database from 'better-sqlite3';
import { assertTenantSlug, type Tenant, type TenantStore } from '../tenants/tenant-store';

interface Row {
  slug: string;
  created_at: string;
}

const toTenant = (r: Row): Tenant => ({ slug: r.slug, createdAt: r.created_at });

export class SqliteTenantStore implements TenantStore {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      insert: db.prepare<[string, string], Row>('INSERT INTO tenants (slug, created_at) VALUES (?, ?) ON CONFLICT (slug) DO NOTHING RETURNING *'),
      get: db.prepare<[string], Row>('SELECT * FROM tenants WHERE slug = ?'),
      list: db.prepare<[], Row>('SELECT * FROM tenants ORDER BY slug'),
    };
  }

  async create(slug: string, now: string): Promise<{ tenant: Tenant; created: boolean }> {
    assertTenantSlug(slug);
    const inserted = this.statements.insert.get(slug, now);
    return inserted ? { tenant: toTenant(inserted), created: true } : { tenant: toTenant(this.statements.get.get(slug)!), created: false };
  }

  async exists(slug: string): Promise<boolean> {
    return this.statements.get.get(slug) !== undefined;
  }

  async list(): Promise<Tenant[]> {
    return this.statements.list.all().map(toTenant);
  }
}
