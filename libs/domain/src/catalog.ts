// Every event type the domain writes, with the version the code writes and reads.
// To change an event's shape: bump its version here and register an upcaster from the old one.
import { UpcasterRegistry } from './shared/upcasting';
import type { PersonEvent } from './person/person.events';
import type { RoleEvent } from './role/role.events';
import type { TeamEvent } from './team/team.events';

export type OrgEvent = RoleEvent | PersonEvent | TeamEvent;
export type OrgEventType = OrgEvent['type'];

const currentVersions: Record<OrgEventType, number> = {
  RoleDefined: 1,
  RoleRevised: 1,
  RoleRetired: 1,
  PersonRegistered: 1,
  PersonDetailsUpdated: 1,
  PersonTitleChanged: 1,
  ManagerSet: 1,
  RoleAssigned: 1,
  RoleAssignmentEnded: 1,
  PersonTerminated: 1,
  TeamCreated: 1,
  TeamUpdated: 1,
  TeamMemberAdded: 1,
  TeamMemberRemoved: 1,
};

export const createUpcasters = (): UpcasterRegistry => {
  const registry = new UpcasterRegistry();
  for (const [type, version] of Object.entries(currentVersions)) registry.declare(type, version);
  return registry;
};

export const upcasters = createUpcasters();
