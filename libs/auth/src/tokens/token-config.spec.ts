import { checkTokenConfig, TokenConfigError, type AuthTokenConfig } from './token-config';

const valid: AuthTokenConfig = {
  jwksUrl: 'https://idp.example/.well-known/jwks.json',
  issuer: 'https://idp.example',
  audience: 'rolebook',
  algorithms: ['RS256'],
  clockToleranceSeconds: 5,
  tenantClaim: 'tenant',
  roleClaim: 'roles',
};

describe('checkTokenConfig', () => {
  it('accepts https and loopback http key sets', () => {
    expect(() => checkTokenConfig(valid)).not.toThrow();
    for (const jwksUrl of ['http://127.0.0.1:8080/jwks', 'http://localhost/jwks', 'http://[::1]:9/jwks'])
      expect(() => checkTokenConfig({ ...valid, jwksUrl })).not.toThrow();
  });

  it.each<[string, Partial<AuthTokenConfig>]>([
    ['a symmetric algorithm', { algorithms: ['HS256' as never] }],
    ['alg none', { algorithms: ['RS256', 'none' as never] }],
    ['no algorithm', { algorithms: [] }],
    ['a key set over plain http', { jwksUrl: 'http://idp.example/jwks' }],
    ['a key set that is not a URL', { jwksUrl: 'idp.example/jwks' }],
    ['an empty issuer', { issuer: '' }],
    ['an empty audience', { audience: [] }],
    ['a tolerance over a minute', { clockToleranceSeconds: 300 }],
    ['a negative tolerance', { clockToleranceSeconds: -1 }],
    ['a mapping to an unknown role', { roleMapping: { admins: 'owner' as never } }],
  ])('refuses %s', (_, change) => expect(() => checkTokenConfig({ ...valid, ...change })).toThrow(TokenConfigError));
});
