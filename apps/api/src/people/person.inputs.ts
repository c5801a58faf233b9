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

@InputType()
export class RegisterPersonInput extends MutationInput {
  @Field(() => ID, { nullable: true, description: 'A UUID; generated (from idempotencyKey when given) if absent.' })
  id?: string | null;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  title?: string | null;
}

@InputType()
export class UpdatePersonInput extends MutationInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'null clears the email; absent leaves it.' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'null clears the title; absent leaves it.' })
  title?: string | null;
}

@InputType()
export class SetManagerInput extends MutationInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => ID, { nullable: true, description: 'null removes the manager.' })
  managerId!: string | null;
}

@InputType()
export class AssignRoleInput extends MutationInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => ID)
  roleId!: string;

  @Field(() => Int, { description: "1 to 100; a person's allocations never exceed 100% at any instant." })
  allocationPercent!: number;

  @Field(() => ID, { nullable: true, description: 'A UUID; generated if absent.' })
  assignmentId?: string | null;

  @Field(() => DateTime, { nullable: true, description: 'Exclusive end of the assignment; it starts at effectiveAt.' })
  effectiveTo?: Date | null;
}

@InputType()
export class EndRoleAssignmentInput extends MutationInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => ID)
  assignmentId!: string;
}

@InputType()
export class TerminatePersonInput extends MutationInput {
  @Field(() => ID)
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

@InputType()
export class PersonFilterInput {
  @Field(() => PersonStatus, { nullable: true })
  status?: PersonStatus | null;

  @Field(() => ID, { nullable: true })
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
  @Field(() => PersonFilterInput, { nullable: true })
  filter?: PersonFilterInput | null;
}

@ArgsType()
export class PeopleArgs extends WithTemporal(PeopleListArgs) {}
