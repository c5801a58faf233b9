// Tenants and API keys, acting on the installation's access stores directly (the SQLite file under
// DATA_DIR, or PostgreSQL with DATABASE_URL), as the installation's operator: no request, no
// principal. Keys are printed once, at creation; lists never show a secret or a hash.
import type { Role } from '@rolebook/auth';
import type { Config } from '@rolebook/config';
import { openAccess, type Access } from '@rolebook/runtime';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError, EXIT } from './cli-error';
import { table } from './table';

export interface Output {
  /** What a script reads (a key, a table). */
  out(line: string): void;
  /** What a person reads beside it (notices, warnings). */
  err(line: string): void;
}

const now = () => new Date().toISOString();

/** The access stores for the length of one command, closed after it whatever happens. */
const withAccess = async <T>(config: Config, io: Output, act: (access: Access) => Promise<T>): Promise<T> => {
  // an embedded installation's stores are files under DATA_DIR, made on first use: a DATA_DIR that is not the
  // service's would silently get stores of its own, so say when that happens
  const file = resolve(join(config.DATA_DIR, 'access.db'));
  const fresh = !config.DATABASE_URL && !existsSync(file);
  const access = await openAccess(config);
  if (fresh) io.err(`note: there was no access store at ${file}: a new one was created (is DATA_DIR the service's?)`);
  try {
    return await act(access);
  } finally {
    await access.close();
  }
};

const requireTenant = async (access: Access, slug: string): Promise<void> => {
  if (!(await access.tenants.exists(slug))) throw new CliError(`Tenant "${slug}" not found (create it with: rolebook tenants create ${slug})`, EXIT.notFound);
};

export const createTenant = (config: Config, io: Output, slug: string) =>
  withAccess(config, io, async (access) => {
    const { tenant, created } = await access.tenants.create(slug, now());
    io.out(created ? `Created tenant ${tenant.slug}` : `Tenant ${tenant.slug} exists already (created ${tenant.createdAt})`);
  });

export const listTenants = (config: Config, io: Output) =>
  withAccess(config, io, async (access) => {
    const tenants = await access.tenants.list();
    if (tenants.length === 0) io.err('No tenant yet: create one with rolebook tenants create <slug>');
    else
      io.out(
        table(
          ['SLUG', 'CREATED'],
          tenants.map((t) => [t.slug, t.createdAt]),
        ),
      );
  });

export const createKey = (config: Config, io: Output, input: { tenant: string; name: string; role: Role; expires: string | null }) =>
  withAccess(config, io, async (access) => {
    await requireTenant(access, input.tenant);
    const { record, plaintext } = await access.apiKeys.create(input.tenant, input.name, input.role, input.expires, now());
    io.err(
      `Created API key ${record.id} (${record.role}) for tenant ${record.tenantId}${record.expiresAt ? `, expiring ${record.expiresAt}` : ''}. ` +
        'It is shown this once (only its hash is kept); send it as "Authorization: Bearer <key>":',
    );
    io.out(plaintext);
  });

export const listKeys = (config: Config, io: Output, tenant: string) =>
  withAccess(config, io, async (access) => {
    await requireTenant(access, tenant);
    const keys = await access.apiKeys.list(tenant);
    if (keys.length === 0) io.err(`No API key for tenant ${tenant}`);
    else
      io.out(
        table(
          ['ID', 'NAME', 'ROLE', 'CREATED', 'EXPIRES', 'LAST USED', 'REVOKED'],
          keys.map((k) => [k.id, k.name, k.role, k.createdAt, k.expiresAt, k.lastUsedAt, k.revokedAt]),
        ),
      );
  });

export const revokeKey = (config: Config, io: Output, tenant: string, keyId: string) =>
  withAccess(config, io, async (access) => {
    await requireTenant(access, tenant);
    const at = now();
    const record = await access.apiKeys.revoke(tenant, keyId, at);
    io.out(record.revokedAt === at ? `Revoked API key ${record.id}` : `API key ${record.id} was revoked already (at ${record.revokedAt})`);
  });
