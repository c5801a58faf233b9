import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { HistoryEntry } from '@rolebook/projections';
import { ConnectionType } from '../graphql/pagination';
import { DateTime, JSONScalar } from '../graphql/scalars';

export enum EntityType {
  ROLE = 'role',
  PERSON = 'person',
  TEAM = 'team',
  DRIFT = 'drift',
  REFERENCE_MODEL = 'reference',
}
registerEnumType(EntityType, { name: 'EntityType' });

@ObjectType('HistoryEvent', { description: 'One recorded change, with who made it, when, why and through what.' })
export class HistoryEventType {
  @Field(() => ID, { description: 'The event id.' })
  id!: string;

  @Field({ description: 'Global position (a decimal integer); also the cursor.' })
  position!: string;

  @Field(() => EntityType)
  entityType!: EntityType;

  @Field(() => ID)
  entityId!: string;

  @Field(() => Int, { description: 'The entity version after this change.' })
  version!: number;

  @Field({ description: 'Event type, e.g. RoleAssigned.' })
  type!: string;

  @Field(() => Int, { description: 'Version of the event type it was stored with; data is shown in the current shape.' })
  typeVersion!: number;

  @Field(() => DateTime, { description: 'When the change takes effect in the organization.' })
  effectiveAt!: string;

  @Field(() => DateTime, { description: 'When Rolebook recorded it.' })
  recordedAt!: string;

  @Field()
  actor!: string;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field({ description: 'api, system or hris:PROVIDER.' })
  source!: string;

  @Field()
  correlationId!: string;

  @Field(() => String, { nullable: true })
  causationId!: string | null;

  @Field(() => JSONScalar)
  data!: unknown;
}

@ObjectType()
export class HistoryConnection extends ConnectionType(HistoryEventType, 'HistoryEvent') {}

@InputType()
export class AuditLogFilterInput {
  @Field(() => String, { nullable: true })
  actor?: string | null;

  @Field(() => [String], { nullable: true, description: 'Event types, e.g. ["RoleAssigned", "ManagerSet"].' })
  types?: string[] | null;

  @Field(() => EntityType, { nullable: true })
  entityType?: EntityType | null;

  @Field(() => String, { nullable: true })
  source?: string | null;

  @Field(() => DateTime, { nullable: true, description: 'Recorded at or after.' })
  from?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Recorded before.' })
  to?: Date | null;
}

export const toHistoryEvent = (entry: HistoryEntry): HistoryEventType => ({
  id: entry.eventId,
  position: String(entry.position),
  entityType: entry.entityType as EntityType,
  entityId: entry.entityId,
  version: entry.version,
  type: entry.type,
  typeVersion: entry.typeVersion,
  effectiveAt: entry.effectiveAt,
  recordedAt: entry.recordedAt,
  actor: entry.actor,
  reason: entry.reason,
  source: entry.source,
  correlationId: entry.correlationId,
  causationId: entry.causationId,
  data: entry.data,
});
