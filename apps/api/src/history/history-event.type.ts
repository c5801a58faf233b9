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
registerEnumType(EntityType, {
  name: 'EntityType',
  description: 'The kind of thing an event changed (each has its own stream).',
  valuesMap: {
    ROLE: { description: 'A role: defined, revised, retired.' },
    PERSON: { description: 'A person: registered, updated, managed, assigned roles, terminated, erased.' },
    TEAM: { description: 'A team: created, updated, members added and removed.' },
    DRIFT: { description: "A tenant's drift: findings detected, resolved and waived, and check runs." },
    REFERENCE_MODEL: { description: "A tenant's published reference models." },
  },
});

@ObjectType('HistoryEvent', { description: 'One recorded change, with who made it, when, why and through what.' })
export class HistoryEventType {
  @Field(() => ID, { description: 'The event id.' })
  id!: string;

  @Field({ description: 'Global position (a decimal integer); also the cursor.' })
  position!: string;

  @Field(() => EntityType, { description: 'The kind of entity the event changed.' })
  entityType!: EntityType;

  @Field(() => ID, { description: 'The id of the entity the event changed (a UUID).' })
  entityId!: string;

  @Field(() => Int, { description: 'The entity version after this change.' })
  version!: number;

  @Field({ description: 'Event type, e.g. RoleAssigned.' })
  type!: string;

  @Field(() => Int, { description: 'Version of the event type it was stored with; data is shown in the current shape.' })
  typeVersion!: number;

  @Field(() => DateTime, { description: 'Valid time: when the change takes effect in the organization (past or future; what asOf is compared with).' })
  effectiveAt!: string;

  @Field(() => DateTime, { description: 'Record time: when Rolebook recorded it (what knownAt is compared with).' })
  recordedAt!: string;

  @Field({ description: 'Who made the change: key:<name>, user:<sub>, hris:<provider>, system or drift-check (an id, never an email).' })
  actor!: string;

  @Field(() => String, { nullable: true, description: "Why, as the actor gave it; null: none given; [erased] after the person's erasure." })
  reason!: string | null;

  @Field({ description: 'Through what the change came: api, system or hris:<provider>.' })
  source!: string;

  @Field({ description: 'The id shared by every event of one request (the x-correlation-id header, or generated).' })
  correlationId!: string;

  @Field(() => String, { nullable: true, description: 'What caused it (e.g. the HRIS delivery id); null for a direct request.' })
  causationId!: string | null;

  @Field(() => JSONScalar, { description: "The event's payload in the current shape of its type (personal fields opened, or placeholders after an erasure)." })
  data!: unknown;
}

@ObjectType({ description: 'A page of recorded events, with the total count.' })
export class HistoryConnection extends ConnectionType(HistoryEventType, 'HistoryEvent') {}

@InputType({ description: 'Narrows the audit log; every field given must match.' })
export class AuditLogFilterInput {
  @Field(() => String, { nullable: true, description: 'Only changes by this actor (exact, e.g. key:ci-deploy).' })
  actor?: string | null;

  @Field(() => [String], { nullable: true, description: 'Event types, e.g. ["RoleAssigned", "ManagerSet"].' })
  types?: string[] | null;

  @Field(() => EntityType, { nullable: true, description: 'Only changes of this kind of entity.' })
  entityType?: EntityType | null;

  @Field(() => String, { nullable: true, description: 'Only changes through this source (exact: api, system or hris:<provider>).' })
  source?: string | null;

  @Field(() => DateTime, { nullable: true, description: 'Only changes recorded at or after this instant (record time, inclusive).' })
  from?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Only changes recorded before this instant (record time, exclusive).' })
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
