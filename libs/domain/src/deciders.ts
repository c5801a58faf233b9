// The typed registry of aggregates: for each kind, its commands, events, state and decider. The
// command path reads it through `deciders[kind]` with `kind` generic, so a command reaches the
// decider of its own kind with its own type, and an event read back is checked to belong there.
import type { Decider, Effective } from './shared/decider';
import type { AggregateKind } from './shared/streams';
import { personDecider, type Person } from './person/person.decider';
import type { PersonCommand } from './person/person.commands';
import type { PersonEvent } from './person/person.events';
import { roleDecider, type Role } from './role/role.decider';
import type { RoleCommand } from './role/role.commands';
import type { RoleEvent } from './role/role.events';
import { teamDecider, type Team } from './team/team.decider';
import type { TeamCommand } from './team/team.commands';
import type { TeamEvent } from './team/team.events';
import { driftDecider, type Drift } from './drift/drift.decider';
import type { DriftCommand } from './drift/drift.commands';
import type { DriftEvent } from './drift/drift.events';
import { referenceDecider, type ReferenceCommand, type ReferenceEvent, type References } from './reference/reference.decider';
import type { OrgEvent, OrgEventType } from './catalog';

export interface Aggregates {
  role: { command: RoleCommand; event: RoleEvent; state: Role };
  person: { command: PersonCommand; event: PersonEvent; state: Person };
  team: { command: TeamCommand; event: TeamEvent; state: Team };
  drift: { command: DriftCommand; event: DriftEvent; state: Drift };
  reference: { command: ReferenceCommand; event: ReferenceEvent; state: References };
}

export type CommandOf<K extends AggregateKind> = Aggregates[K]['command'];
export type EventOf<K extends AggregateKind> = Aggregates[K]['event'];
export type StateOf<K extends AggregateKind> = Aggregates[K]['state'];

export type DeciderRegistry = { [K in AggregateKind]: Decider<CommandOf<K>, EventOf<K>, StateOf<K>> };

export const deciders: DeciderRegistry = { role: roleDecider, person: personDecider, team: teamDecider, drift: driftDecider, reference: referenceDecider };

/** The kind of aggregate whose stream each event type is written to. */
const KIND_OF: { [T in OrgEventType]: AggregateKind } = {
  RoleDefined: 'role',
  RoleRevised: 'role',
  RoleRetired: 'role',
  PersonRegistered: 'person',
  PersonDetailsUpdated: 'person',
  PersonTitleChanged: 'person',
  ManagerSet: 'person',
  RoleAssigned: 'person',
  RoleAssignmentEnded: 'person',
  PersonTerminated: 'person',
  PersonalDataErased: 'person',
  TeamCreated: 'team',
  TeamUpdated: 'team',
  TeamMemberAdded: 'team',
  TeamMemberRemoved: 'team',
  DriftDetected: 'drift',
  DriftResolved: 'drift',
  DriftWaived: 'drift',
  DriftCheckCompleted: 'drift',
  ReferenceModelPublished: 'reference',
};

/** An event read back from a stream of `kind` is one of that kind's events. */
export const isEventOf = <K extends AggregateKind>(kind: K, event: Effective<OrgEvent> | Effective<EventOf<K>>): event is Effective<EventOf<K>> =>
  KIND_OF[event.type] === kind;

export type AnyState = { status: string };
/** The read side folds every kind alike from the log (org-read-model), where no command is decided. */
export type AnyDecider = Pick<Decider<never, OrgEvent, AnyState>, 'initialState' | 'evolve'>;

export const deciderFor = (kind: AggregateKind): AnyDecider => deciders[kind] as unknown as AnyDecider;

export type EffectiveOrgEvent = Effective<OrgEvent>;
