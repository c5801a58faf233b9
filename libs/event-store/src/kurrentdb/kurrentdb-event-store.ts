// EventStore on KurrentDB (formerly EventStoreDB) through @kurrent/kurrentdb-client, the
// maintained successor of @eventstore/db-client. Rolebook's streams share the server's $all with
// system streams and possibly other applications, so $all reads, the head and subscriptions are
// filtered server-side to the configured stream prefix, and records of `$` types inside those
// streams (a hard delete's `$streamDeleted` tombstone) are skipped.
import {
  jsonEvent,
  KurrentDBClient,
  BACKWARDS,
  END,
  FORWARDS,
  MaxAppendSizeExceededError,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  streamNameFilter,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendStreamState,
  type Position,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import {
  EventStoreUnavailable,
  WrongExpectedVersion,
  type AppendResult,
  type EventHandler,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type RecordedEvent,
  type StreamAppend,
  type SubscribeOptions,
  type Subscription,
} from '../port';
import { DEFAULT_MAX_APPEND_SIZE, sizeOnDisk, splitByAppendSize } from './append-size';
import { EventTooLarge, isStreamDeleted, isTransient, StreamTombstoned } from './kurrentdb-errors';
import { fromPosition, toPosition } from './positions';
import { recordedAtOf } from './recorded-at';
import { SubscriptionSet } from '../subscription-set';
import { resubscribingSubscription } from './resubscribing-subscription';

export interface KurrentDbEventStoreOptions {
  /** e.g. `kurrentdb://host:2113?tls=false`; the client's connection-string syntax. */
  connectionString: string;
  /** Only streams whose names start with this are read from $all; Rolebook's are `rb/`. */
  streamPrefix: string;
  /** First wait before a dropped subscription reconnects; doubles up to 5 s. */
  reconnectDelayMs?: number;
  /** Told about each reconnect attempt of a subscription (never event data). */
  onReconnect?: (attempt: number, error: unknown) => void;
  /** The server's MaxAppendSize in bytes (1 MiB by default); a server that refuses less teaches the adapter its own. */
  maxAppendSize?: number;
}

const streamState = (expected: ExpectedRevision): AppendStreamState => {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'exists') return STREAM_EXISTS;
  return BigInt(expected);
};

/** A record Rolebook reads: not a system record (`$streamDeleted` tombstones, `$metadata`) inside its streams. */
const isRolebookRecord = ({ event }: ResolvedEvent): boolean => !!event && !event.type.startsWith('$');

const positionOf = ({ event }: ResolvedEvent): Position => {
  if (!event?.position) throw new Error('KurrentDB returned an event without a position');
  return event.position;
};

const toRecorded = (resolved: ResolvedEvent): RecordedEvent => {
  const event = resolved.event!;
  return {
    id: event.id,
    stream: event.streamId,
    revision: Number(event.revision),
    position: toPosition(positionOf(resolved)),
    type: event.type,
    data: event.data,
    ...recordedAtOf(event.created, (event.metadata as Record<string, unknown> | undefined) ?? {}),
  };
};

/** The port's error for what the client raised: a conflict, a transient outage, a tombstoned stream; anything else as it is. */
const translated = (error: unknown, stream: string, expected: ExpectedRevision): unknown => {
  if (error instanceof WrongExpectedVersionError) {
    const actual = typeof error.actualState === 'bigint' ? Number(error.actualState) : -1;
    return new WrongExpectedVersion(stream, expected, actual);
  }
  if (isStreamDeleted(error)) return new StreamTombstoned(stream);
  if (isTransient(error)) return new EventStoreUnavailable(error);
  return error;
};

const PAGE = 100;

export class KurrentDbEventStore implements EventStore {
  private readonly client: KurrentDBClient;
  private readonly subscriptions = new SubscriptionSet();
  private maxAppendSize: number;

  constructor(private readonly options: KurrentDbEventStoreOptions) {
    this.client = KurrentDBClient.connectionString(options.connectionString);
    this.maxAppendSize = options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE;
  }

  private get filter() {
    return streamNameFilter({ prefixes: [this.options.streamPrefix] });
  }

