import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { Assignment } from '@rolebook/domain';
import type { At, PersonView, Versioned } from '@rolebook/projections';
import { ConnectionType } from '../graphql/pagination';
import { DateTime } from '../graphql/scalars';

export enum PersonStatus {
  ACTIVE = 'Active',
  TERMINATED = 'Terminated',
}
registerEnumType(PersonStatus, { name: 'PersonStatus' });

@ObjectType('RoleAssignment')
export class RoleAssignmentType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  roleId!: string;

  @Field(() => Int)
  allocationPercent!: number;

  @Field(() => DateTime)
  effectiveFrom!: string;

  @Field(() => DateTime, { nullable: true, description: 'Exclusive end; null while open-ended.' })
  effectiveTo!: string | null;

  at!: At;
}

@ObjectType('Person')
export class PersonType {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Job title as the HRIS knows it.' })
  title!: string | null;

  @Field(() => PersonStatus)
  status!: PersonStatus;

  @Field(() => ID, { nullable: true })
  managerId!: string | null;

  @Field(() => DateTime)
  registeredAt!: string;

  @Field(() => DateTime, { nullable: true })
  terminatedAt!: string | null;

  @Field(() => Int, { description: 'Number of changes recorded for the person (as known at knownAt).' })
  version!: number;

  allAssignments!: Assignment[];
  at!: At;
}

@ObjectType()
export class PersonConnection extends ConnectionType(PersonType, 'Person') {}

export const toAssignment = (a: Assignment, at: At): RoleAssignmentType => ({
  id: a.assignmentId,
  roleId: a.roleId,
  allocationPercent: a.allocationPercent,
  effectiveFrom: a.effectiveFrom,
  effectiveTo: a.effectiveTo,
  at,
});

export const toPerson = ({ state, version }: Versioned<PersonView>, at: At): PersonType => ({
  id: state.id,
  name: state.name,
  email: state.email,
  title: state.title,
  status: state.status as PersonStatus,
  managerId: state.managerId,
  registeredAt: state.registeredAt,
  terminatedAt: state.status === 'Terminated' ? state.terminatedAt : null,
  version,
  allAssignments: state.assignments,
  at,
});
