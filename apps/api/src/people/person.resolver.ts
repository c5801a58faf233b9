import { Args, Context, Field, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { CommandResult } from '@rolebook/application';
import type { Rolebook } from '@rolebook/runtime';
import type { Config } from '@rolebook/config';
import type { At } from '@rolebook/projections';
import { inForceAt } from '@rolebook/domain';
import { mustExist, mutate, payloadFields, type Command } from '../graphql/mutate';
import type { MutationInput } from '../graphql/mutation.input';
import { MutationPayload } from '../graphql/mutation.payload';
import { pageRequest, toConnection } from '../graphql/pagination';
import type { GqlContext } from '../graphql/request-context';
import { atOf, TemporalArgs } from '../graphql/temporal.args';
import { RoleType, toRole } from '../roles/role.type';
import { TeamType, toTeam } from '../teams/team.type';
import { InjectConfig, InjectRolebook } from '../rolebook.providers';
import {
  AssignRoleInput,
  assignRoleFields,
  EndRoleAssignmentInput,
  endRoleAssignmentFields,
  PeopleArgs,
  type PeopleListArgs,
  RegisterPersonInput,
  registerPersonFields,
  SetManagerInput,
  setManagerFields,
  TerminatePersonInput,
  terminatePersonFields,
  UpdatePersonInput,
  updatePersonFields,
} from './person.inputs';
import { PersonConnection, PersonType, RoleAssignmentType, toAssignment, toPerson } from './person.type';

/** A page of people at `at`: the one list `people` and `org { people }` both serve. */
export const listPeople = (rolebook: Rolebook, maxPageSize: number, tenantId: string, at: At, args: PeopleListArgs): PersonConnection => {
  const f = args.filter ?? {};
  const filter = {
    status: f.status ?? undefined,
    managerId: f.managerId ?? undefined,
    roleId: f.roleId ?? undefined,
    teamId: f.teamId ?? undefined,
    nameContains: f.nameContains ?? undefined,
  };
  return toConnection(rolebook.queries.people(tenantId, at, filter, pageRequest(args, maxPageSize)), (node) => toPerson(node, at));
};

@ObjectType({ description: 'What a person mutation did: the person after it, their version and position, and whether anything changed.' })
export class PersonPayload extends MutationPayload {
  @Field(() => PersonType, { description: "The person as of the change's effectiveAt (or now, if that is earlier)." })
  person!: PersonType;
}

@ObjectType({ description: 'What an assignment mutation did: the person, the assignment, the version and position, and whether anything changed.' })
export class RoleAssignmentPayload extends PersonPayload {
  @Field(() => RoleAssignmentType, { description: 'The assignment made or ended, as it stands after the change.' })
  assignment!: RoleAssignmentType;
}

@Resolver(() => PersonType)
export class PersonResolver {
  constructor(
    @InjectRolebook() private readonly rolebook: Rolebook,
    @InjectConfig() private readonly config: Config,
  ) {}

  @Query(() => PersonType, { nullable: true, description: 'One person at asOf, as recorded by knownAt; null when they were not registered then.' })
  person(
    @Args('id', { type: () => ID, description: "The person's id (a UUID)." }) id: string,
    @Args() temporal: TemporalArgs,
    @Context() ctx: GqlContext,
  ): PersonType | null {
    const at = atOf(temporal, new Date());
    const person = this.rolebook.queries.person(ctx.tenantId, id, at);
    return person && toPerson(person, at);
  }

  @Query(() => PersonConnection, { description: "The tenant's people at asOf, as recorded by knownAt, by name." })
  people(@Args() args: PeopleArgs, @Context() ctx: GqlContext): PersonConnection {
    return listPeople(this.rolebook, this.config.MAX_PAGE_SIZE, ctx.tenantId, atOf(args, new Date()), args);
  }

  @ResolveField(() => PersonType, { nullable: true, description: 'The person they report to, at the same instant; null: no manager.' })
  manager(@Parent() person: PersonType, @Context() ctx: GqlContext): PersonType | null {
    if (!person.managerId) return null;
    const manager = this.rolebook.queries.person(ctx.tenantId, person.managerId, person.at);
    return manager && toPerson(manager, person.at);
  }

  @ResolveField(() => [PersonType], { description: 'The people reporting directly to them at the same instant, by name.' })
  directReports(@Parent() person: PersonType, @Context() ctx: GqlContext): PersonType[] {
    return this.rolebook.queries.directReports(ctx.tenantId, person.id, person.at).map((p) => toPerson(p, person.at));
  }

  @ResolveField(() => [RoleAssignmentType], { description: 'Assignments in effect at the instant (all known ones with includeEnded).' })
  assignments(
    @Parent() person: PersonType,
    @Args('includeEnded', { defaultValue: false, description: 'Also list assignments ended or not yet started at the instant (default false).' })
    includeEnded: boolean,
  ): RoleAssignmentType[] {
    return person.allAssignments.filter((a) => includeEnded || inForceAt(a, person.at.asOf)).map((a) => toAssignment(a, person.at));
  }

  @ResolveField(() => TeamType, { nullable: true, description: 'The first of teams, by name.' })
  team(@Parent() person: PersonType, @Context() ctx: GqlContext): TeamType | null {
    return this.teams(person, ctx)[0] ?? null;
  }

  @ResolveField(() => [TeamType], { description: 'Teams the person is a member of at the instant.' })
  teams(@Parent() person: PersonType, @Context() ctx: GqlContext): TeamType[] {
    return this.rolebook.queries.teamsOf(ctx.tenantId, person.id, person.at).map((t) => toTeam(t, person.at));
  }

  private async payload<F, R extends CommandResult>(
    input: MutationInput,
    ctx: GqlContext,
    command: Command<F, R>,
    fields: F,
  ): Promise<PersonPayload & { result: R }> {
    const { result, at } = await mutate(input, ctx, command, fields);
    const person = toPerson(mustExist(this.rolebook.queries.person(ctx.tenantId, result.id, at), 'person'), at);
    return { person, result, ...payloadFields(result) };
  }

  private withAssignment(payload: PersonPayload, assignmentId: string): RoleAssignmentPayload {
    const assignment = mustExist(payload.person.allAssignments.find((a) => a.assignmentId === assignmentId) ?? null, 'assignment');
    return { ...payload, assignment: toAssignment(assignment, payload.person.at) };
  }

  @Mutation(() => PersonPayload, { description: 'Registers a person joining the organization (editor).' })
  registerPerson(@Args('input', { description: "The person's name, email and job title." }) input: RegisterPersonInput, @Context() ctx: GqlContext) {
    return this.payload(input, ctx, this.rolebook.commands.registerPerson, registerPersonFields(input));
  }

  @Mutation(() => PersonPayload, { description: "Changes a person's name, email or job title (editor)." })
  updatePerson(@Args('input', { description: 'The person and the fields that change.' }) input: UpdatePersonInput, @Context() ctx: GqlContext) {
    return this.payload(input, ctx, this.rolebook.commands.updatePerson, updatePersonFields(input));
  }

  @Mutation(() => PersonPayload, { description: 'Sets or removes the person a person reports to (editor).' })
  setManager(@Args('input', { description: 'The person and their new manager (or none).' }) input: SetManagerInput, @Context() ctx: GqlContext) {
    return this.payload(input, ctx, this.rolebook.commands.setManager, setManagerFields(input));
  }

  @Mutation(() => PersonPayload, { description: 'Records that a person leaves; every open assignment ends then (editor).' })
  terminatePerson(@Args('input', { description: 'The person leaving.' }) input: TerminatePersonInput, @Context() ctx: GqlContext) {
    return this.payload(input, ctx, this.rolebook.commands.terminatePerson, terminatePersonFields(input));
  }

  @Mutation(() => RoleAssignmentPayload, { description: 'Assigns a role to a person for a share of their time (editor).' })
  async assignRole(
    @Args('input', { description: 'The person, the role, the allocation and the interval.' }) input: AssignRoleInput,
    @Context() ctx: GqlContext,
  ): Promise<RoleAssignmentPayload> {
    const payload = await this.payload(input, ctx, this.rolebook.commands.assignRole, assignRoleFields(input));
    return this.withAssignment(payload, payload.result.assignmentId);
  }

  @Mutation(() => RoleAssignmentPayload, { description: 'Ends a role assignment (editor).' })
  async endRoleAssignment(
    @Args('input', { description: 'The person and the assignment to end.' }) input: EndRoleAssignmentInput,
    @Context() ctx: GqlContext,
  ): Promise<RoleAssignmentPayload> {
    return this.withAssignment(await this.payload(input, ctx, this.rolebook.commands.endRoleAssignment, endRoleAssignmentFields(input)), input.assignmentId);
  }
}

@Resolver(() => RoleAssignmentType)
export class RoleAssignmentResolver {
  constructor(@InjectRolebook() private readonly rolebook: Rolebook) {}

  @ResolveField(() => RoleType, { nullable: true, description: 'The role as it stood at the instant.' })
  role(@Parent() assignment: RoleAssignmentType, @Context() ctx: GqlContext): RoleType | null {
    const role = this.rolebook.queries.role(ctx.tenantId, assignment.roleId, assignment.at);
    return role && toRole(role, assignment.at);
  }
}
