// TEST DOUBLE. The in-memory transaction log behind KurrentDbTestDouble: what a single KurrentDB
// node keeps for the calls Rolebook makes, and nothing more (see README: "KurrentDB test double").
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';

export interface LogRecord {
  id: string;
  stream: string;
  /** Stream revision; a tombstone's is TOMBSTONE_REVISION, as the server writes it. */
  revision: bigint;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, from the writing node's clock, as the server stamps `created`. */
  created: bigint;
  /** Log position: the byte offset of the record. Commit == prepare for an implicit transaction. */
  position: bigint;
}

export interface ProposedEvent {
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
}

export type Expected = { kind: 'any' } | { kind: 'no_stream' } | { kind: 'stream_exists' } | { kind: 'revision'; revision: number };

export type AppendOutcome =
  | { kind: 'success'; currentRevision: number; position: bigint | null }
  | { kind: 'wrong_expected_version'; currentRevision: number | null }
  | { kind: 'stream_deleted' };

/** The revision the server gives a hard-deleted stream's `$streamDeleted` record: long.MaxValue. */
export const TOMBSTONE_REVISION = (1n << 63n) - 1n;
export const TOMBSTONE_TYPE = '$streamDeleted';

const TICKS_PER_MS = 10_000n;
/** Fixed per-record overhead, so positions look like byte offsets rather than a counter. */
const RECORD_OVERHEAD = 97n;

/** The server's Event.SizeOnDisk: data + metadata + 2 bytes per character of the type; an append's size is their sum. */
export const sizeOnDisk = (event: Pick<ProposedEvent, 'type' | 'data' | 'metadata'>): number =>
  event.data.length + event.metadata.length + event.type.length * 2;

export class TransactionLog {
  readonly records: LogRecord[] = [];
  private readonly streams = new Map<string, LogRecord[]>();
  private readonly deleted = new Set<string>();
  private readonly positions = new Set<bigint>();
  readonly appended = new EventEmitter();
  private nextPosition = 0n;
  private lastTicks = 0n;
  /** The leader's clock against this process's: a failover to a node whose clock is behind makes it negative. */
  private clockOffsetMs = 0;

  constructor() {
    this.appended.setMaxListeners(0);
    // a fresh node writes system events first; $all readers must filter them out
    this.write('$settings', [systemEvent('$settings'), systemEvent('$UserCreated')]);
  }

  lastRevision(stream: string): number {
    return (this.streams.get(stream)?.length ?? 0) - 1;
  }

  /** A stream's records; null when it does not exist, 'deleted' when it was hard-deleted. */
  readStream(stream: string): LogRecord[] | null | 'deleted' {
    if (this.deleted.has(stream)) return 'deleted';
    return this.streams.get(stream) ?? null;
  }

  /** A position a read may start from: a record's, or the end of the log. The server refuses any other. */
  isValidPosition(position: bigint): boolean {
    return position === this.nextPosition || this.positions.has(position);
  }

  get endPosition(): bigint {
    return this.nextPosition;
  }

  append(stream: string, events: ProposedEvent[], expected: Expected): AppendOutcome {
    if (this.deleted.has(stream)) return { kind: 'stream_deleted' };
    const current = this.lastRevision(stream);
    const idempotent = this.idempotentRevision(stream, events, expected);
    // the server answers a replayed write with the stream's revision and no position
    if (idempotent !== null) return { kind: 'success', currentRevision: idempotent, position: null };
    const ok =
      expected.kind === 'any' ||
      (expected.kind === 'no_stream' && current === -1) ||
      (expected.kind === 'stream_exists' && current >= 0) ||
      (expected.kind === 'revision' && expected.revision === current);
    if (!ok) return { kind: 'wrong_expected_version', currentRevision: current === -1 ? null : current };
    if (events.length === 0) return { kind: 'success', currentRevision: current, position: null };
    const written = this.write(stream, events);
    const last = written[written.length - 1]!;
    return { kind: 'success', currentRevision: Number(last.revision), position: last.position };
  }

  /**
   * A hard delete (Streams.Tombstone): the server writes a `$streamDeleted` record at revision
   * long.MaxValue into the stream itself, so it shows in $all under the stream's own name (and
   * passes a stream-name prefix filter); the stream can then be neither read nor written.
   */
  tombstone(stream: string): LogRecord {
    const [record] = this.write(
      stream,
      [{ id: randomUUID(), type: TOMBSTONE_TYPE, contentType: 'application/octet-stream', data: new Uint8Array(), metadata: new Uint8Array() }],
      TOMBSTONE_REVISION,
    );
    this.deleted.add(stream);
    return record!;
  }

  /**
   * Another node becomes leader. `created` is stamped by the writing node's clock, so when that
   * clock is behind the old leader's, the next events are `created` earlier than the ones before.
   */
  failover(clockStepMs: number): void {
    this.clockOffsetMs += clockStepMs;
    this.lastTicks = 0n;
  }

  /** The revision a retried write of exactly these ids at this expected revision already reached, or null. */
  private idempotentRevision(stream: string, events: ProposedEvent[], expected: Expected): number | null {
    const existing = this.streams.get(stream) ?? [];
    const first = events[0];
    if (!first) return null;
    const at = existing.findIndex((r) => r.id === first.id);
    if (at === -1) return null;
    if (expected.kind === 'no_stream' && at !== 0) return null;
    if (expected.kind === 'revision' && at !== expected.revision + 1) return null;
    const same = events.every((e, i) => existing[at + i]?.id === e.id);
    return same ? at + events.length - 1 : null;
  }

  private write(stream: string, events: ProposedEvent[], revision?: bigint): LogRecord[] {
    const records = this.streams.get(stream) ?? [];
    this.streams.set(stream, records);
    // one node's clock never steps back within its term; a failover may (see failover())
    const nowTicks = BigInt(Date.now() + this.clockOffsetMs) * TICKS_PER_MS;
    this.lastTicks = nowTicks > this.lastTicks ? nowTicks : this.lastTicks;
    const written = events.map((event) => {
      const record: LogRecord = {
        ...event,
        stream,
        revision: revision ?? BigInt(records.length),
        created: this.lastTicks,
        position: this.nextPosition,
      };
      this.positions.add(record.position);
      this.nextPosition += RECORD_OVERHEAD + BigInt(event.data.length + event.metadata.length + stream.length);
      records.push(record);
      this.records.push(record);
      return record;
    });
    this.appended.emit('appended', written);
    return written;
  }
}

const systemEvent = (type: string): ProposedEvent => ({
  id: randomUUID(),
  type,
  contentType: 'application/json',
  data: Buffer.from('{}'),
  metadata: new Uint8Array(),
});
