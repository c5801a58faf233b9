import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { Delivery, DeliveryStatus, Provider } from '@rolebook/hris';
import { ConnectionType, PageArgs } from '../graphql/pagination';

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  PROCESSED = 'PROCESSED',
  DEAD = 'DEAD',
}
registerEnumType(WebhookDeliveryStatus, { name: 'WebhookDeliveryStatus', description: 'PENDING: waiting or retrying; PROCESSED; DEAD: failed for good (replayable).' });

export enum WebhookProvider {
  standard = 'standard',
  bamboohr = 'bamboohr',
  hibob = 'hibob',
  personio = 'personio',
  merge = 'merge',
}
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
  @Field(() => String, { nullable: true, description: 'Reason code of the last failure, e.g. UNKNOWN_EMPLOYEE, UNKNOWN_MANAGER, MAPPING_NOT_BUILT.' })
  lastError!: string | null;
  @Field(() => [String], { description: 'What it did, by entity id.' })
  outcome!: string[];
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
});

@ObjectType()
export class WebhookDeliveryConnection extends ConnectionType(WebhookDeliveryType, 'WebhookDelivery') {}

@InputType()
export class WebhookDeliveryFilterInput {
  @Field(() => WebhookDeliveryStatus, { nullable: true })
  status?: WebhookDeliveryStatus | null;
  @Field(() => WebhookProvider, { nullable: true })
  provider?: WebhookProvider | null;
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
