import { ArgsType, Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { At, ChangeKind as Kind, DiffSection as Section, OrgChange } from '@rolebook/projections';
import { ConnectionType, PageArgs } from '../graphql/pagination';
import { DateTime, JSONScalar } from '../graphql/scalars';

@ObjectType({ description: "Counts that describe the org at the snapshot's instant." })
export class OrgStats {
  @Field(() => Int, { description: 'Active people.' })
  headcount!: number;

  @Field(() => Int, { description: 'People terminated by the instant.' })
  terminatedPeople!: number;

  @Field(() => Int, { description: 'Active roles.' })
  roles!: number;

  @Field(() => Int, { description: 'Roles retired by the instant.' })
  retiredRoles!: number;

  @Field(() => Int, { description: 'Active roles nobody holds.' })
  vacantRoles!: number;

  @Field(() => Int, { description: 'Teams in effect.' })
  teams!: number;

  @Field(() => Int, { description: 'Role assignments in effect.' })
  activeAssignments!: number;

  @Field(() => Int, { description: 'Active people holding no role.' })
  unassignedPeople!: number;
}

@ObjectType('OrgSnapshot', { description: 'The whole org structure at an instant (valid time asOf), as recorded by knownAt (record time).' })
export class OrgSnapshotType {
  @Field(() => DateTime, { description: 'The valid-time instant the snapshot shows.' })
  asOf!: string;

  @Field(() => DateTime, { nullable: true, description: 'The record-time instant it was read as of; null: everything recorded so far.' })
  knownAt!: string | null;

  @Field(() => OrgStats, { description: 'Headcount, roles, vacancies and assignments at the instant.' })
  stats!: OrgStats;

  at!: At;
}

export enum DiffSection {
  PEOPLE = 'people',
  ROLES = 'roles',
  TEAMS = 'teams',
  ASSIGNMENTS = 'assignments',
  REPORTING_LINES = 'reportingLines',
}
registerEnumType(DiffSection, {
  name: 'DiffSection',
  description: 'A part of the org an org diff compares.',
  valuesMap: {
    PEOPLE: { description: 'People (name, title, status, ...), by person id.' },
    ROLES: { description: 'Roles (name, purpose, responsibilities, status), by role id.' },
    TEAMS: { description: 'Teams (name, parent, members), by team id.' },
    ASSIGNMENTS: { description: 'Role assignments (role, person, allocation), by assignment id.' },
    REPORTING_LINES: { description: "Who reports to whom, by the reporting person's id." },
  },
});

export enum ChangeKind {
  ADDED = 'added',
  REMOVED = 'removed',
  CHANGED = 'changed',
}
registerEnumType(ChangeKind, {
  name: 'ChangeKind',
  description: 'How an entry differs between the two instants of an org diff.',
  valuesMap: {
    ADDED: { description: 'Present at to, absent at from.' },
    REMOVED: { description: 'Present at from, absent at to.' },
    CHANGED: { description: 'Present at both, with different fields (see changedFields).' },
  },
});

@ObjectType('OrgChange', { description: 'One entry of an org diff: something added, removed or changed between from and to.' })
export class OrgChangeType {
  @Field(() => DiffSection, { description: 'The part of the org it belongs to.' })
  section!: Section;

  @Field(() => ChangeKind, { description: 'Added, removed or changed.' })
  kind!: Kind;

  @Field({ description: 'The person, role, team or assignment id (for reporting lines: the person).' })
  id!: string;

  @Field(() => JSONScalar, { nullable: true, description: 'The entry at from; null when added.' })
  before!: Record<string, unknown> | null;

  @Field(() => JSONScalar, { nullable: true, description: 'The entry at to; null when removed.' })
  after!: Record<string, unknown> | null;

  @Field(() => [String], { description: 'Names of the fields that differ (CHANGED only; empty otherwise).' })
  changedFields!: string[];
}

@ObjectType({ description: 'A page of the changes between two org snapshots, with the total count.' })
export class OrgChangeConnection extends ConnectionType(OrgChangeType, 'OrgChange') {}

@ObjectType({ description: 'How many entries of one section an org diff added, removed and changed.' })
export class OrgDiffCount {
  @Field(() => DiffSection, { description: 'The part of the org counted.' })
  section!: Section;

  @Field(() => Int, { description: 'Entries present at to only.' })
  added!: number;

  @Field(() => Int, { description: 'Entries present at from only.' })
  removed!: number;

  @Field(() => Int, { description: 'Entries present at both, with different fields.' })
  changed!: number;
}

@ObjectType('OrgDiff', { description: 'What differs between the org at two valid-time instants, both as recorded by knownAt.' })
export class OrgDiffType {
  @Field(() => DateTime, { description: 'The earlier instant (valid time).' })
  from!: string;

  @Field(() => DateTime, { description: 'The later instant (valid time).' })
  to!: string;

  @Field(() => DateTime, { nullable: true, description: 'The record-time instant both sides were read as of; null: everything recorded so far.' })
  knownAt!: string | null;

  @Field(() => [OrgDiffCount], { description: 'Counts per section, every section listed.' })
  summary!: OrgDiffCount[];

  /** Every change, for the `changes` field to filter and page. */
  all!: OrgChange[];
}

@InputType({ description: 'Narrows the changes of an org diff; every field given must match.' })
export class OrgDiffFilterInput {
  @Field(() => [DiffSection], { nullable: true, description: 'Only changes in these sections (default: all).' })
  sections?: Section[] | null;

  @Field(() => [ChangeKind], { nullable: true, description: 'Only changes of these kinds (default: all).' })
  kinds?: Kind[] | null;
}

@ArgsType()
export class OrgDiffArgs {
  @Field(() => DateTime, { description: 'The earlier instant (valid time; not after to).' })
  from!: Date;

  @Field(() => DateTime, { description: 'The later instant (valid time).' })
  to!: Date;

  @Field(() => DateTime, { nullable: true, description: 'Compare both instants as recorded by then (default: everything recorded).' })
  knownAt?: Date | null;
}

@ArgsType()
export class OrgChangesArgs extends PageArgs {
  @Field(() => OrgDiffFilterInput, { nullable: true, description: 'Which changes to list (default: all).' })
  filter?: OrgDiffFilterInput | null;
}
