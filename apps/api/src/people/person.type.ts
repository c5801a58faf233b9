import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { Assignment } from '@rolebook/domain';
import type { At, PersonView, Versioned } from '@rolebook/projections';
import { ConnectionType } from '../graphql/pagination';
import { DateTime } from '../graphql/scalars';

export enum PersonStatus {
  ACTIVE = 'Active',
  TERMINATED = 'Terminated',
}
registerEnumType(PersonStatus, {
  name: 'PersonStatus',
  description: 'Whether a person is with the organization at the instant read.',
  valuesMap: {
    ACTIVE: { description: 'Registered and not terminated.' },
    TERMINATED: { description: 'Left the organization (terminatedAt); their assignments ended then.' },
  },
});

@ObjectType('RoleAssignment', { description: 'A person holding a role for a share of their time over an effective interval [effectiveFrom, effectiveTo).' })
export class RoleAssignmentType {
  @Field(() => ID, { description: "The assignment's id (a UUID), unique within the person." })
  id!: string;

  @Field(() => ID, { description: 'The role held (a UUID); see role for the role itself.' })
  roleId!: string;

  @Field(() => Int, { description: "Share of the person's time in the role, in percent (1 to 100)." })
  allocationPercent!: number;

  @Field(() => DateTime, { description: 'When the assignment starts (inclusive).' })
  effectiveFrom!: string;

  @Field(() => DateTime, { nullable: true, description: 'When the assignment ends (exclusive); null while open-ended.' })
  effectiveTo!: string | null;

  at!: At;
}

@ObjectType('Person', {
  description:
    'Someone in the organization, as in effect at the asOf instant and as recorded by knownAt. Name and email are personal data: after an erasure the name reads [erased] and the email null.',
})
export class PersonType {
  @Field(() => ID, { description: "The person's id (a UUID; for HRIS hires, derived from the tenant, provider and employee id)." })
  id!: string;

  @Field({ description: 'Full name as recorded; [erased] after erasePersonalData.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Work email (auditor role and above); null when none is recorded or after an erasure.' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Job title as the HRIS knows it (it may differ from the roles held); null when none is recorded.' })
  title!: string | null;

  @Field(() => PersonStatus, { description: 'Active or terminated at the instant read.' })
  status!: PersonStatus;

  @Field(() => ID, { nullable: true, description: 'Id of the person they report to at the instant; null: no manager.' })
  managerId!: string | null;

  @Field(() => DateTime, { description: 'When the person joined (the effective time of their registration).' })
  registeredAt!: string;

  @Field(() => DateTime, { nullable: true, description: 'When the termination took effect; null while active.' })
  terminatedAt!: string | null;

  @Field(() => Int, { description: 'Number of changes recorded for the person (as known at knownAt).' })
  version!: number;

  allAssignments!: Assignment[];
  at!: At;
}

@ObjectType({ description: 'A page of people, with the total count.' })
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
