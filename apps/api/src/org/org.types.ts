import { ArgsType, Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { At, ChangeKind as Kind, DiffSection as Section, OrgChange } from '@rolebook/projections';
import { ConnectionType, PageArgs } from '../graphql/pagination';
import { DateTime, JSONScalar } from '../graphql/scalars';

@ObjectType()
export class OrgStats {
  @Field(() => Int, { description: 'Active people.' })
  headcount!: number;

  @Field(() => Int)
  terminatedPeople!: number;

  @Field(() => Int, { description: 'Active roles.' })
  roles!: number;

  @Field(() => Int)
  retiredRoles!: number;

  @Field(() => Int, { description: 'Active roles nobody holds.' })
  vacantRoles!: number;

  @Field(() => Int)
  teams!: number;

  @Field(() => Int, { description: 'Role assignments in effect.' })
  activeAssignments!: number;

  @Field(() => Int, { description: 'Active people holding no role.' })
  unassignedPeople!: number;
}

@ObjectType('OrgSnapshot', { description: 'The whole org structure at an instant.' })
export class OrgSnapshotType {
  @Field(() => DateTime)
  asOf!: string;

  @Field(() => DateTime, { nullable: true, description: 'null: everything recorded so far.' })
  knownAt!: string | null;

  @Field(() => OrgStats)
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
registerEnumType(DiffSection, { name: 'DiffSection' });

export enum ChangeKind {
  ADDED = 'added',
  REMOVED = 'removed',
  CHANGED = 'changed',
}
registerEnumType(ChangeKind, { name: 'ChangeKind' });

@ObjectType('OrgChange')
export class OrgChangeType {
  @Field(() => DiffSection)
  section!: Section;

  @Field(() => ChangeKind)
  kind!: Kind;

  @Field({ description: 'The person, role, team or assignment id (for reporting lines: the person).' })
  id!: string;

  @Field(() => JSONScalar, { nullable: true })
  before!: Record<string, unknown> | null;

  @Field(() => JSONScalar, { nullable: true })
  after!: Record<string, unknown> | null;

  @Field(() => [String])
  changedFields!: string[];
}

@ObjectType()
export class OrgChangeConnection extends ConnectionType(OrgChangeType, 'OrgChange') {}

@ObjectType()
export class OrgDiffCount {
  @Field(() => DiffSection)
  section!: Section;

  @Field(() => Int)
  added!: number;

  @Field(() => Int)
  removed!: number;

  @Field(() => Int)
  changed!: number;
}

@ObjectType('OrgDiff')
export class OrgDiffType {
  @Field(() => DateTime)
  from!: string;

  @Field(() => DateTime)
  to!: string;

  @Field(() => DateTime, { nullable: true })
  knownAt!: string | null;

  @Field(() => [OrgDiffCount])
  summary!: OrgDiffCount[];

  /** Every change, for the `changes` field to filter and page. */
  all!: OrgChange[];
}

@InputType()
export class OrgDiffFilterInput {
  @Field(() => [DiffSection], { nullable: true })
  sections?: Section[] | null;

  @Field(() => [ChangeKind], { nullable: true })
  kinds?: Kind[] | null;
}

@ArgsType()
export class OrgDiffArgs {
  @Field(() => DateTime)
  from!: Date;

  @Field(() => DateTime)
  to!: Date;

  @Field(() => DateTime, { nullable: true, description: 'Compare both instants as recorded by then (default: everything recorded).' })
  knownAt?: Date | null;
}

@ArgsType()
export class OrgChangesArgs extends PageArgs {
  @Field(() => OrgDiffFilterInput, { nullable: true })
  filter?: OrgDiffFilterInput | null;
}
