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
import { CommandBatch } from './command-batch';
import type { CommandResult, RequestContext } from '../shared/request-context';

/** Applied events must be visible to queries before a command returns (read-your-writes). */
export type WaitForPosition = (position: number) => Promise<void>;

const MAX_ATTEMPTS = 5;

/** What a command decided on a stream (CommandExecutor.decideOn). */
export type Decision<K extends AggregateKind> =
  { outcome: 'done'; result: CommandResult; replayed: boolean } | { outcome: 'append'; version: number; decided: Effective<EventOf<K>>[]; events: NewEvent[] };

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
    /** Resolves once the read model has applied `position`. */
    readonly waitFor: WaitForPosition,
    private readonly requestHash: RequestHasher,
  ) {}

  /** Commands decided now and appended together later (see CommandBatch). */
  batch(): CommandBatch {
    return new CommandBatch(this, this.store, this.waitFor);
  }

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
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const recorded = await this.store.readStream(stream);
      const decision = await this.decideOn(kind, id, { recorded, pending: [] }, command, request, ctx);
      if (decision.outcome === 'done') {
        if (decision.replayed && decision.result.position !== null) await this.waitFor(decision.result.position);
        return decision.result;
      }
      try {
        return await this.appendAt(id, stream, decision.events, decision.version);
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

  /**
   * Appends events decided on a state the caller keeps, of a stream too long to read for every
   * command (the drift stream), at `version`: the stream's length that state covers. A
   * WrongExpectedVersion is the caller's to handle (catch up, decide again).
   */
  async appendDecided<K extends AggregateKind>(
    kind: K,
    id: string,
    version: number,
    decided: readonly EventOf<K>[],
    effectiveAt: Instant,
    request: unknown,
    ctx: RequestContext,
  ): Promise<CommandResult> {
    const stream = streamName(ctx.tenantId, kind, id);
    return this.appendAt(id, stream, this.toNewEvents(stream, decided, effectiveAt, ctx, this.requestHash(request)), version);
  }

  private async appendAt(id: string, stream: string, events: NewEvent[], version: number): Promise<CommandResult> {
    const result = await this.store.append(stream, events, version === 0 ? 'no_stream' : version - 1);
    await this.waitFor(result.position);
    return { id, version: result.revision + 1, position: result.position, changed: true };
  }

  /**
   * What `command` decides on a stream that holds `recorded`, then `pending` (events decided in a
   * batch, not appended yet): an earlier request's result, nothing to do, or events to append at
   * `version` (the stream's length with the pending events).
   */
  async decideOn<K extends AggregateKind>(
    kind: K,
    id: string,
    stream: { recorded: readonly RecordedEvent[]; pending: readonly Effective<EventOf<K>>[] },
    command: () => Promise<CommandOf<K>> | CommandOf<K>,
    request: unknown,
    ctx: RequestContext,
  ): Promise<Decision<K>> {
    const { recorded, pending } = stream;
    const hash = this.requestHash(request);
    const replay = this.replayOf(recorded, ctx, hash, id);
    if (replay) return { outcome: 'done', result: replay, replayed: true };
    const version = recorded.length + pending.length;
    if (ctx.expectedVersion !== null && ctx.expectedVersion !== version) {
      throw new Conflict('VERSION_MISMATCH', `expectedVersion is ${ctx.expectedVersion} but the entity is at version ${version}`, 'expectedVersion');
    }
    const decider = deciders[kind];
    const decided = await command();
    const decisions = decider.decide(decided, fold(decider, [...recorded.map((e) => decode(kind, e)), ...pending]));
    if (decisions.length === 0) {
      return { outcome: 'done', result: { id, version, position: recorded[recorded.length - 1]?.position ?? null, changed: false }, replayed: false };
    }
    return {
      outcome: 'append',
      version,
      decided: decisions.map((event) => ({ ...event, effectiveAt: event.effectiveAt ?? decided.effectiveAt })),
      events: this.toNewEvents(streamName(ctx.tenantId, kind, id), decisions, decided.effectiveAt, ctx, hash),
    };
  }

  /** The result of an earlier request with the same idempotency key, if this stream has one. */
  private replayOf(recorded: readonly RecordedEvent[], ctx: RequestContext, hash: string, id: string): CommandResult | null {
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
