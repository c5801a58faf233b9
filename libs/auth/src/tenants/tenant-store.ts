// The TenantStore port. A tenant exists only once an installation admin creates it; no request
// creates one, and every principal is bound to one that exists. Tenants are never deleted, so a
// tenant seen once can be trusted to exist from then on. Adapters: sqlite/, postgres/.
import { InvalidInput, isTenantId, type Instant } from '@rolebook/domain';

export interface Tenant {
  /** The tenant id used in stream names and principals (`isTenantId`). */
  slug: string;
  createdAt: Instant;
}

export interface TenantStore {
  /**
   * Idempotent, so a provisioning script can run at every deploy: creating a tenant that exists
   * answers it as it was (created: false). InvalidInput on a slug that is not a tenant id.
   */
  create(slug: string, now: Instant): Promise<{ tenant: Tenant; created: boolean }>;
  exists(slug: string): Promise<boolean>;
  /** Every tenant, by slug. */
  list(): Promise<Tenant[]>;
}

export const assertTenantSlug = (slug: string): void => {
  if (!isTenantId(slug)) throw new InvalidInput('INVALID_TENANT', 'slug must be a lowercase slug (a-z, 0-9, -), at most 63 characters', 'slug');
};
