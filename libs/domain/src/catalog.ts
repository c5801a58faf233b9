// Every event type the domain writes, with the version the code writes and reads.
// To change an event's shape: bump its version here and register an upcaster from the old one.
import { UpcasterRegistry } from './shared/upcasting';
import type { PersonEvent } from './person/person.events';
import type { RoleEvent } from './role/role.events';
import type { TeamEvent } from './team/team.events';
import type { DriftEvent } from './drift/drift.events';
import type { ReferenceEvent } from './reference/reference.decider';

export type OrgEvent = RoleEvent | PersonEvent | TeamEvent | DriftEvent | ReferenceEvent;
export type OrgEventType = OrgEvent['type'];

const currentVersions: Record<OrgEventType, number> = {
  RoleDefined: 2,
  RoleRevised: 1,
  RoleRetired: 1,
  PersonRegistered: 1,
  PersonDetailsUpdated: 1,
  PersonTitleChanged: 1,
  ManagerSet: 1,
  RoleAssigned: 1,
  RoleAssignmentEnded: 1,
  PersonTerminated: 1,
  PersonalDataErased: 1,
  TeamCreated: 1,
  TeamUpdated: 1,
  TeamMemberAdded: 1,
  TeamMemberRemoved: 1,
  DriftDetected: 1,
  DriftResolved: 1,
  DriftWaived: 1,
  DriftCheckCompleted: 1,
  ReferenceModelPublished: 1,
};

export const createUpcasters = (): UpcasterRegistry => {
  const registry = new UpcasterRegistry();
  for (const [type, version] of Object.entries(currentVersions)) registry.declare(type, version);
  // v2 added the role's explicit mapping to a reference role; roles defined before had none
  registry.register('RoleDefined', 1, (data) => ({ ...(data as object), referenceRoleKey: null }));
  return registry;
};

export const upcasters = createUpcasters();
