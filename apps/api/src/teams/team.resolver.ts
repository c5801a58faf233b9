import { Args, Context, Field, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Rolebook } from '@rolebook/runtime';
import type { Config } from '@rolebook/config';
import type { At } from '@rolebook/projections';
import { mustExist, mutate, payloadFields, type Command } from '../graphql/mutate';
import type { MutationInput } from '../graphql/mutation.input';
import { MutationPayload } from '../graphql/mutation.payload';
import { pageRequest, toConnection } from '../graphql/pagination';
import type { GqlContext } from '../graphql/request-context';
import { atOf, TemporalArgs } from '../graphql/temporal.args';
import { PersonType, toPerson } from '../people/person.type';
import { InjectConfig, InjectRolebook } from '../rolebook.providers';
import {
  CreateTeamInput,
  createTeamFields,
  TeamMemberInput,
  teamMemberFields,
  TeamsArgs,
  type TeamsListArgs,
  UpdateTeamInput,
  updateTeamFields,
} from './team.inputs';
import { TeamConnection, TeamType, toTeam } from './team.type';

/** A page of teams at `at`: the one list `teams` and `org { teams }` both serve. */
export const listTeams = (rolebook: Rolebook, maxPageSize: number, tenantId: string, at: At, args: TeamsListArgs): TeamConnection => {
  const filter = { parentTeamId: args.filter?.parentTeamId ?? undefined, nameContains: args.filter?.nameContains ?? undefined };
  return toConnection(rolebook.queries.teams(tenantId, at, filter, pageRequest(args, maxPageSize)), (node) => toTeam(node, at));
};

@ObjectType({ description: 'What a team mutation did: the team after it, its version and position, and whether anything changed.' })
export class TeamPayload extends MutationPayload {
  @Field(() => TeamType, { description: "The team as of the change's effectiveAt (or now, if that is earlier)." })
  team!: TeamType;
}

@Resolver(() => TeamType)
export class TeamResolver {
  constructor(
    @InjectRolebook() private readonly rolebook: Rolebook,
    @InjectConfig() private readonly config: Config,
  ) {}

  @Query(() => TeamType, { nullable: true, description: 'One team at asOf, as recorded by knownAt; null when it did not exist then.' })
  team(
    @Args('id', { type: () => ID, description: "The team's id (a UUID)." }) id: string,
    @Args() temporal: TemporalArgs,
    @Context() ctx: GqlContext,
  ): TeamType | null {
    const at = atOf(temporal, new Date());
    const team = this.rolebook.queries.team(ctx.tenantId, id, at);
    return team && toTeam(team, at);
  }

  @Query(() => TeamConnection, { description: "The tenant's teams at asOf, as recorded by knownAt, by name." })
  teams(@Args() args: TeamsArgs, @Context() ctx: GqlContext): TeamConnection {
    return listTeams(this.rolebook, this.config.MAX_PAGE_SIZE, ctx.tenantId, atOf(args, new Date()), args);
  }

  @ResolveField(() => TeamType, { nullable: true, description: 'The team it belongs to, at the same instant; null: a top-level team.' })
  parentTeam(@Parent() team: TeamType, @Context() ctx: GqlContext): TeamType | null {
    if (!team.parentTeamId) return null;
    const parent = this.rolebook.queries.team(ctx.tenantId, team.parentTeamId, team.at);
    return parent && toTeam(parent, team.at);
  }

  @ResolveField(() => [TeamType], { description: 'The teams directly inside it, at the same instant.' })
  childTeams(@Parent() team: TeamType, @Context() ctx: GqlContext): TeamType[] {
    return this.rolebook.queries.childTeams(ctx.tenantId, team.id, team.at).map((t) => toTeam(t, team.at));
  }

  @ResolveField(() => [PersonType], { description: 'Members as they stood at the instant.' })
  members(@Parent() team: TeamType, @Context() ctx: GqlContext): PersonType[] {
    return team.memberIds.flatMap((id) => {
      const person = this.rolebook.queries.person(ctx.tenantId, id, team.at);
      return person ? [toPerson(person, team.at)] : [];
    });
  }

  private async payload<F>(input: MutationInput, ctx: GqlContext, command: Command<F>, fields: F): Promise<TeamPayload> {
    const { result, at } = await mutate(input, ctx, command, fields);
    return { team: toTeam(mustExist(this.rolebook.queries.team(ctx.tenantId, result.id, at), 'team'), at), ...payloadFields(result) };
  }

  @Mutation(() => TeamPayload, { description: 'Creates a team (editor).' })
  createTeam(@Args('input', { description: "The team's name and optional parent." }) input: CreateTeamInput, @Context() ctx: GqlContext) {
    return this.payload(input, ctx, this.rolebook.commands.createTeam, createTeamFields(input));
  }

  @Mutation(() => TeamPayload, { description: 'Renames a team or moves it under another parent (editor).' })
  updateTeam(@Args('input', { description: 'The team and the fields that change.' }) input: UpdateTeamInput, @Context() ctx: GqlContext) {
    return this.payload(input, ctx, this.rolebook.commands.updateTeam, updateTeamFields(input));
  }

  @Mutation(() => TeamPayload, { description: 'Adds a person to a team (editor).' })
  addTeamMember(@Args('input', { description: 'The team and the person.' }) input: TeamMemberInput, @Context() ctx: GqlContext) {
    return this.payload(input, ctx, this.rolebook.commands.addTeamMember, teamMemberFields(input));
  }

  @Mutation(() => TeamPayload, { description: 'Removes a person from a team (editor).' })
  removeTeamMember(@Args('input', { description: 'The team and the person.' }) input: TeamMemberInput, @Context() ctx: GqlContext) {
    return this.payload(input, ctx, this.rolebook.commands.removeTeamMember, teamMemberFields(input));
  }
}
