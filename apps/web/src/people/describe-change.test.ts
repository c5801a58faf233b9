import { describe, expect, it } from 'vitest';
import { describeActor, describeChange } from './describe-change';

describe('a recorded change in words', () => {
  it('names people and roles by reference, so the page can link them', () => {
    expect(describeChange({ type: 'ManagerSet', data: { personId: 'p', managerId: 'm' } })).toEqual(['Reports to ', { person: 'm' }]);
    expect(describeChange({ type: 'ManagerSet', data: { personId: 'p', managerId: null } })).toEqual(['No longer reports to anyone']);
    expect(describeChange({ type: 'RoleAssigned', data: { roleId: 'r', allocationPercent: 60 } })).toEqual(['Took the role ', { role: 'r' }, ' at 60%']);
    expect(describeChange({ type: 'PersonRegistered', data: { title: 'Product Designer' } })).toEqual(['Joined as Product Designer']);
    expect(describeChange({ type: 'RoleRevised', data: { roleId: 'r', purpose: 'x', responsibilities: [] } })).toEqual(['Revised: purpose, responsibilities']);
    expect(describeChange({ type: 'SomethingNew', data: {} })).toEqual(['SomethingNew']);
  });

  it('says who made a change and through what', () => {
    expect(describeActor('key:ci-deploy', 'api')).toBe('ci-deploy (API key) via API');
    expect(describeActor('user:auth0|42', 'api')).toBe('user auth0|42 via API');
    expect(describeActor('hris:personio', 'hris:personio')).toBe('HRIS sync (personio)');
    expect(describeActor('demo-loader', 'system')).toBe('demo-loader (system)');
    expect(describeActor('system', 'system')).toBe('the system');
  });
});
