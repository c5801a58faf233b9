// Opens what authenticates requests: the access stores (tenants and API keys: a SQLite file under
// DATA_DIR, or PostgreSQL with DATABASE_URL so replicas share them), the installation secret API
// key hashes are keyed with, and the OIDC token verifier when an identity provider is configured.
import {
  Authenticator,
  openPostgresAccess,
  openSqliteAccess,
  TokenVerifier,
  type AccessStores,
  type AuthTokenConfig,
  type TokenAlgorithm,
} from '@rolebook/auth';
import type { Config } from '@rolebook/config';
import { openPool } from '@rolebook/postgres';
import { installationSecret } from '../installation-secret';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Access extends AccessStores {
  authenticator: Authenticator;
  /** Whether PostgreSQL answers a query now; null without DATABASE_URL (the stores are a local file). */
  sharedStateReachable(): Promise<boolean | null>;
  close(): Promise<void>;
}

export const tokenConfig = (config: Config): AuthTokenConfig | null =>
  config.OIDC_JWKS_URL && config.OIDC_ISSUER && config.OIDC_AUDIENCE
    ? {
        jwksUrl: config.OIDC_JWKS_URL,
        issuer: config.OIDC_ISSUER,
        audience: config.OIDC_AUDIENCE,
        // checked against the allowed (asymmetric) algorithms by the verifier, which refuses to start otherwise
        algorithms: config.OIDC_ALGORITHMS as TokenAlgorithm[],
        clockToleranceSeconds: config.OIDC_CLOCK_TOLERANCE_S,
        tenantClaim: config.OIDC_TENANT_CLAIM,
        roleClaim: config.OIDC_ROLE_CLAIM,
        ...(config.OIDC_ROLE_MAP ? { roleMapping: config.OIDC_ROLE_MAP } : {}),
      }
    : null;

export const openAccess = async (config: Config): Promise<Access> => {
  mkdirSync(config.DATA_DIR, { recursive: true });
  const keyHashingSecret = installationSecret(config);
  let stores: AccessStores;
  let close: () => Promise<void>;
  let sharedStateReachable = (): Promise<boolean | null> => Promise.resolve(null);
  if (config.DATABASE_URL) {
    const pool = openPool(config.DATABASE_URL);
    stores = await openPostgresAccess(pool, { keyHashingSecret });
    close = () => pool.end();
    sharedStateReachable = () =>
      pool.query('SELECT 1').then(
        () => true,
        () => false,
      );
  } else {
    const sqlite = openSqliteAccess(join(config.DATA_DIR, 'access.db'), { keyHashingSecret });
    stores = sqlite;
    close = async () => sqlite.close();
  }
  const tokens = tokenConfig(config);
  return {
    ...stores,
    authenticator: new Authenticator(stores.apiKeys, tokens ? new TokenVerifier(tokens, stores.tenants) : null),
    sharedStateReachable,
    close,
  };
};

/**
 * First start of an installation (no tenant yet): creates DEFAULT_TENANT and an admin key for it,
 * answered once (the caller prints it; only its hash is stored). Later starts answer null.
 */
export const bootstrapAdminKey = async (access: AccessStores, tenantId: string, now: string): Promise<string | null> => {
  if ((await access.tenants.list()).length > 0) return null;
  await access.tenants.create(tenantId, now);
  return (await access.apiKeys.create(tenantId, 'bootstrap-admin', 'admin', null, now)).plaintext;
};
