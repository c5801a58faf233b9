// Verifies OIDC / JWT bearer tokens with jose against the IdP's remote key set: signature by a key
// of the set (fetched, cached, and fetched again when a token names an unknown kid, so rotated
// keys are picked up without a restart; the cooldown keeps forged kids from hammering the IdP),
// issuer, audience and algorithm pinned, exp required, exp/nbf with a small tolerance. The
// tenant named by the token must have been created by an installation admin.
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Instant } from '@rolebook/domain';
import { Unauthenticated, type Principal, type UnauthenticatedReason } from '../principal';
import type { TenantStore } from '../tenants/tenant-store';
import { checkTokenConfig, type AuthTokenConfig } from './token-config';
import { principalFromClaims } from './token-claims';

/** The IdP's key set could not be fetched: not the client's fault (a 503, logged with its cause). */
export class IdentityProviderUnavailable extends Error {
  constructor(cause: unknown) {
    super('The identity provider key set could not be fetched', { cause });
    this.name = 'IdentityProviderUnavailable';
  }
}

const REASONS: Record<string, UnauthenticatedReason> = {
  ERR_JWT_EXPIRED: 'TOKEN_EXPIRED',
  ERR_JWT_CLAIM_VALIDATION_FAILED: 'TOKEN_CLAIMS',
  ERR_JOSE_ALG_NOT_ALLOWED: 'TOKEN_ALGORITHM',
  ERR_JWKS_NO_MATCHING_KEY: 'TOKEN_UNKNOWN_KEY',
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'TOKEN_SIGNATURE',
};

/** What the key set lookup throws when the set itself could not be had, rather than the token being wrong. */
const FETCH_FAILURES = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID', 'ERR_JOSE_GENERIC']);

export class TokenVerifier {
  private readonly keys: JWTVerifyGetKey;
  /** Tenants are never deleted, so one seen to exist need not be looked up again. */
  private readonly knownTenants = new Set<string>();

  constructor(
    private readonly config: AuthTokenConfig,
    private readonly tenants: Pick<TenantStore, 'exists'>,
  ) {
    checkTokenConfig(config);
    const jwks = createRemoteJWKSet(new URL(config.jwksUrl), {
      ...(config.jwks?.timeoutMs === undefined ? {} : { timeoutDuration: config.jwks.timeoutMs }),
      ...(config.jwks?.cooldownMs === undefined ? {} : { cooldownDuration: config.jwks.cooldownMs }),
      ...(config.jwks?.cacheMaxAgeMs === undefined ? {} : { cacheMaxAge: config.jwks.cacheMaxAgeMs }),
    });
    this.keys = async (header, token) => {
      try {
        return await jwks(header, token);
      } catch (error) {
        // a network failure surfaces as fetch's own TypeError
        if (!(error instanceof errors.JOSEError) || FETCH_FAILURES.has(error.code)) throw new IdentityProviderUnavailable(error);
        throw error;
      }
    };
  }

  /** The token's principal; Unauthenticated for any token that does not verify or names no known tenant and role. */
  async verify(token: string, now: Instant): Promise<Principal> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.config.issuer,
        audience: [this.config.audience].flat(),
        algorithms: [...this.config.algorithms],
        clockTolerance: this.config.clockToleranceSeconds,
        requiredClaims: ['exp', 'sub'],
        currentDate: new Date(now),
      }));
    } catch (error) {
      if (!(error instanceof errors.JOSEError)) throw error;
      throw new Unauthenticated(REASONS[error.code] ?? 'TOKEN_INVALID');
    }
    const principal = principalFromClaims(payload, this.config);
    if (!this.knownTenants.has(principal.tenantId)) {
      if (!(await this.tenants.exists(principal.tenantId))) throw new Unauthenticated('TOKEN_TENANT');
      this.knownTenants.add(principal.tenantId);
    }
    return principal;
  }
}
