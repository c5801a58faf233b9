// EventStore on KurrentDB (formerly EventStoreDB) through @kurrent/kurrentdb-client, the
// maintained successor of @eventstore/db-client. Rolebook's streams share the server's $all with
// system streams and possibly other applications, so $all reads, the head and subscriptions are
// filtered server-side to the configured stream prefix.
import {
  jsonEvent,
  KurrentDBClient,
  BACKWARDS,
  END,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  streamNameFilter,
  WrongExpectedVersionError,
  type AppendStreamState,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import {
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
}

const streamState = (expected: ExpectedRevision): AppendStreamState => {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'exists') return STREAM_EXISTS;
  return BigInt(expected);
};

const toRecorded = ({ event }: ResolvedEvent): RecordedEvent => {
  if (!event?.position) throw new Error('KurrentDB returned an event without a position');
  return {
    id: event.id,
    stream: event.streamId,
    revision: Number(event.revision),
    position: toPosition(event.position),
    type: event.type,
    data: event.data,
    ...recordedAtOf(event.created, (event.metadata as Record<string, unknown> | undefined) ?? {}),
  };
};

export class KurrentDbEventStore implements EventStore {
  private readonly client: KurrentDBClient;
  private readonly subscriptions = new SubscriptionSet();

  constructor(private readonly options: KurrentDbEventStoreOptions) {
    this.client = KurrentDBClient.connectionString(options.connectionString);
  }

  private get filter() {
    return streamNameFilter({ prefixes: [this.options.streamPrefix] });
  }

  async append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    try {
      const result = await this.client.appendToStream(
        stream,
        events.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data as never, metadata: e.metadata })),
        { streamState: streamState(expected) },
      );
      if (result.position) return { revision: Number(result.nextExpectedRevision), position: toPosition(result.position) };
      // the server answers a retried write (same event ids) with no position: find the original
      return this.originalAppend(stream, events);
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = typeof error.actualState === 'bigint' ? Number(error.actualState) : -1;
        throw new WrongExpectedVersion(stream, expected, actual);
      }
      throw error;
    }
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

  async readStream(stream: string): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(stream)) events.push(toRecorded(resolved));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async readAll({ after, limit }: ReadAllOptions): Promise<RecordedEvent[]> {
    // a read from a position includes the event at it; the port's `after` is exclusive
    const events: RecordedEvent[] = [];
    const read = this.client.readAll({ fromPosition: after === null ? START : fromPosition(after), maxCount: limit + 1, filter: this.filter });
    for await (const resolved of read) {
      const event = toRecorded(resolved);
      if (after !== null && event.position <= after) continue;
      events.push(event);
      if (events.length === limit) break;
    }
    return events;
  }

  async headPosition(): Promise<number | null> {
    for await (const resolved of this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1, filter: this.filter })) {
      return toRecorded(resolved).position;
    }
    return null;
  }

  subscribe(handler: EventHandler, options: SubscribeOptions): Subscription {
    return this.subscriptions.track(
      resubscribingSubscription({
        open: (after) => this.client.subscribeToAll({ fromPosition: after === null ? START : fromPosition(after), filter: this.filter }),
        toRecorded,
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
