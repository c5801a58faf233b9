// One entry point for a request's credentials, `Authorization: Bearer <credential>` (RFC 6750):
// a credential with the API key prefix is an API key, anything else a JWT from the identity
// provider, when one is configured.
import type { Instant } from '@rolebook/domain';
import type { ApiKeyStore } from './api-keys/api-key-store';
import { API_KEY_PREFIX } from './api-keys/api-key-token';
import { Unauthenticated, type Principal } from './principal';
import type { TokenVerifier } from './tokens/token-verifier';

const BEARER = /^Bearer +([\x21-\x7e]+) *$/i;

export class Authenticator {
  constructor(
    private readonly apiKeys: Pick<ApiKeyStore, 'authenticate'>,
    /** null: no identity provider is configured, so only API keys are accepted. */
    private readonly tokens: Pick<TokenVerifier, 'verify'> | null,
  ) {}

  async authenticate(authorization: string | undefined, now: Instant): Promise<Principal> {
    if (!authorization) throw new Unauthenticated('MISSING_CREDENTIALS');
    const credential = BEARER.exec(authorization)?.[1];
    if (!credential) throw new Unauthenticated('MALFORMED_CREDENTIALS');
    if (credential.startsWith(API_KEY_PREFIX)) return this.apiKeys.authenticate(credential, now);
    if (!this.tokens) throw new Unauthenticated('TOKENS_DISABLED');
    return this.tokens.verify(credential, now);
  }
}
