// What the read model answers about org entities: their state in force at an instant (never
// 'Unknown'), and the whole org at one instant (the input of diffs and drift checks).
import type { Person, Role, Team } from '@rolebook/domain';

export type RoleView = Exclude<Role, { status: 'Unknown' }>;
export type PersonView = Exclude<Person, { status: 'Unknown' }>;
export type TeamView = Exclude<Team, { status: 'Unknown' }>;

export interface OrgSnapshotData {
  at: string;
  roles: RoleView[];
  people: PersonView[];
  teams: TeamView[];
}
