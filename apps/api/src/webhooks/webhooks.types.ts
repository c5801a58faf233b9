import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DELIVERY_STATUSES, PROVIDERS, type Delivery, type DeliveryStatus, type Provider } from '@rolebook/hris';
import { ConnectionType, PageArgs } from '../graphql/pagination';

/** GraphQL enums built from the lists libs/hris keeps, so the two cannot drift apart. */
export const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [V in T]: V };

const WebhookDeliveryStatus = enumOf(DELIVERY_STATUSES);
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'PENDING: waiting or retrying; PROCESSED; DEAD: failed for good (replayable).',
});

export const WebhookProvider = enumOf(PROVIDERS);
registerEnumType(WebhookProvider, { name: 'WebhookProvider' });

@ObjectType('WebhookDelivery', { description: 'One HRIS delivery and what it became. Its body is never shown.' })
export class WebhookDeliveryType {
  @Field(() => ID, { description: 'Rolebook id of the delivery; causationId of the events it produced is `deliveryId`.' })
  id!: string;
  @Field(() => WebhookProvider)
  provider!: Provider;
  @Field({ description: "The provider's delivery id, or a digest of what was signed when it sends none." })
  deliveryId!: string;
  @Field(() => WebhookDeliveryStatus)
  status!: DeliveryStatus;
  @Field(() => Int)
  attempts!: number;
  @Field()
  receivedAt!: string;
  @Field(() => String, { nullable: true, description: 'When the next attempt is due (PENDING).' })
  nextAttemptAt!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Reason code of the last failure: UNKNOWN_EMPLOYEE, UNKNOWN_MANAGER, EMPLOYEE_NOT_IN_HRIS, TRANSIENT_FAILURE (retried); UNSUPPORTED_EVENT, INVALID_EVENT_DATA, API_NOT_CONFIGURED (parked at once, replayable after an upgrade or a configuration change); a domain refusal.',
  })
  lastError!: string | null;
  @Field(() => [String], { description: 'What it did, by entity id.' })
  outcome!: string[];
  @Field({ description: 'Its body (personal data) was erased after the retention period (WEBHOOK_BODY_RETENTION_DAYS): it can no longer be replayed.' })
  bodyErased!: boolean;
}

export const toDeliveryType = (d: Delivery): WebhookDeliveryType => ({
  id: String(d.seq),
  provider: d.provider,
  deliveryId: d.deliveryId,
  status: d.status,
  attempts: d.attempts,
  receivedAt: d.receivedAt,
  nextAttemptAt: d.nextAttemptAt,
  lastError: d.lastError,
  outcome: d.outcome,
  bodyErased: d.bodyErased,
});

@ObjectType()
export class WebhookDeliveryConnection extends ConnectionType(WebhookDeliveryType, 'WebhookDelivery') {}

@InputType()
export class WebhookDeliveryFilterInput {
  @Field(() => WebhookDeliveryStatus, { nullable: true })
  status?: DeliveryStatus | null;
  @Field(() => WebhookProvider, { nullable: true })
  provider?: Provider | null;
}

@ArgsType()
export class WebhookDeliveriesArgs extends PageArgs {
  @Field(() => WebhookDeliveryFilterInput, { nullable: true })
  filter?: WebhookDeliveryFilterInput | null;
}

@InputType()
export class ReplayWebhookDeliveryInput {
  @Field(() => ID)
  id!: string;
}
