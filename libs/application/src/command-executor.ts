// The one way a command is handled: read the stream, fold, decide, append at the revision read.
import {
  Conflict,
  InvalidInput,
  deciderFor,
  fold,
  storedTypeName,
  streamName,
  upcasters,
  type AggregateKind,
  type AnyState,
  type DomainEvent,
  type EffectiveOrgEvent,
  type EventMetadata,
  type Instant,
  type Status,
} from '@rolebook/domain';
import { WrongExpectedVersion, type EventStore, type NewEvent, type RecordedEvent } from '@rolebook/event-store';
import { derivedId, requestHash } from './ids';
import type { CommandResult, RequestContext } from './request-context';

/** Applied events must be visible to queries before a command returns (read-your-writes). */
export type WaitForPosition = (position: number) => Promise<void>;

const MAX_ATTEMPTS = 5;

export interface Command {
  type: string;
  effectiveAt: Instant;
}

const decode = (recorded: RecordedEvent): EffectiveOrgEvent => {
  const { type, data } = upcasters.upcast(recorded.type, recorded.data);
  return { type, data, effectiveAt: recorded.metadata['effectiveAt'] } as EffectiveOrgEvent;
};

export class CommandExecutor {
  constructor(
    private readonly store: EventStore,
    private readonly waitFor: WaitForPosition,
  ) {}

  /** The entity's state folded in recorded order (what decisions are made on). */
  async load(tenantId: string, kind: AggregateKind, id: string): Promise<AnyState> {
    const recorded = await this.store.readStream(streamName(tenantId, kind, id));
    return fold(deciderFor(kind), recorded.map(decode));
  }

  /**
   * The entity's status in force at `instant` (its events effective by then, in effective order),
   * or 'Future' when it exists but only takes effect later.
   */
  async statusAt(tenantId: string, kind: AggregateKind, id: string, instant: Instant): Promise<Status> {
    const events = (await this.store.readStream(streamName(tenantId, kind, id))).map(decode);
    const effective = events
      .filter((e) => e.effectiveAt <= instant)
      .sort((a, b) => (a.effectiveAt < b.effectiveAt ? -1 : a.effectiveAt > b.effectiveAt ? 1 : 0));
    const status = fold(deciderFor(kind), effective).status as Status;
    return status === 'Unknown' && events.length > 0 ? 'Future' : status;
  }

  /**
   * @param input the validated command fields
   * @param request what the caller sent, hashed to detect a reused idempotency key
   * @param withContext adds the facts decide needs from other aggregates (looked up once)
   */
  async execute<C extends Command>(
    kind: AggregateKind,
    id: string,
    input: C,
    request: unknown,
    withContext: (input: C) => Promise<C> | C,
    ctx: RequestContext,
  ): Promise<CommandResult> {
    const stream = streamName(ctx.tenantId, kind, id);
    const hash = requestHash(request);
    const decider = deciderFor(kind);

    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const recorded = await this.store.readStream(stream);
      const replay = this.replayOf(recorded, ctx, hash, id);
      if (replay) {
        if (replay.position !== null) await this.waitFor(replay.position);
        return replay;
      }
      const version = recorded.length;
      if (ctx.expectedVersion !== null && ctx.expectedVersion !== version) {
        throw new Conflict('VERSION_MISMATCH', `expectedVersion is ${ctx.expectedVersion} but the entity is at version ${version}`, 'expectedVersion');
      }
      // looked up on every attempt, so a decision retried after a conflict sees fresh facts
      const command = await withContext(input);
      const events = decider.decide(command as never, fold(decider, recorded.map(decode))) as DomainEvent[];
      if (events.length === 0) {
        return { id, version, position: recorded[recorded.length - 1]?.position ?? null, changed: false };
      }
      try {
        const result = await this.store.append(stream, this.toNewEvents(stream, events, command, ctx, hash), version === 0 ? 'no_stream' : version - 1);
        await this.waitFor(result.position);
        return { id, version: result.revision + 1, position: result.position, changed: true };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion)) throw error;
        if (ctx.expectedVersion !== null) {
          throw new Conflict('VERSION_MISMATCH', `expectedVersion is ${ctx.expectedVersion} but the entity changed meanwhile`, 'expectedVersion');
        }
        // no version was asked for: decide again on the fresh state, whose rules still hold
      }
    }
    throw new Conflict('CONCURRENT_MODIFICATION', 'the entity kept changing while the command was applied; retry', 'id');
  }

  /** The result of an earlier request with the same idempotency key, if this stream has one. */
  private replayOf(recorded: RecordedEvent[], ctx: RequestContext, hash: string, id: string): CommandResult | null {
    if (ctx.idempotencyKey === null) return null;
    const earlier = recorded.filter((e) => e.metadata['idempotencyKey'] === ctx.idempotencyKey);
    const last = earlier[earlier.length - 1];
    if (!last) return null;
    if (last.metadata['requestHash'] !== hash) {
      throw new InvalidInput('IDEMPOTENCY_KEY_REUSED', 'idempotencyKey was already used with different input', 'idempotencyKey');
    }
    return { id, version: last.revision + 1, position: last.position, changed: false };
  }

  private toNewEvents(stream: string, events: DomainEvent[], command: Command, ctx: RequestContext, hash: string): NewEvent[] {
    return events.map((event, i) => {
      const metadata: EventMetadata = {
        tenantId: ctx.tenantId,
        actor: ctx.actor,
        reason: ctx.reason,
        correlationId: ctx.correlationId,
        causationId: ctx.causationId,
        source: ctx.source,
        effectiveAt: event.effectiveAt ?? command.effectiveAt,
        idempotencyKey: ctx.idempotencyKey,
        requestHash: ctx.idempotencyKey === null ? null : hash,
      };
      return {
        // the hash is part of the id so a reused key with other input cannot pass for a retry
        id: derivedId(ctx.idempotencyKey, stream, hash, String(i)),
        type: storedTypeName(event.type, upcasters.currentVersion(event.type)),
        data: event.data,
        metadata: { ...metadata },
      };
    });
  }
}
