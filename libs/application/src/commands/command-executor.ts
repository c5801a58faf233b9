// The one way a command is handled: read the stream, fold, decide, append at the revision read.
// The aggregate kind picks its decider from the typed registry, so the command built by the
// caller reaches `decide` with its own type.
import {
  Conflict,
  InvalidInput,
  deciders,
  fold,
  isEventOf,
  storedTypeName,
  streamName,
  upcasters,
  type AggregateKind,
  type CommandOf,
  type DomainEvent,
  type Effective,
  type EffectiveOrgEvent,
  type EventMetadata,
  type EventOf,
  type Instant,
  type StateOf,
} from '@rolebook/domain';
import { WrongExpectedVersion, type EventStore, type NewEvent, type RecordedEvent } from '@rolebook/event-store';
import { derivedId, type RequestHasher } from '../shared/ids';
import type { CommandResult, RequestContext } from '../shared/request-context';

/** Applied events must be visible to queries before a command returns (read-your-writes). */
export type WaitForPosition = (position: number) => Promise<void>;

const MAX_ATTEMPTS = 5;

/** A stored event as the domain sees it (upcast to the current version), checked to belong to `kind`'s streams. */
const decode = <K extends AggregateKind>(kind: K, recorded: RecordedEvent): Effective<EventOf<K>> => {
  const { type, data } = upcasters.upcast(recorded.type, recorded.data);
  // the log holds what this code wrote: its JSON is taken as the event its type names
  const event = { type, data, effectiveAt: recorded.metadata['effectiveAt'] } as EffectiveOrgEvent;
  if (!isEventOf(kind, event)) throw new Error(`a ${type} event in a ${kind} stream`);
  return event;
};

export class CommandExecutor {
  constructor(
    private readonly store: EventStore,
    private readonly waitFor: WaitForPosition,
    private readonly requestHash: RequestHasher,
  ) {}

  /** The entity's state folded in recorded order (what decisions are made on). */
  async load<K extends AggregateKind>(tenantId: string, kind: K, id: string): Promise<StateOf<K>> {
    const recorded = await this.store.readStream(streamName(tenantId, kind, id));
    return fold(
      deciders[kind],
      recorded.map((e) => decode(kind, e)),
    );
  }

  /**
   * @param command builds the command; called on every attempt, so a decision retried after a
   *   conflict sees fresh facts about other aggregates
   * @param request what the caller sent, hashed to detect a reused idempotency key
   */
  async execute<K extends AggregateKind>(
    kind: K,
    id: string,
    command: () => Promise<CommandOf<K>> | CommandOf<K>,
    request: unknown,
    ctx: RequestContext,
  ): Promise<CommandResult> {
    const stream = streamName(ctx.tenantId, kind, id);
    const hash = this.requestHash(request);
    const decider = deciders[kind];

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
      const decided = await command();
      const events = decider.decide(
        decided,
        fold(
          decider,
          recorded.map((e) => decode(kind, e)),
        ),
      );
      if (events.length === 0) {
        return { id, version, position: recorded[recorded.length - 1]?.position ?? null, changed: false };
      }
      try {
        const result = await this.store.append(
          stream,
          this.toNewEvents(stream, events, decided.effectiveAt, ctx, hash),
          version === 0 ? 'no_stream' : version - 1,
        );
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

  private toNewEvents(stream: string, events: readonly DomainEvent[], effectiveAt: Instant, ctx: RequestContext, hash: string): NewEvent[] {
    return events.map((event, i) => {
      const metadata: EventMetadata = {
        tenantId: ctx.tenantId,
        actor: ctx.actor,
        reason: ctx.reason,
        correlationId: ctx.correlationId,
        causationId: ctx.causationId,
        source: ctx.source,
        effectiveAt: event.effectiveAt ?? effectiveAt,
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
