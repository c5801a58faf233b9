import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { DELIVERY_STATUSES, PROVIDERS, type Delivery, type DeliveryStatus, type Provider } from '@rolebook/hris';
import { enumOf } from '../graphql/enums';
import { ConnectionType, PageArgs } from '../graphql/pagination';

// GraphQL enums built from the lists libs/hris keeps, so the two cannot drift apart. Providers are
// upper case in the schema (BAMBOOHR) and lower case everywhere else (the URL path, the inbox).
const WebhookDeliveryStatus = enumOf(DELIVERY_STATUSES, 'WebhookDeliveryStatus', 'Where an HRIS delivery stands.', {
  PENDING: 'Waiting for its first attempt or for a retry (see nextAttemptAt).',
  PROCESSED: 'Applied: every change it carried is recorded (see outcome).',
  DEAD: 'Failed for good (after WEBHOOK_MAX_ATTEMPTS attempts, or refused by the domain); replayWebhookDelivery gives it another round.',
});

export const WebhookProvider = enumOf(
  PROVIDERS,
  'WebhookProvider',
  'An HRIS that posts deliveries to POST /webhooks/<provider> (the path takes the lower-case name).',
  {
    standard: 'Any HRIS signing with Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature); path /webhooks/standard.',
    bamboohr: 'BambooHR: field-based and event-based webhooks (X-BambooHR-Signature); path /webhooks/bamboohr.',
    hibob: 'HiBob webhooks v2 (and v1): thin events whose details are fetched from the HiBob People API (Bob-Signature); path /webhooks/hibob.',
    personio: 'Personio v2 webhooks (token in Authorization), completed through its v2 API; path /webhooks/personio.',
    merge: 'Merge HRIS unified API: Employee events, relations as ids completed through its API (X-Merge-Webhook-Signature); path /webhooks/merge.',
  },
);

@ObjectType('WebhookDelivery', { description: 'One HRIS delivery and what it became. Its body is never shown.' })
export class WebhookDeliveryType {
  @Field(() => ID, { description: 'Rolebook id of the delivery; causationId of the events it produced is `deliveryId`.' })
  id!: string;
  @Field(() => WebhookProvider, { description: 'The HRIS that sent it.' })
  provider!: Provider;
  @Field({ description: "The provider's delivery id, or a digest of what was signed when it sends none." })
  deliveryId!: string;
  @Field(() => WebhookDeliveryStatus, { description: 'Where it stands: pending, processed or dead.' })
  status!: DeliveryStatus;
  @Field(() => Int, { description: 'Attempts made to apply it since it was received or last replayed.' })
  attempts!: number;
  @Field({ description: 'When Rolebook received it (ISO-8601, UTC).' })
  receivedAt!: string;
  @Field(() => String, { nullable: true, description: 'When the next attempt is due (ISO-8601, UTC; PENDING only); null otherwise.' })
  nextAttemptAt!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Reason code of the last failure: UNKNOWN_EMPLOYEE, UNKNOWN_MANAGER, EMPLOYEE_NOT_IN_HRIS, TRANSIENT_FAILURE (retried); UNSUPPORTED_EVENT, INVALID_EVENT_DATA, API_NOT_CONFIGURED (parked at once, replayable after an upgrade or a configuration change); a domain refusal. null: none failed.',
  })
  lastError!: string | null;
  @Field(() => [String], { description: 'What it did, one line per change, naming entities by id (never by name).' })
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

@ObjectType({ description: 'A page of HRIS deliveries, with the total count.' })
export class WebhookDeliveryConnection extends ConnectionType(WebhookDeliveryType, 'WebhookDelivery') {}

@InputType({ description: 'Narrows a list of HRIS deliveries; every field given must match.' })
export class WebhookDeliveryFilterInput {
  @Field(() => WebhookDeliveryStatus, { nullable: true, description: 'Only deliveries in this status (default: any).' })
  status?: DeliveryStatus | null;
  @Field(() => WebhookProvider, { nullable: true, description: 'Only deliveries from this HRIS (default: any).' })
  provider?: Provider | null;
}

@ArgsType()
export class WebhookDeliveriesArgs extends PageArgs {
  @Field(() => WebhookDeliveryFilterInput, { nullable: true, description: "Which deliveries to list (default: all of the tenant's)." })
  filter?: WebhookDeliveryFilterInput | null;
}

@InputType({ description: 'The HRIS delivery to process again.' })
export class ReplayWebhookDeliveryInput {
  @Field(() => ID, { description: "The delivery's Rolebook id (WebhookDelivery.id)." })
  id!: string;
}
