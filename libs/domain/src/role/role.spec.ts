import { Conflict, NotFound, RuleViolation } from '../shared/errors';
import { deciderSpec, T0 } from '../testing/given';
import type { RoleCommand } from './role.commands';
import { roleDecider } from './role.decider';
import type { RoleEvent } from './role.events';

const given = deciderSpec(roleDecider);
const roleId = '00000000-0000-4000-8000-000000000001';
const later = '2026-02-01T00:00:00.000Z';
const defined: RoleEvent = {
  type: 'RoleDefined',
  data: { roleId, name: 'Product Manager', purpose: 'Discover value', responsibilities: ['Discovery'], referenceRoleKey: null },
};
const retired: RoleEvent = { type: 'RoleRetired', data: { roleId } };
const define: RoleCommand = {
  type: 'DefineRole',
  roleId,
  effectiveAt: T0,
  name: 'Product Manager',
  purpose: 'Discover value',
  responsibilities: ['Discovery'],
  referenceRoleKey: null,
};
const revise = (fields: Partial<{ name: string; purpose: string; responsibilities: string[] }>, effectiveAt = later): RoleCommand => ({
  type: 'ReviseRole',
  roleId,
  effectiveAt,
  ...fields,
});
const retire = (activeAssignments = 0): RoleCommand => ({ type: 'RetireRole', roleId, effectiveAt: later, activeAssignments });

describe('Role', () => {
  it('is defined once', () => given([]).when(define).then([defined]));
  it('cannot be defined twice', () => given([defined]).when(define).thenThrows(Conflict, 'ROLE_ALREADY_DEFINED'));
  it('revises only what changed', () =>
    given([defined])
      .when(revise({ name: 'Product Manager', purpose: 'Outcomes' }))
      .then([{ type: 'RoleRevised', data: { roleId, purpose: 'Outcomes' } }]));
  it('records nothing for a revision that changes nothing', () =>
    given([defined])
      .when(revise({ responsibilities: ['Discovery'] }))
      .then([]));
  it('revises responsibilities when their order changes', () => {
    const twoDuties: RoleEvent = { type: 'RoleDefined', data: { ...defined.data, responsibilities: ['A', 'B'] } };
    given([twoDuties])
      .when(revise({ responsibilities: ['B', 'A'] }))
      .then([{ type: 'RoleRevised', data: { roleId, responsibilities: ['B', 'A'] } }]);
  });
  it('cannot revise an unknown role', () =>
    given([])
      .when(revise({ name: 'X' }))
      .thenThrows(NotFound, 'ROLE_NOT_FOUND'));
  it('cannot revise a retired role', () =>
    given([defined, retired])
      .when(revise({ name: 'X' }))
      .thenThrows(RuleViolation, 'ROLE_RETIRED'));
  it('cannot change before it was defined', () =>
    given([defined])
      .when(revise({ name: 'X' }, '2025-12-31T00:00:00.000Z'))
      .thenThrows(RuleViolation, 'EFFECTIVE_BEFORE_DEFINITION'));
  it('is retired when nobody holds it', () => given([defined]).when(retire()).then([retired]));
  it('cannot be retired while assigned', () => given([defined]).when(retire(2)).thenThrows(RuleViolation, 'ROLE_STILL_ASSIGNED'));
  it('retiring twice records nothing', () => given([defined, retired]).when(retire()).then([]));
});
