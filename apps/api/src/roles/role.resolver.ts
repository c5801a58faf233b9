import { Args, Context, Field, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Rolebook } from '@rolebook/runtime';
import type { Config } from '@rolebook/config';
import type { At } from '@rolebook/projections';
import type { GqlContext } from '../graphql/request-context';
import type { MutationInput } from '../graphql/mutation.input';
import { mustExist, mutate, payloadFields, type Command } from '../graphql/mutate';
import { MutationPayload } from '../graphql/mutation.payload';
import { pageRequest, toConnection } from '../graphql/pagination';
import { atOf, TemporalArgs } from '../graphql/temporal.args';
import { PersonType, toPerson } from '../people/person.type';
import { InjectConfig, InjectRolebook } from '../rolebook.providers';
import {
  DefineRoleInput,
  defineRoleFields,
  ReviseRoleInput,
  reviseRoleFields,
  RetireRoleInput,
  retireRoleFields,
  RolesArgs,
  type RolesListArgs,
} from './role.inputs';
import { RoleConnection, RoleType, toRole } from './role.type';

/** A page of roles at `at`: the one list `roles` and `org { roles }` both serve. */
export const listRoles = (rolebook: Rolebook, maxPageSize: number, tenantId: string, at: At, args: RolesListArgs): RoleConnection => {
  const filter = { status: args.filter?.status ?? undefined, nameContains: args.filter?.nameContains ?? undefined };
  return toConnection(rolebook.queries.roles(tenantId, at, filter, pageRequest(args, maxPageSize)), (node) => toRole(node, at));
};

@ObjectType({ description: 'What a role mutation did: the role after it, its version and position, and whether anything changed.' })
export class RolePayload extends MutationPayload {
  @Field(() => RoleType, { description: "The role as of the change's effectiveAt (or now, if that is earlier)." })
  role!: RoleType;
}

@Resolver(() => RoleType)
export class RoleResolver {
  constructor(
    @InjectRolebook() private readonly rolebook: Rolebook,
    @InjectConfig() private readonly config: Config,
  ) {}

  @Query(() => RoleType, { nullable: true, description: 'One role at asOf, as recorded by knownAt; null when it did not exist then.' })
  role(
    @Args('id', { type: () => ID, description: "The role's id (a UUID)." }) id: string,
    @Args() temporal: TemporalArgs,
    @Context() ctx: GqlContext,
  ): RoleType | null {
    const at = atOf(temporal, new Date());
    const role = this.rolebook.queries.role(ctx.tenantId, id, at);
    return role && toRole(role, at);
  }

  @Query(() => RoleConnection, { description: "The tenant's roles at asOf, as recorded by knownAt, by name." })
  roles(@Args() args: RolesArgs, @Context() ctx: GqlContext): RoleConnection {
    return listRoles(this.rolebook, this.config.MAX_PAGE_SIZE, ctx.tenantId, atOf(args, new Date()), args);
  }

  @ResolveField(() => [PersonType], { description: 'People holding the role at the same instant.' })
  holders(@Parent() role: RoleType, @Context() ctx: GqlContext): PersonType[] {
    return this.rolebook.queries.roleHolders(ctx.tenantId, role.id, role.at).map((p) => toPerson(p, role.at));
  }

  private async payload<F>(input: MutationInput, ctx: GqlContext, command: Command<F>, fields: F): Promise<RolePayload> {
    const { result, at } = await mutate(input, ctx, command, fields);
    return { role: toRole(mustExist(this.rolebook.queries.role(ctx.tenantId, result.id, at), 'role'), at), ...payloadFields(result) };
  }

  @Mutation(() => RolePayload, { description: 'Defines a new role (editor).' })
  defineRole(@Args('input', { description: "The role's name, purpose and responsibilities." }) input: DefineRoleInput, @Context() ctx: GqlContext) {
    return this.payload(input, ctx, this.rolebook.commands.defineRole, defineRoleFields(input));
  }

  @Mutation(() => RolePayload, { description: "Changes a role's name, purpose, responsibilities or reference role (editor)." })
  reviseRole(@Args('input', { description: 'The role and the fields that change.' }) input: ReviseRoleInput, @Context() ctx: GqlContext) {
    return this.payload(input, ctx, this.rolebook.commands.reviseRole, reviseRoleFields(input));
  }

  @Mutation(() => RolePayload, { description: 'Retires a role nobody holds any more (editor).' })
  retireRole(@Args('input', { description: 'The role to retire.' }) input: RetireRoleInput, @Context() ctx: GqlContext) {
    return this.payload(input, ctx, this.rolebook.commands.retireRole, retireRoleFields(input));
  }
}
