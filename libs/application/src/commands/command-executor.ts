// The one way a command is handled: read the stream, fold, decide, append at the revision read.
// The aggregate kind picks its decider from the typed registry, so the command built by the
// caller reaches `decide` with its own type.
import {
  Conflict,
  InvalidInput,
  deciders,
  fold,
  storedTypeName,
  streamName,
  upcasters,
  type AggregateKind,
  type CommandOf,
  type DomainEvent,
  type Effective,
  type EventMetadata,
  type EventOf,
  type Instant,
  type StateOf,
} from '@rolebook/domain';
import { WrongExpectedVersion, type EventStore, type NewEvent } from '@rolebook/event-store';
import { derivedId, type RequestHasher } from '../shared/ids';
import { CommandBatch } from './command-batch';
import { StreamStates, type StreamView } from './stream-states';
import type { CommandResult, RequestContext } from '../shared/request-context';

/** Applied events must be visible to queries before a command returns (read-your-writes). */
export type WaitForPosition = (position: number) => Promise<void>;

const MAX_ATTEMPTS = 5;

/** What a command decided on a stream (CommandExecutor.decideOn). */
export type Decision<K extends AggregateKind> =
  { outcome: 'done'; result: CommandResult; replayed: boolean } | { outcome: 'append'; version: number; decided: Effective<EventOf<K>>[]; events: NewEvent[] };

export class CommandExecutor {
  /** Each stream's folded state, kept between commands (see StreamStates). */
  private readonly streams: StreamStates;

  constructor(
    private readonly store: EventStore,
    /** Resolves once the read model has applied `position`. */
    readonly waitFor: WaitForPosition,
    private readonly requestHash: RequestHasher,
  ) {
    this.streams = new StreamStates(store);
  }

  /** Commands decided now and appended together later (see CommandBatch). */
  batch(): CommandBatch {
    return new CommandBatch(this, this.store, this.waitFor);
  }

  /** The entity's state folded in recorded order (what decisions are made on). */
  async load<K extends AggregateKind>(tenantId: string, kind: K, id: string): Promise<StateOf<K>> {
    return (await this.current(kind, streamName(tenantId, kind, id))).state;
  }

  /** The stream as it is in the store now (kept between commands; what was appended since is read and folded in). */
  current<K extends AggregateKind>(kind: K, stream: string): Promise<StreamView<K>> {
    return this.streams.current(kind, stream);
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
      const view = await this.current(kind, stream);
      const decision = await this.decideOn(kind, id, { view, pending: [] }, command, request, ctx);
      if (decision.outcome === 'done') {
        if (decision.replayed && decision.result.position !== null) await this.waitFor(decision.result.position);
        return decision.result;
      }
      try {
        const result = await this.appendAt(id, stream, decision.events, decision.version);
        const recorded =
          ctx.idempotencyKey === null ? null : { hash: decision.events[0]!.metadata['requestHash'], revision: result.version - 1, position: result.position! };
        this.streams.appended(kind, stream, decision.version, decision.decided, result.position!, recorded, ctx.idempotencyKey);
        return result;
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
    const hash = ctx.idempotencyKey === null ? null : this.requestHash(request);
    return this.appendAt(id, stream, this.toNewEvents(stream, decided, effectiveAt, ctx, hash), version);
  }

  private async appendAt(id: string, stream: string, events: NewEvent[], version: number): Promise<CommandResult> {
    const result = await this.store.append(stream, events, version === 0 ? 'no_stream' : version - 1);
    await this.waitFor(result.position);
    return { id, version: result.revision + 1, position: result.position, changed: true };
  }

  /**
   * What `command` decides on a stream as `view` holds it, then `pending` (events decided in a
   * batch, not appended yet): an earlier request's result, nothing to do, or events to append at
   * `version` (the stream's length with the pending events).
   */
  async decideOn<K extends AggregateKind>(
    kind: K,
    id: string,
    stream: { view: StreamView<K>; pending: readonly Effective<EventOf<K>>[] },
    command: () => Promise<CommandOf<K>> | CommandOf<K>,
    request: unknown,
    ctx: RequestContext,
  ): Promise<Decision<K>> {
    const { view, pending } = stream;
    // the hash is only kept (and only shapes event ids) with an idempotency key
    const hash = ctx.idempotencyKey === null ? null : this.requestHash(request);
    const replay = this.replayOf(view, ctx, hash, id);
    if (replay) return { outcome: 'done', result: replay, replayed: true };
    const version = view.version + pending.length;
    if (ctx.expectedVersion !== null && ctx.expectedVersion !== version) {
      throw new Conflict('VERSION_MISMATCH', `expectedVersion is ${ctx.expectedVersion} but the entity is at version ${version}`, 'expectedVersion');
    }
    const decider = deciders[kind];
    const decided = await command();
    const decisions = decider.decide(decided, fold(decider, pending, view.state));
    if (decisions.length === 0) {
      return { outcome: 'done', result: { id, version, position: view.position, changed: false }, replayed: false };
    }
    return {
      outcome: 'append',
      version,
      decided: decisions.map((event) => ({ ...event, effectiveAt: event.effectiveAt ?? decided.effectiveAt })),
      events: this.toNewEvents(streamName(ctx.tenantId, kind, id), decisions, decided.effectiveAt, ctx, hash),
    };
  }

  /** The result of an earlier request with the same idempotency key, if this stream has one. */
  private replayOf(view: StreamView<AggregateKind>, ctx: RequestContext, hash: string | null, id: string): CommandResult | null {
    if (ctx.idempotencyKey === null) return null;
    const last = view.requests.get(ctx.idempotencyKey);
    if (!last) return null;
    if (last.hash !== hash) {
      throw new InvalidInput('IDEMPOTENCY_KEY_REUSED', 'idempotencyKey was already used with different input', 'idempotencyKey');
    }
    return { id, version: last.revision + 1, position: last.position, changed: false };
  }

  private toNewEvents(stream: string, events: readonly DomainEvent[], effectiveAt: Instant, ctx: RequestContext, hash: string | null): NewEvent[] {
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
        requestHash: hash,
      };
      return {
        // the hash is part of the id so a reused key with other input cannot pass for a retry
        id: derivedId(ctx.idempotencyKey, stream, hash ?? '', String(i)),
        type: storedTypeName(event.type, upcasters.currentVersion(event.type)),
        data: event.data,
        metadata: { ...metadata },
      };
    });
  }
}
