// orgChanged: one message per event the caller's tenant records, from a position (resumable)
// or from now on.
import { Args, ArgsType, Context, Field, ID, InputType, Resolver, Subscription } from '@nestjs/graphql';
import type { Rolebook } from '@rolebook/runtime';
import type { HistoryEntry } from '@rolebook/projections';
import { tenantFeed } from '../graphql/tenant-feed';
import type { GqlContext } from '../graphql/request-context';
import { InjectRolebook } from '../rolebook.providers';
import { EntityType, HistoryEventType, toHistoryEvent } from './history-event.type';

@InputType({ description: 'Which changes a subscription receives; every field given must match (absent: any).' })
export class OrgChangedFilterInput {
  @Field(() => [EntityType], { nullable: true, description: 'Only changes of these kinds of entity.' })
  entityTypes?: EntityType[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only changes of these entities (UUIDs).' })
  entityIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Event types, e.g. ["ManagerSet"].' })
  types?: string[] | null;
}

@ArgsType()
class OrgChangedArgs {
  @Field(() => String, { nullable: true, description: 'Resume after this position (the last one received); absent: from now on.' })
  after?: string | null;

  @Field(() => OrgChangedFilterInput, { nullable: true, description: "Which changes to receive (default: all of the tenant's)." })
  filter?: OrgChangedFilterInput | null;
}

@Resolver(() => HistoryEventType)
export class OrgChangedResolver {
  constructor(@InjectRolebook() private readonly rolebook: Rolebook) {}

  @Subscription(() => HistoryEventType, {
    description: 'One message per change recorded in the tenant, in order, over graphql-ws; after a position it first replays what was missed (auditor).',
    resolve: (entry: HistoryEntry) => toHistoryEvent(entry),
  })
  orgChanged(@Args() args: OrgChangedArgs, @Context() ctx: GqlContext): AsyncIterableIterator<HistoryEntry> {
    const f = args.filter ?? {};
    const accept = (e: HistoryEntry) =>
      (!f.entityTypes || f.entityTypes.includes(e.entityType as EntityType)) &&
      (!f.entityIds || f.entityIds.includes(e.entityId)) &&
      (!f.types || f.types.includes(e.type));
    return tenantFeed(this.rolebook, ctx.tenantId, args.after, accept);
  }
}
