import { exportJWK, exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { startJwksServer, type JwksServer } from '../testing/jwks-server';
import type { AuthTokenConfig } from './token-config';
import { IdentityProviderUnavailable, TokenVerifier } from './token-verifier';
import { expectUnauthenticated } from '../testing/refused';

const NOW = '2026-03-01T10:00:00.000Z';
const NOW_S = Date.parse(NOW) / 1000;
const ISSUER = 'https://idp.test/realms/rolebook';
const AUDIENCE = 'rolebook-api';

interface Signer {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: JWK;
}

const newSigner = async (alg: Signer['alg'], kid: string): Promise<Signer> => {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, publicKey, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
};

const CLAIMS = { tenant: 'acme', roles: ['editor'], sub: 'user-1', iss: ISSUER, aud: AUDIENCE, iat: NOW_S - 10, exp: NOW_S + 300 };

const sign = (signer: Signer, overrides: JWTPayload = {}, kid = signer.kid): Promise<string> =>
  new SignJWT({ ...CLAIMS, ...overrides }).setProtectedHeader({ alg: signer.alg, kid, typ: 'JWT' }).sign(signer.privateKey);

const without = (claim: keyof typeof CLAIMS): JWTPayload => ({ ...CLAIMS, [claim]: undefined });

describe('TokenVerifier against a local JWKS endpoint', () => {
  let server: JwksServer;
  let rsa: Signer;
  let ec: Signer;
  let existsCalls: string[];

  const verifier = (overrides: Partial<AuthTokenConfig> = {}, url = server.url) =>
    new TokenVerifier(
      {
        jwksUrl: url,
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['RS256', 'ES256'],
        clockToleranceSeconds: 5,
        tenantClaim: 'tenant',
        roleClaim: 'roles',
        ...overrides,
      },
      {
        exists: async (slug) => {
          existsCalls.push(slug);
          return slug === 'acme';
        },
      },
    );

  beforeAll(async () => {
    [rsa, ec] = await Promise.all([newSigner('RS256', 'rsa-1'), newSigner('ES256', 'ec-2')]);
  });
  beforeEach(async () => {
    server = await startJwksServer();
    server.serve([rsa.jwk]);
    existsCalls = [];
  });
  afterEach(() => server.close());

  it('verifies a valid token into a principal of its tenant and role', async () => {
    expect(await verifier().verify(await sign(rsa), NOW)).toEqual({ kind: 'token', id: 'user-1', displayName: 'user-1', tenantId: 'acme', role: 'editor' });
  });

  it('records the configured actor claim as the display name', async () => {
    const token = await sign(rsa, { preferred_username: 'ci-bot' });
    expect((await verifier({ actorClaim: 'preferred_username' }).verify(token, NOW)).displayName).toBe('ci-bot');
  });

  it('refuses a token from another issuer', () =>
    expectUnauthenticated(
      sign(rsa, { iss: 'https://evil.test' }).then((t) => verifier().verify(t, NOW)),
      'TOKEN_CLAIMS',
    ));

  it('refuses a token for another audience', () =>
    expectUnauthenticated(
      sign(rsa, { aud: 'another-api' }).then((t) => verifier().verify(t, NOW)),
      'TOKEN_CLAIMS',
    ));

  it('refuses an unsecured token (alg none) without fetching the key set', async () => {
    const token = new UnsecuredJWT({ ...CLAIMS }).encode();
    await expectUnauthenticated(verifier().verify(token, NOW), 'TOKEN_ALGORITHM');
    expect(server.fetches).toBe(0);
  });

  it('refuses an HS256 token signed with the public key’s bytes', async () => {
    const pem = new TextEncoder().encode(await exportSPKI(rsa.publicKey));
    const token = await new SignJWT({ ...CLAIMS }).setProtectedHeader({ alg: 'HS256', kid: rsa.kid }).sign(pem);
    await expectUnauthenticated(verifier().verify(token, NOW), 'TOKEN_ALGORITHM');
  });

  it('refuses an algorithm of the key set that the configuration does not allow', async () => {
    server.serve([rsa.jwk, ec.jwk]);
    await expectUnauthenticated(
      sign(ec).then((t) => verifier({ algorithms: ['RS256'] }).verify(t, NOW)),
      'TOKEN_ALGORITHM',
    );
  });

  it('refuses a token signed by another key under a known kid', async () => {
    const impostor = await newSigner('RS256', rsa.kid);
    await expectUnauthenticated(verifier().verify(await sign(impostor), NOW), 'TOKEN_SIGNATURE');
  });

  it('refuses an expired token and a token not yet valid, beyond the clock tolerance', async () => {
    const v = verifier();
    await expectUnauthenticated(v.verify(await sign(rsa, { exp: NOW_S - 6 }), NOW), 'TOKEN_EXPIRED');
    await expectUnauthenticated(v.verify(await sign(rsa, { nbf: NOW_S + 6 }), NOW), 'TOKEN_CLAIMS');
  });

  it('accepts a token expired or not yet valid within the clock tolerance', async () => {
    const v = verifier();
    expect((await v.verify(await sign(rsa, { exp: NOW_S - 4 }), NOW)).id).toBe('user-1');
    expect((await v.verify(await sign(rsa, { nbf: NOW_S + 4 }), NOW)).id).toBe('user-1');
  });

  it('refuses a token without an expiry or a subject', async () => {
    const v = verifier();
    await expectUnauthenticated(v.verify(await sign(rsa, without('exp')), NOW), 'TOKEN_CLAIMS');
    await expectUnauthenticated(v.verify(await sign(rsa, without('sub')), NOW), 'TOKEN_CLAIMS');
  });

  it('refuses a token whose tenant is missing, malformed or was never created, and looks a known tenant up once', async () => {
    const v = verifier();
    await expectUnauthenticated(v.verify(await sign(rsa, without('tenant')), NOW), 'TOKEN_TENANT');
    await expectUnauthenticated(v.verify(await sign(rsa, { tenant: 'Not A Slug' }), NOW), 'TOKEN_TENANT');
    await expectUnauthenticated(v.verify(await sign(rsa, { tenant: 'ghost' }), NOW), 'TOKEN_TENANT');
    await v.verify(await sign(rsa), NOW);
    await v.verify(await sign(rsa), NOW);
    expect(existsCalls).toEqual(['ghost', 'acme']);
  });

  it('refuses a token whose role is missing or unknown, and maps IdP groups through the configured mapping', async () => {
    await expectUnauthenticated(verifier().verify(await sign(rsa, without('roles')), NOW), 'TOKEN_ROLE');
    await expectUnauthenticated(verifier().verify(await sign(rsa, { roles: ['owner'] }), NOW), 'TOKEN_ROLE');
    const mapped = verifier({ roleClaim: ['realm_access', 'roles'], roleMapping: { 'rb-viewers': 'viewer', 'rb-admins': 'admin' } });
    expect((await mapped.verify(await sign(rsa, { realm_access: { roles: ['offline_access', 'rb-viewers', 'rb-admins'] } }), NOW)).role).toBe('admin');
    await expectUnauthenticated(mapped.verify(await sign(rsa, { realm_access: { roles: ['editor'] } }), NOW), 'TOKEN_ROLE');
  });

  it('picks up a rotated key without a restart, and stops accepting the retired one', async () => {
    const v = verifier({ jwks: { cooldownMs: 100 } });
    await v.verify(await sign(rsa), NOW);
    server.serve([ec.jwk]);
    await new Promise((r) => setTimeout(r, 150));
    expect((await v.verify(await sign(ec), NOW)).id).toBe('user-1');
    expect(server.fetches).toBe(2);
    await expectUnauthenticated(v.verify(await sign(rsa), NOW), 'TOKEN_UNKNOWN_KEY');
  });

  it('refuses a token with an unknown kid, fetching the key set again only after the cooldown', async () => {
    const v = verifier();
    await v.verify(await sign(rsa), NOW);
    const stranger = await newSigner('RS256', 'unknown-kid');
    for (let i = 0; i < 3; i++) await expectUnauthenticated(v.verify(await sign(stranger), NOW), 'TOKEN_UNKNOWN_KEY');
    expect(server.fetches).toBe(1);
  });

  it('reports an unreachable or failing key set as the identity provider being unavailable, not the token being wrong', async () => {
    server.failWith(500);
    await expect(verifier().verify(await sign(rsa), NOW)).rejects.toBeInstanceOf(IdentityProviderUnavailable);
    const closed = await startJwksServer();
    await closed.close();
    await expect(verifier({}, closed.url).verify(await sign(rsa), NOW)).rejects.toBeInstanceOf(IdentityProviderUnavailable);
  });
});
