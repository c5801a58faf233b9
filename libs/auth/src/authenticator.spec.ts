import { Authenticator } from './authenticator';
import { expectUnauthenticated } from './testing/refused';
import type { Principal, UnauthenticatedReason } from './principal';

const NOW = '2026-03-01T10:00:00.000Z';
const KEY = `rbk_${'0'.repeat(24)}_${'a'.repeat(43)}`;
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln';

const keyPrincipal: Principal = { kind: 'api-key', id: 'k', displayName: 'k', tenantId: 'acme', role: 'viewer' };
const tokenPrincipal: Principal = { kind: 'token', id: 'u', displayName: 'u', tenantId: 'acme', role: 'editor' };

describe('Authenticator', () => {
  let seen: string[];
  const authenticator = (withTokens = true) =>
    new Authenticator(
      { authenticate: async (credential) => (seen.push(`key:${credential}`), keyPrincipal) },
      withTokens ? { verify: async (credential) => (seen.push(`token:${credential}`), tokenPrincipal) } : null,
    );

  beforeEach(() => {
    seen = [];
  });

  const refused = async (promise: Promise<unknown>, reason: UnauthenticatedReason) => {
    await expectUnauthenticated(promise, reason);
    expect(seen).toEqual([]);
  };

  it('hands an rbk_ credential to the key store and anything else to the token verifier', async () => {
    expect(await authenticator().authenticate(`Bearer ${KEY}`, NOW)).toBe(keyPrincipal);
    expect(await authenticator().authenticate(`bearer  ${JWT}`, NOW)).toBe(tokenPrincipal);
    expect(seen).toEqual([`key:${KEY}`, `token:${JWT}`]);
  });

  it('refuses a request without credentials', () => refused(authenticator().authenticate(undefined, NOW), 'MISSING_CREDENTIALS'));

  it.each(['Basic dXNlcjpwYXNz', `Bearer`, `Bearer `, `${KEY}`, `Bearer ${KEY} extra`, `Bearer ${KEY}\n`])('refuses the header %j', (header) =>
    refused(authenticator().authenticate(header, NOW), 'MALFORMED_CREDENTIALS'),
  );

  it('refuses a JWT when no identity provider is configured', () => refused(authenticator(false).authenticate(`Bearer ${JWT}`, NOW), 'TOKENS_DISABLED'));
});
