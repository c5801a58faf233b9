// orgChanged: one message per event the caller's tenant records, from a position (resumable)
// or from now on.
import { Args, ArgsType, Context, Field, ID, InputType, Resolver, Subscription } from '@nestjs/graphql';
import type { Rolebook } from '@rolebook/application';
import { eventFeed, InvalidCursor, parsePositionCursor, type HistoryEntry } from '@rolebook/projections';
import { GraphQLError } from 'graphql';
import type { GqlContext } from '../graphql/request-context';
import { InjectRolebook } from '../rolebook.providers';
import { EntityType, HistoryEventType, toHistoryEvent } from './history-event.type';

@InputType()
export class OrgChangedFilterInput {
  @Field(() => [EntityType], { nullable: true })
  entityTypes?: EntityType[] | null;

  @Field(() => [ID], { nullable: true })
  entityIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Event types, e.g. ["ManagerSet"].' })
  types?: string[] | null;
}

@ArgsType()
class OrgChangedArgs {
  @Field(() => String, { nullable: true, description: 'Resume after this position (the last one received); absent: from now on.' })
  after?: string | null;

  @Field(() => OrgChangedFilterInput, { nullable: true })
  filter?: OrgChangedFilterInput | null;
}

const FEED_BATCH = 100;

@Resolver(() => HistoryEventType)
export class OrgChangedResolver {
  constructor(@InjectRolebook() private readonly rolebook: Rolebook) {}

  @Subscription(() => HistoryEventType, { resolve: (entry: HistoryEntry) => toHistoryEvent(entry) })
  orgChanged(@Args() args: OrgChangedArgs, @Context() ctx: GqlContext): AsyncIterableIterator<HistoryEntry> {
    let start: number;
    try {
      start = args.after == null ? (this.rolebook.projector.projectedPosition ?? 0) : parsePositionCursor(args.after);
    } catch (error) {
      if (!(error instanceof InvalidCursor)) throw error;
      throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', field: 'after' } });
    }
    const f = args.filter ?? {};
    const accept = (e: HistoryEntry) =>
      (!f.entityTypes || f.entityTypes.includes(e.entityType as EntityType)) && (!f.entityIds || f.entityIds.includes(e.entityId)) && (!f.types || f.types.includes(e.type));
    return eventFeed(
      { read: (after) => this.rolebook.events.after(ctx.tenantId, after, FEED_BATCH), onApplied: (listener) => this.rolebook.projector.onApplied(listener) },
      start,
      accept,
    );
  }
}
