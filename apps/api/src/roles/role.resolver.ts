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

@ObjectType()
export class RolePayload extends MutationPayload {
  @Field(() => RoleType)
  role!: RoleType;
}

@Resolver(() => RoleType)
export class RoleResolver {
  constructor(
    @InjectRolebook() private readonly rolebook: Rolebook,
    @InjectConfig() private readonly config: Config,
  ) {}

  @Query(() => RoleType, { nullable: true })
  role(@Args('id', { type: () => ID }) id: string, @Args() temporal: TemporalArgs, @Context() ctx: GqlContext): RoleType | null {
    const at = atOf(temporal, new Date());
    const role = this.rolebook.queries.role(ctx.tenantId, id, at);
    return role && toRole(role, at);
  }

  @Query(() => RoleConnection)
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

  @Mutation(() => RolePayload)
  defineRole(@Args('input') input: DefineRoleInput, @Context() ctx: GqlContext) {
    return this.payload(input, ctx, this.rolebook.commands.defineRole, defineRoleFields(input));
  }

  @Mutation(() => RolePayload)
  reviseRole(@Args('input') input: ReviseRoleInput, @Context() ctx: GqlContext) {
    return this.payload(input, ctx, this.rolebook.commands.reviseRole, reviseRoleFields(input));
  }

  @Mutation(() => RolePayload)
  retireRole(@Args('input') input: RetireRoleInput, @Context() ctx: GqlContext) {
    return this.payload(input, ctx, this.rolebook.commands.retireRole, retireRoleFields(input));
  }
}
