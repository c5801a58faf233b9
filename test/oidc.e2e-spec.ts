// OIDC bearer tokens through the API, against a local identity provider's key set: a token signed
// by the IdP for a created tenant acts with the role its claim names; a token for another
// audience, a tenant nobody created, or signed with a key the IdP does not publish is refused
// alike (401); the actor recorded is user:<sub>.
import { startJwksServer, type JwksServer } from '@rolebook/auth/testing';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { startApi, type TestApi } from './support/api';

let idp: JwksServer;
let api: TestApi;
let signingKey: CryptoKey;
const ISSUER = 'https://idp.example.test/';
const AUDIENCE = 'rolebook';

beforeAll(async () => {
  idp = await startJwksServer();
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  signingKey = privateKey;
  idp.serve([{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }]);
  api = await startApi(undefined, { OIDC_JWKS_URL: idp.url, OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: AUDIENCE, OIDC_ALGORITHMS: 'ES256' });
  await api.access.tenants.create('acme', new Date().toISOString());
});
afterAll(async () => {
  await api.dispose();
  await idp.close();
});

const token = (claims: Record<string, unknown>, { key = signingKey, audience = AUDIENCE, kid = 'k1' } = {}) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid })
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setSubject('u-4711')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key);

const bearer = async (claims: Record<string, unknown>, options?: Parameters<typeof token>[1]) => ({ authorization: `Bearer ${await token(claims, options)}` });

it('acts for the tenant and with the role the token names, recorded as user:<sub>', async () => {
  const editor = await bearer({ rolebook_tenant: 'acme', rolebook_role: 'editor' });
  const defined = await api.gql('mutation { defineRole(input: { name: "From the IdP", purpose: "x" }) { role { id } } }', undefined, editor);
  expect(defined.errors).toBeUndefined();
  const history = await api.gql('query($id: ID!) { history(entityId: $id) { edges { node { actor } } } }', { id: defined.data!.defineRole.role.id }, editor);
  expect(history.data!.history.edges[0].node.actor).toBe('user:u-4711');
  // the role bounds it: an editor's token cannot create keys
  expect((await api.gql('{ apiKeys { id } }', undefined, editor)).errors![0]!.extensions.code).toBe('FORBIDDEN');
  // and the tenant is the token's: the default tenant's roles are not acme's
  expect((await api.gql('{ roles { totalCount } }', undefined, editor)).data!.roles.totalCount).toBe(1);
});

it('refuses a token for another audience, a tenant never created, an unknown role, or a key the IdP does not publish, alike', async () => {
  const { privateKey: stranger } = await generateKeyPair('ES256');
  const refused = [
    await bearer({ rolebook_tenant: 'acme', rolebook_role: 'editor' }, { audience: 'another-app' }),
    await bearer({ rolebook_tenant: 'globex', rolebook_role: 'editor' }),
    await bearer({ rolebook_tenant: 'acme', rolebook_role: 'superuser' }),
    await bearer({ rolebook_tenant: 'acme', rolebook_role: 'admin' }, { key: stranger }),
  ];
  for (const headers of refused) {
    const response = await api.gql('{ roles { totalCount } }', undefined, headers);
    expect(response.status).toBe(401);
    expect(response.errors).toEqual([{ message: 'Authentication required', extensions: { code: 'UNAUTHENTICATED' } }]);
  }
});
