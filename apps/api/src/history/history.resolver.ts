import { Args, ArgsType, Context, Field, ID, Query, Resolver } from '@nestjs/graphql';
import type { Rolebook } from '@rolebook/runtime';
import type { Config } from '@rolebook/config';
import { queryInstant } from '@rolebook/domain';
import { PageArgs, pageRequest, toConnection } from '../graphql/pagination';
import type { GqlContext } from '../graphql/request-context';
import { InjectConfig, InjectRolebook } from '../rolebook.providers';
import { AuditLogFilterInput, HistoryConnection, HistoryEventType, toHistoryEvent } from './history-event.type';

@ArgsType()
class HistoryArgs extends PageArgs {
  @Field(() => ID, { description: 'The role, person or team (a UUID).' })
  entityId!: string;
}

@ArgsType()
class AuditLogArgs extends PageArgs {
  @Field(() => AuditLogFilterInput, { nullable: true, description: "Which changes to list (default: all of the tenant's)." })
  filter?: AuditLogFilterInput | null;
}

@Resolver(() => HistoryEventType)
export class HistoryResolver {
  constructor(
    @InjectRolebook() private readonly rolebook: Rolebook,
    @InjectConfig() private readonly config: Config,
  ) {}

  @Query(() => HistoryConnection, { description: 'Every recorded change of one role, person or team, oldest first.' })
  history(@Args() args: HistoryArgs, @Context() ctx: GqlContext): HistoryConnection {
    const page = this.rolebook.events.history(ctx.tenantId, args.entityId, pageRequest(args, this.config.MAX_PAGE_SIZE));
    return toConnection(page, toHistoryEvent);
  }

  @Query(() => HistoryConnection, { description: "The tenant's recorded changes, oldest first, filtered." })
  auditLog(@Args() args: AuditLogArgs, @Context() ctx: GqlContext): HistoryConnection {
    const f = args.filter ?? {};
    const filter = {
      actor: f.actor ?? undefined,
      types: f.types ?? undefined,
      entityType: f.entityType ?? undefined,
      source: f.source ?? undefined,
      from: f.from ? queryInstant(f.from, 'filter.from') : undefined,
      to: f.to ? queryInstant(f.to, 'filter.to') : undefined,
    };
    return toConnection(this.rolebook.events.auditLog(ctx.tenantId, filter, pageRequest(args, this.config.MAX_PAGE_SIZE)), toHistoryEvent);
  }
}
