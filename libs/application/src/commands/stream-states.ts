// The command path's memory of the streams it decided on last: each one's folded state with the
// stream's length, the position of its last event and the idempotency keys it holds. A cached
// state is never decided on as it is: each command first reads the stream from the cached length
// on (an indexed read that finds nothing when nothing changed), so what another process appended
// is folded in before the decision; and the append still states the length decided on, so a
// writer that comes between is refused (CONFLICT or a decision again on the fresh state).
// Bounded by streams held; the least recently used go first.
import {
  deciders,
  fold,
  isEventOf,
  parseStoredType,
  upcasters,
  type AggregateKind,
  type Effective,
  type EffectiveOrgEvent,
  type EventOf,
  type StateOf,
} from '@rolebook/domain';
import type { EventStore, RecordedEvent } from '@rolebook/event-store';

/** An earlier request recorded on the stream: the hash of its input and where its last event is. */
export interface RecordedRequest {
  hash: unknown;
  revision: number;
  position: number;
}

/** A stream as last read: immutable, so a decision in flight keeps the view it started with. */
export interface StreamView<K extends AggregateKind> {
  state: StateOf<K>;
  /** The stream's length: the number of events folded into `state`. */
  version: number;
  /** Global position of the stream's last event; null for an empty stream. */
  position: number | null;
  /** Idempotency key → the last event that carried it. */
  requests: ReadonlyMap<string, RecordedRequest>;
}

/** The default bound: streams whose state is kept (an entity's state is small: a few kB at most). */
export const DEFAULT_CACHED_STREAMS = 20_000;

/** A stored event as the domain sees it (upcast to the current version), checked to belong to `kind`'s streams. */
export const decode = <K extends AggregateKind>(kind: K, recorded: RecordedEvent): Effective<EventOf<K>> => {
  const { type, data } = upcasters.upcast(recorded.type, recorded.data);
  // the log holds what this code wrote: its JSON is taken as the event its type names
  const event = { type, data, effectiveAt: recorded.metadata['effectiveAt'] } as EffectiveOrgEvent;
  if (!isEventOf(kind, event)) throw new Error(`a ${type} event in a ${kind} stream`);
  return event;
};

const empty = <K extends AggregateKind>(kind: K): StreamView<K> => ({ state: deciders[kind].initialState(), version: 0, position: null, requests: new Map() });

/** `view` with the recorded events that follow it folded in. */
const extended = <K extends AggregateKind>(kind: K, view: StreamView<K>, recorded: readonly RecordedEvent[]): StreamView<K> => {
  const fresh = recorded.filter((e) => e.revision >= view.version);
  if (fresh.length === 0) return view;
  let requests = view.requests;
  for (const e of fresh) {
    const key = e.metadata['idempotencyKey'];
    if (typeof key !== 'string') continue;
    if (requests === view.requests) requests = new Map(requests);
    (requests as Map<string, RecordedRequest>).set(key, { hash: e.metadata['requestHash'], revision: e.revision, position: e.position });
  }
  const last = fresh[fresh.length - 1]!;
  return {
    state: fold(
      deciders[kind],
      fresh.map((e) => decode(kind, e)),
      view.state,
    ),
    version: last.revision + 1,
    position: last.position,
    requests,
  };
};

export class StreamStates {
  private readonly entries = new Map<string, StreamView<AggregateKind>>();

  constructor(
    private readonly store: EventStore,
    private readonly capacity: number = DEFAULT_CACHED_STREAMS,
  ) {}

  /** The stream as it is in the store now: the kept view with what was appended since folded in. */
  async current<K extends AggregateKind>(kind: K, stream: string): Promise<StreamView<K>> {
    // streams of every kind share the map; a stream's name holds its kind, so what is kept under it is of that kind
    const kept = this.entries.get(stream) as StreamView<K> | undefined;
    const since = await this.store.readStream(stream, kept?.version ?? 0);
    // an erasure leaves the person's personal data unreadable: fold the stream again as it now reads (placeholders)
    const view = kept && !since.some(erases) ? extended(kind, kept, since) : extended(kind, empty(kind), await this.reread(stream, since, kept));
    this.keep(stream, view);
    return view;
  }

  /** Events this process appended at `base` (the length it decided on), the last at `position`. */
  appended<K extends AggregateKind>(
    kind: K,
    stream: string,
    base: number,
    events: readonly Effective<EventOf<K>>[],
    position: number,
    request: RecordedRequest | null,
    key: string | null,
  ): void {
    const kept = this.entries.get(stream) as StreamView<K> | undefined;
    // an erasure: nothing of the person's data is kept (the next command reads the stream as it now reads)
    if (events.some((e) => e.type === 'PersonalDataErased')) return void this.entries.delete(stream);
    // another read may have taken the view further already (it then holds these events)
    if (!kept || kept.version !== base) return;
    const requests = key === null || request === null ? kept.requests : new Map(kept.requests).set(key, request);
    // as read back from the log: the stored JSON, not the objects decided (an undefined field is not stored)
    const stored = JSON.parse(JSON.stringify(events)) as Effective<EventOf<K>>[];
    this.keep(stream, { state: fold(deciders[kind], stored, kept.state), version: base + events.length, position, requests });
  }

  /** The whole stream: `since` when it is the whole stream already. */
  private async reread(stream: string, since: readonly RecordedEvent[], kept: StreamView<AggregateKind> | undefined): Promise<readonly RecordedEvent[]> {
    return kept ? this.store.readStream(stream) : since;
  }

  private keep(stream: string, view: StreamView<AggregateKind>): void {
    const kept = this.entries.get(stream);
    // two reads racing: the longer view wins
    if (kept && kept.version > view.version) return;
    this.entries.delete(stream);
    this.entries.set(stream, view); // most recently used last
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

const erases = (e: RecordedEvent): boolean => parseStoredType(e.type).type === 'PersonalDataErased';
