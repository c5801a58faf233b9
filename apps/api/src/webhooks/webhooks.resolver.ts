import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Config } from '@rolebook/config';
import { InvalidInput, NotFound } from '@rolebook/domain';
import { fetchSize, parsePositionCursor, positionCursor, toPage } from '@rolebook/projections';
import { pageRequest, toConnection } from '../graphql/pagination';
import type { GqlContext } from '../graphql/request-context';
import { HRIS, InjectConfig } from '../rolebook.providers';
import type { Hris } from '@rolebook/runtime';
import { ReplayWebhookDeliveryInput, toDeliveryType, WebhookDeliveriesArgs, WebhookDeliveryConnection, WebhookDeliveryType } from './webhooks.types';

const REPLAY_WAIT_MS = 10_000;

@Resolver()
export class WebhooksResolver {
  constructor(
    @InjectConfig() private readonly config: Config,
    @Inject(HRIS) private readonly hris: Hris,
  ) {}

  @Query(() => WebhookDeliveryConnection, { description: 'HRIS deliveries of the tenant, newest first, and what each became.' })
  async webhookDeliveries(@Args() args: WebhookDeliveriesArgs, @Context() ctx: GqlContext): Promise<WebhookDeliveryConnection> {
    const request = pageRequest(args, this.config.MAX_PAGE_SIZE);
    const filter = { status: args.filter?.status ?? undefined, provider: args.filter?.provider ?? undefined };
    const rows = await this.hris.inbox.list(ctx.tenantId, filter, request.after === null ? null : parsePositionCursor(request.after), fetchSize(request));
    const total = await this.hris.inbox.count(ctx.tenantId, filter);
    const page = toPage(
      rows,
      request,
      (d) => ({ cursor: positionCursor(d.seq), node: d }),
      () => total,
    );
    return toConnection(page, toDeliveryType);
  }

  @Mutation(() => WebhookDeliveryType, {
    description:
      'Processes a delivery again now (a DEAD one, typically) with a fresh round of attempts, and answers what it became (PENDING when its attempt has not ended within a few seconds, or is to be retried).',
  })
  async replayWebhookDelivery(
    @Args('input', { description: 'The delivery to process again.' }) input: ReplayWebhookDeliveryInput,
    @Context() ctx: GqlContext,
  ): Promise<WebhookDeliveryType> {
    const seq = /^\d+$/.test(input.id) ? Number(input.id) : -1;
    const delivery = await this.hris.inbox.get(seq);
    if (!delivery || delivery.tenantId !== ctx.tenantId) throw new NotFound('webhookDelivery', 'id');
    if (delivery.bodyErased) throw new InvalidInput('BODY_ERASED', 'The delivery was erased after the retention period and cannot be replayed', 'id');
    this.hris.dispatch((await this.hris.inbox.replay(seq, new Date().toISOString()))!);
    return toDeliveryType(await this.hris.settled(seq, REPLAY_WAIT_MS));
  }
}
