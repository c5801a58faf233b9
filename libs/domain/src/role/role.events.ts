import type { DomainEvent } from '../shared/events';

export type RoleDefined = DomainEvent<
  'RoleDefined',
  { roleId: string; name: string; purpose: string; responsibilities: string[]; referenceRoleKey: string | null }
>;
export type RoleRevised = DomainEvent<
  'RoleRevised',
  { roleId: string; name?: string; purpose?: string; responsibilities?: string[]; referenceRoleKey?: string | null }
>;
export type RoleRetired = DomainEvent<'RoleRetired', { roleId: string }>;

export type RoleEvent = RoleDefined | RoleRevised | RoleRetired;
