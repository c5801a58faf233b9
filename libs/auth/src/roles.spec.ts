import { Forbidden, requireRole, type Principal } from './principal';
import { grants, ROLES, type Role } from './roles';

describe('grants', () => {
  // held → the roles it grants
  const expected: Record<Role, Role[]> = {
    viewer: ['viewer'],
    auditor: ['viewer', 'auditor'],
    editor: ['viewer', 'auditor', 'editor'],
    admin: ['viewer', 'auditor', 'editor', 'admin'],
    integration: ['integration'],
  };

  it.each(ROLES)('%s grants exactly what it holds and the staff roles below it', (held) => {
    expect(ROLES.filter((required) => grants(held, required))).toEqual(expected[held]);
  });
});

describe('requireRole', () => {
  const principal = (role: Role): Principal => ({ kind: 'api-key', id: 'k', displayName: 'k', tenantId: 'acme', role });

  it('lets a sufficient role through', () => expect(() => requireRole(principal('admin'), 'editor')).not.toThrow());

  it('refuses with FORBIDDEN naming the role needed', () => {
    const error = (() => {
      try {
        requireRole(principal('auditor'), 'editor');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(Forbidden);
    expect(error).toMatchObject({ code: 'FORBIDDEN', required: 'editor', reason: 'ROLE_REQUIRED', message: 'This operation requires the editor role' });
  });

  it('refuses an admin what only an integration may do', () => expect(() => requireRole(principal('admin'), 'integration')).toThrow(Forbidden));
});
