import type { DomainEvent } from '../shared/events';
import type { Instant } from '../shared/time';

export type PersonRegistered = DomainEvent<'PersonRegistered', { personId: string; name: string; email: string | null; title: string | null }>;
export type PersonDetailsUpdated = DomainEvent<'PersonDetailsUpdated', { personId: string; name?: string; email?: string | null }>;
export type PersonTitleChanged = DomainEvent<'PersonTitleChanged', { personId: string; title: string | null }>;
export type ManagerSet = DomainEvent<'ManagerSet', { personId: string; managerId: string | null }>;
export type RoleAssigned = DomainEvent<
  'RoleAssigned',
  { personId: string; assignmentId: string; roleId: string; allocationPercent: number; effectiveFrom: Instant; effectiveTo: Instant | null }
>;
export type RoleAssignmentEnded = DomainEvent<'RoleAssignmentEnded', { personId: string; assignmentId: string; effectiveTo: Instant }>;
export type PersonTerminated = DomainEvent<'PersonTerminated', { personId: string }>;

/** The person's personal data was erased: their data key is destroyed, so what was sealed with it reads as placeholders from now on. */
export type PersonalDataErased = DomainEvent<'PersonalDataErased', { personId: string }>;
export type PersonEvent =
  PersonRegistered | PersonDetailsUpdated | PersonTitleChanged | ManagerSet | RoleAssigned | RoleAssignmentEnded | PersonTerminated | PersonalDataErased;