  /**
   * Appends within the server's maximum append size: a larger append is split into consecutive
   * parts (the same events, ids and order), each appended at the revision the previous one
   * reached. A split append is not atomic: a reader may see its first parts before the rest. An
   * interrupted one (a crash, an outage between parts) is completed by retrying the same append:
   * it first reads which of its events are already in the stream after the expected revision and
   * appends only the rest; if another writer appended in between, the retry is a conflict.
   */
  async append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const parts = splitByAppendSize(events, this.maxAppendSize);
    try {
      if (parts.length === 1) return await this.appendOnce(stream, events, expected);
      return await this.appendInParts(stream, parts, expected);
    } catch (error) {
      if (error instanceof MaxAppendSizeExceededError) return this.afterSizeRefusal(error, stream, events, expected);
      throw translated(error, stream, expected);
    }
  }

  /** The server's limit is lower than assumed: learn it and split again (parts already written are found by the recovery read). */
  private async afterSizeRefusal(error: MaxAppendSizeExceededError, stream: string, events: readonly NewEvent[], expected: ExpectedRevision) {
    const tooLarge = events.find((e) => sizeOnDisk(e) > error.maxAppendSize);
    if (tooLarge) throw new EventTooLarge(tooLarge.id, sizeOnDisk(tooLarge), error.maxAppendSize);
    if (!(error.maxAppendSize < this.maxAppendSize)) throw error;
    this.maxAppendSize = error.maxAppendSize;
    return this.append(stream, events, expected);
  }

  private async appendOnce(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const result = await this.client.appendToStream(
      stream,
      events.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data as never, metadata: e.metadata })),
      { streamState: streamState(expected) },
    );
    if (result.position) return { revision: Number(result.nextExpectedRevision), position: toPosition(result.position) };
    // the server answers a retried write (same event ids) with no position: find the original
    return this.originalAppend(stream, events);
  }

  private async appendInParts(stream: string, parts: NewEvent[][], expected: ExpectedRevision): Promise<AppendResult> {
    const written = await this.alreadyWritten(stream, parts.flat(), expected);
    let result = written.result;
    let skip = written.count;
    let next: ExpectedRevision = result ? result.revision : expected;
    for (const part of parts) {
      const rest = part.slice(skip);
      skip = Math.max(0, skip - part.length);
      if (rest.length === 0) continue;
      result = await this.appendOnce(stream, rest, next);
      next = result.revision;
    }
    return result!;
  }

  /** How many of `events`, in order, an earlier attempt already wrote right after `expected` (unknown for 'exists': 0). */
  private async alreadyWritten(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<{ count: number; result: AppendResult | null }> {
    if (expected === 'exists') return { count: 0, result: null };
    const from = expected === 'no_stream' ? 0 : expected + 1;
    const there = await this.readStreamFrom(stream, from, events.length);
    let count = 0;
    while (count < there.length && there[count]!.id === events[count]!.id) count += 1;
    const last = there[count - 1];
    return { count, result: last ? { revision: last.revision, position: last.position } : null };
  }

  /** One append after the other (no multi-stream transaction here): each durable once acknowledged. */
  async appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    if (new Set(appends.map((a) => a.stream)).size !== appends.length) throw new Error('appendMany takes each stream at most once');
    const results: AppendResult[] = [];
    for (const { stream, events, expected } of appends) results.push(await this.append(stream, events, expected));
    return results;
  }

  private async originalAppend(stream: string, events: readonly NewEvent[]): Promise<AppendResult> {
    const lastId = events[events.length - 1]!.id;
    const original = (await this.readStream(stream)).find((e) => e.id === lastId);
    if (!original) throw new Error('KurrentDB acknowledged a retried append whose events it cannot read back');
    return { revision: original.revision, position: original.position };
  }

  /** Reads from the leader: a decision (the command path, an append's recovery) must not rest on a follower that lags. */
  async readStream(stream: string, from = 0): Promise<RecordedEvent[]> {
    return this.readStreamFrom(stream, from, Number.MAX_SAFE_INTEGER);
  }

  private async readStreamFrom(stream: string, from: number, maxCount: number): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(stream, { fromRevision: BigInt(from), direction: FORWARDS, maxCount, requiresLeader: true });
      for await (const resolved of read) if (isRolebookRecord(resolved)) events.push(toRecorded(resolved));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw translated(error, stream, 'exists');
    }
    return events;
  }

  async readAll({ after, limit }: ReadAllOptions): Promise<RecordedEvent[]> {
    // a read from a position includes the event at it; the port's `after` is exclusive. Skipped
    // records still count against the server's page, so a page that held only those reads on.
    const events: RecordedEvent[] = [];
    let from = after;
    for (;;) {
      let seen = 0;
      let last = from;
      const read = this.client.readAll({ fromPosition: from === null ? START : fromPosition(from), maxCount: limit + 1, filter: this.filter });
      for await (const resolved of read) {
        seen += 1;
        const position = toPosition(positionOf(resolved));
        if (from !== null && position <= from) continue;
        last = position;
        if (!isRolebookRecord(resolved)) continue;
        events.push(toRecorded(resolved));
        if (events.length === limit) return events;
      }
      if (seen < limit + 1 || last === from) return events;
      from = last;
    }
  }

  /** The newest Rolebook event's position, from the leader (read-your-writes waits for it). */
  async headPosition(): Promise<number | null> {
    let from: Position | typeof END = END;
    for (;;) {
      let seen = 0;
      const read = this.client.readAll({ fromPosition: from, direction: BACKWARDS, maxCount: PAGE, filter: this.filter, requiresLeader: true });
      for await (const resolved of read) {
        seen += 1;
        if (isRolebookRecord(resolved)) return toRecorded(resolved).position;
        from = positionOf(resolved);
      }
      if (seen < PAGE) return null;
    }
  }

  subscribe(handler: EventHandler, options: SubscribeOptions): Subscription {
    return this.subscriptions.track(
      resubscribingSubscription({
        open: (after) => this.client.subscribeToAll({ fromPosition: after === null ? START : fromPosition(after), filter: this.filter }),
        positionOf: (resolved: AllStreamResolvedEvent) => toPosition(positionOf(resolved)),
        toRecorded: (resolved: AllStreamResolvedEvent) => (isRolebookRecord(resolved) ? toRecorded(resolved) : null),
        handler,
        after: options.after,
        onError: options.onError,
        reconnectDelayMs: this.options.reconnectDelayMs ?? 250,
        onReconnect: this.options.onReconnect,
      }),
    );
  }

  async close(): Promise<void> {
    await this.subscriptions.stopAll();
    await this.client.dispose();
  }
}
