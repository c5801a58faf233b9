import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import type { AddTeamMemberFields, CreateTeamFields, UpdateTeamFields } from '@rolebook/application';
import { isoInstant, MutationInput } from '../graphql/mutation.input';
import { PageArgs } from '../graphql/pagination';
import { WithTemporal } from '../graphql/temporal.args';

@InputType()
export class CreateTeamInput extends MutationInput {
  @Field(() => ID, { nullable: true, description: 'A UUID; generated (from idempotencyKey when given) if absent.' })
  id?: string | null;

  @Field()
  name!: string;

  @Field(() => ID, { nullable: true })
  parentTeamId?: string | null;
}

@InputType()
export class UpdateTeamInput extends MutationInput {
  @Field(() => ID)
  teamId!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => ID, { nullable: true, description: 'null detaches the team from its parent; absent leaves it.' })
  parentTeamId?: string | null;
}

@InputType()
export class TeamMemberInput extends MutationInput {
  @Field(() => ID)
  teamId!: string;

  @Field(() => ID)
  personId!: string;
}

export const createTeamFields = (i: CreateTeamInput): CreateTeamFields => ({
  id: i.id,
  name: i.name,
  parentTeamId: i.parentTeamId,
  effectiveAt: isoInstant(i.effectiveAt),
});

export const updateTeamFields = (i: UpdateTeamInput): UpdateTeamFields => ({
  teamId: i.teamId,
  name: i.name,
  parentTeamId: i.parentTeamId,
  effectiveAt: isoInstant(i.effectiveAt),
});

/** Adding and removing a member take the same fields. */
export const teamMemberFields = (i: TeamMemberInput): AddTeamMemberFields => ({
  teamId: i.teamId,
  personId: i.personId,
  effectiveAt: isoInstant(i.effectiveAt),
});

@InputType()
export class TeamFilterInput {
  @Field(() => ID, { nullable: true })
  parentTeamId?: string | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the name.' })
  nameContains?: string | null;
}

/** A page of the list, read at the instant of the object it hangs from. */
@ArgsType()
export class TeamsListArgs extends PageArgs {
  @Field(() => TeamFilterInput, { nullable: true })
  filter?: TeamFilterInput | null;
}

@ArgsType()
export class TeamsArgs extends WithTemporal(TeamsListArgs) {}
