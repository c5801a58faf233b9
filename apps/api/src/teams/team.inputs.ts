import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import type { AddTeamMemberFields, CreateTeamFields, UpdateTeamFields } from '@rolebook/application';
import { isoInstant, MutationInput } from '../graphql/mutation.input';
import { PageArgs } from '../graphql/pagination';
import { WithTemporal } from '../graphql/temporal.args';

@InputType({ description: 'A new team, in effect from effectiveAt.' })
export class CreateTeamInput extends MutationInput {
  @Field(() => ID, { nullable: true, description: 'A UUID; generated (from idempotencyKey when given) if absent.' })
  id?: string | null;

  @Field({ description: "The team's name (trimmed, NFC-normalised; not empty)." })
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The team it belongs to (a UUID); absent: a top-level team.' })
  parentTeamId?: string | null;
}

@InputType({ description: "A change of a team's name or parent from effectiveAt on; fields left out keep their value. Parent teams may not form a cycle." })
export class UpdateTeamInput extends MutationInput {
  @Field(() => ID, { description: 'The team to update (a UUID).' })
  teamId!: string;

  @Field(() => String, { nullable: true, description: 'The new name; absent leaves it.' })
  name?: string | null;

  @Field(() => ID, { nullable: true, description: 'null detaches the team from its parent; absent leaves it.' })
  parentTeamId?: string | null;
}

@InputType({ description: 'A person joining or leaving a team at effectiveAt.' })
export class TeamMemberInput extends MutationInput {
  @Field(() => ID, { description: 'The team (a UUID).' })
  teamId!: string;

  @Field(() => ID, { description: 'The person (a UUID).' })
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

@InputType({ description: 'Narrows a list of teams at the instant read; every field given must match.' })
export class TeamFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only the direct child teams of this team.' })
  parentTeamId?: string | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the name.' })
  nameContains?: string | null;
}

/** A page of the list, read at the instant of the object it hangs from. */
@ArgsType()
export class TeamsListArgs extends PageArgs {
  @Field(() => TeamFilterInput, { nullable: true, description: 'Which teams to list (default: all).' })
  filter?: TeamFilterInput | null;
}

@ArgsType()
export class TeamsArgs extends WithTemporal(TeamsListArgs) {}
