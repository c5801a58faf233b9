import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import type {
  AssignRoleFields,
  EndRoleAssignmentFields,
  RegisterPersonFields,
  SetManagerFields,
  TerminatePersonFields,
  UpdatePersonFields,
} from '@rolebook/application';
import { isoInstant, MutationInput } from '../graphql/mutation.input';
import { PageArgs } from '../graphql/pagination';
import { WithTemporal } from '../graphql/temporal.args';
import { DateTime } from '../graphql/scalars';
import { PersonStatus } from './person.type';

@InputType({ description: 'A person joining the organization at effectiveAt.' })
export class RegisterPersonInput extends MutationInput {
  @Field(() => ID, { nullable: true, description: 'A UUID; generated (from idempotencyKey when given) if absent.' })
  id?: string | null;

  @Field({ description: 'Full name (trimmed, NFC-normalised; not empty). Personal data: sealed in the event log.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Work email (at most 254 characters; compared ignoring case). Personal data: sealed in the event log.' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Job title as the HRIS knows it (default: none).' })
  title?: string | null;
}

@InputType({ description: "A change of a person's name, email or job title from effectiveAt on; fields left out keep their value." })
export class UpdatePersonInput extends MutationInput {
  @Field(() => ID, { description: 'The person to update (a UUID).' })
  personId!: string;

  @Field(() => String, { nullable: true, description: 'The new full name; absent leaves it (refused after an erasure).' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'null clears the email; absent leaves it.' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'null clears the title; absent leaves it.' })
  title?: string | null;
}

@InputType({ description: 'Who a person reports to from effectiveAt on; a reporting line may not form a cycle.' })
export class SetManagerInput extends MutationInput {
  @Field(() => ID, { description: 'The person whose manager changes (a UUID).' })
  personId!: string;

  @Field(() => ID, { nullable: true, description: 'The new manager (a UUID, in force at effectiveAt); null removes the manager.' })
  managerId!: string | null;
}

@InputType({ description: 'A person takes on a role for a share of their time, from effectiveAt until effectiveTo.' })
export class AssignRoleInput extends MutationInput {
  @Field(() => ID, { description: 'The person (a UUID; active at effectiveAt).' })
  personId!: string;

  @Field(() => ID, { description: 'The role (a UUID; in effect and not retired at effectiveAt).' })
  roleId!: string;

  @Field(() => Int, { description: "Share of the person's time, in percent (1 to 100); a person's allocations never exceed 100% at any instant." })
  allocationPercent!: number;

  @Field(() => ID, { nullable: true, description: "The new assignment's id (a UUID); generated (from idempotencyKey when given) if absent." })
  assignmentId?: string | null;

  @Field(() => DateTime, { nullable: true, description: 'Exclusive end of the assignment, after effectiveAt; absent: open-ended.' })
  effectiveTo?: Date | null;
}

@InputType({ description: "Ends one of a person's role assignments at effectiveAt." })
export class EndRoleAssignmentInput extends MutationInput {
  @Field(() => ID, { description: 'The person holding the assignment (a UUID).' })
  personId!: string;

  @Field(() => ID, { description: 'The assignment to end (RoleAssignment.id).' })
  assignmentId!: string;
}

@InputType({ description: 'A person leaves the organization at effectiveAt; every open assignment ends then.' })
export class TerminatePersonInput extends MutationInput {
  @Field(() => ID, { description: 'The person leaving (a UUID).' })
  personId!: string;
}

export const registerPersonFields = (i: RegisterPersonInput): RegisterPersonFields => ({
  id: i.id,
  name: i.name,
  email: i.email,
  title: i.title,
  effectiveAt: isoInstant(i.effectiveAt),
});

export const updatePersonFields = (i: UpdatePersonInput): UpdatePersonFields => ({
  personId: i.personId,
  name: i.name,
  email: i.email,
  title: i.title,
  effectiveAt: isoInstant(i.effectiveAt),
});

export const setManagerFields = (i: SetManagerInput): SetManagerFields => ({
  personId: i.personId,
  managerId: i.managerId,
  effectiveAt: isoInstant(i.effectiveAt),
});

export const assignRoleFields = (i: AssignRoleInput): AssignRoleFields => ({
  personId: i.personId,
  roleId: i.roleId,
  allocationPercent: i.allocationPercent,
  assignmentId: i.assignmentId,
  effectiveTo: isoInstant(i.effectiveTo),
  effectiveAt: isoInstant(i.effectiveAt),
});

export const endRoleAssignmentFields = (i: EndRoleAssignmentInput): EndRoleAssignmentFields => ({
  personId: i.personId,
  assignmentId: i.assignmentId,
  effectiveAt: isoInstant(i.effectiveAt),
});

export const terminatePersonFields = (i: TerminatePersonInput): TerminatePersonFields => ({ personId: i.personId, effectiveAt: isoInstant(i.effectiveAt) });

@InputType({ description: 'Narrows a list of people at the instant read; every field given must match.' })
export class PersonFilterInput {
  @Field(() => PersonStatus, { nullable: true, description: 'Only people with this status (default: both).' })
  status?: PersonStatus | null;

  @Field(() => ID, { nullable: true, description: 'Only people reporting directly to this person.' })
  managerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'People holding this role at the instant.' })
  roleId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Members of this team at the instant.' })
  teamId?: string | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the name.' })
  nameContains?: string | null;
}

/** A page of the list, read at the instant of the object it hangs from. */
@ArgsType()
export class PeopleListArgs extends PageArgs {
  @Field(() => PersonFilterInput, { nullable: true, description: 'Which people to list (default: all).' })
  filter?: PersonFilterInput | null;
}

@ArgsType()
export class PeopleArgs extends WithTemporal(PeopleListArgs) {}
