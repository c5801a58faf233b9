import { Unauthenticated } from '../principal';
import type { AuthTokenConfig } from './token-config';
import { principalFromClaims, readClaim, roleFromClaim } from './token-claims';

describe('readClaim', () => {
  const payload = { 'https://rolebook.example/tenant': 'acme', realm_access: { roles: ['a'] }, list: ['x'] };

  it('reads a top-level claim whose name has dots, and a nested path', () => {
    expect(readClaim(payload, 'https://rolebook.example/tenant')).toBe('acme');
    expect(readClaim(payload, ['realm_access', 'roles'])).toEqual(['a']);
  });

  it('answers undefined for a missing path, a path through a non-object, and inherited properties', () => {
    expect(readClaim(payload, ['realm_access', 'missing'])).toBeUndefined();
    expect(readClaim(payload, ['list', '0'])).toBeUndefined();
    expect(readClaim(payload, ['realm_access', 'constructor'])).toBeUndefined();
  });
});

describe('roleFromClaim', () => {
  it('takes a role name or a list of them, the highest on the ladder winning', () => {
    expect(roleFromClaim('auditor', undefined)).toBe('auditor');
    expect(roleFromClaim(['viewer', 'editor', 'auditor'], undefined)).toBe('editor');
  });

  it('ignores names that are not roles, and answers null when none is left', () => {
    expect(roleFromClaim(['offline_access', 'viewer', 3], undefined)).toBe('viewer');
    expect(roleFromClaim(['owner'], undefined)).toBeNull();
    expect(roleFromClaim({ role: 'admin' }, undefined)).toBeNull();
    expect(roleFromClaim(undefined, undefined)).toBeNull();
  });

  it('with a mapping, counts only mapped names, not role names given directly', () => {
    const mapping = { 'rb-editors': 'editor', 'rb-hooks': 'integration' } as const;
    expect(roleFromClaim(['rb-editors', 'admin'], mapping)).toBe('editor');
    expect(roleFromClaim(['admin'], mapping)).toBeNull();
    expect(roleFromClaim(['toString'], mapping)).toBeNull();
  });

  it('refuses integration mixed with a staff role, and takes it alone', () => {
    expect(roleFromClaim(['integration'], undefined)).toBe('integration');
    expect(roleFromClaim(['integration', 'viewer'], undefined)).toBeNull();
  });
});

describe('principalFromClaims', () => {
  const config = { tenantClaim: 'tenant', roleClaim: 'roles' } as AuthTokenConfig;

  it('refuses a tenant claim that is not a string slug', () => {
    for (const tenant of [undefined, 42, ['acme'], 'ACME']) {
      const thrown = (() => {
        try {
          principalFromClaims({ sub: 's', tenant, roles: 'viewer' }, config);
        } catch (e) {
          return e;
        }
      })();
      expect(thrown).toBeInstanceOf(Unauthenticated);
      expect((thrown as Unauthenticated).reason).toBe('TOKEN_TENANT');
    }
  });

  it.each([undefined, '', 42, 'line\nbreak', 'rtl\u202Eoverride', 'x'.repeat(201)])('falls back to the subject when the actor claim is %j', (name) =>
    expect(principalFromClaims({ sub: 's', tenant: 'acme', roles: 'viewer', name }, { ...config, actorClaim: 'name' }).displayName).toBe('s'),
  );
});
