// What the token verifier needs to know about the identity provider; the config lib builds it
// from the environment. Checked again here because a mistake in it (a symmetric algorithm, a key
// set fetched over plain HTTP) would let anyone mint tokens.
import { isRole, type Role } from '../roles';

/** Signature algorithms a token may use: asymmetric only, so the key set holds nothing secret. */
export const TOKEN_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const;

export type TokenAlgorithm = (typeof TOKEN_ALGORITHMS)[number];

/** A top-level claim name (which may contain dots, e.g. `https://rolebook.example/tenant`) or a path into nested claims. */
export type ClaimPath = string | readonly string[];

export interface AuthTokenConfig {
  /** The IdP's JSON Web Key Set; https, or http on a loopback address. */
  jwksUrl: string;
  issuer: string;
  audience: string | readonly string[];
  algorithms: readonly TokenAlgorithm[];
  /** Leeway for `exp` and `nbf` against clock skew with the IdP; at most 60. */
  clockToleranceSeconds: number;
  /** A string claim holding the tenant slug. */
  tenantClaim: ClaimPath;
  /** A string or string-array claim holding role names (or IdP group names, with roleMapping). */
  roleClaim: ClaimPath;
  /** IdP role or group name → Rolebook role. When set, only mapped names count. */
  roleMapping?: Readonly<Record<string, Role>>;
  /** The string claim recorded as the actor; `sub` when unset. Prefer a claim that names no person. */
  actorClaim?: ClaimPath;
  jwks?: {
    /** How long a fetch of the key set may take (jose default 5000). */
    timeoutMs?: number;
    /** After a fetch, tokens with an unknown kid do not trigger another for this long (jose default 30000). */
    cooldownMs?: number;
    /** How long a fetched key set is used before it is fetched again (jose default 600000). */
    cacheMaxAgeMs?: number;
  };
}

export class TokenConfigError extends Error {
  constructor(message: string) {
    super(`Invalid token configuration: ${message}`);
    this.name = 'TokenConfigError';
  }
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

export const checkTokenConfig = (config: AuthTokenConfig): void => {
  let url: URL;
  try {
    url = new URL(config.jwksUrl);
  } catch {
    throw new TokenConfigError('jwksUrl must be a URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname)))
    throw new TokenConfigError('jwksUrl must use https (http only on a loopback address)');
  if (!config.issuer) throw new TokenConfigError('issuer must not be empty');
  if ([config.audience].flat().filter(Boolean).length === 0) throw new TokenConfigError('audience must not be empty');
  if (config.algorithms.length === 0) throw new TokenConfigError('algorithms must list at least one algorithm');
  for (const alg of config.algorithms)
    if (!(TOKEN_ALGORITHMS as readonly string[]).includes(alg))
      throw new TokenConfigError(`algorithm ${alg} is not allowed (asymmetric only: ${TOKEN_ALGORITHMS.join(', ')})`);
  if (!(config.clockToleranceSeconds >= 0 && config.clockToleranceSeconds <= 60)) throw new TokenConfigError('clockToleranceSeconds must be between 0 and 60');
  for (const [name, role] of Object.entries(config.roleMapping ?? {}))
    if (!isRole(role)) throw new TokenConfigError(`roleMapping maps ${JSON.stringify(name)} to an unknown role`);
};
