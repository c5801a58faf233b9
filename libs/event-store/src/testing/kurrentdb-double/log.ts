// TEST DOUBLE. The in-memory transaction log behind KurrentDbTestDouble: what a single KurrentDB
// node keeps for the calls Rolebook makes, and nothing more (see README: "KurrentDB test double").
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';

export interface LogRecord {
  id: string;
  stream: string;
  revision: number;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as the server stamps `created`. */
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
  { kind: 'success'; currentRevision: number; position: bigint | null } | { kind: 'wrong_expected_version'; currentRevision: number | null };

const TICKS_PER_MS = 10_000n;
/** Fixed per-record overhead, so positions look like byte offsets rather than a counter. */
const RECORD_OVERHEAD = 97n;

export class TransactionLog {
  readonly records: LogRecord[] = [];
  private readonly streams = new Map<string, LogRecord[]>();
  readonly appended = new EventEmitter();
  private nextPosition = 0n;
  private lastTicks = 0n;

  constructor() {
    this.appended.setMaxListeners(0);
    // a fresh node writes system events first; $all readers must filter them out
    this.write('$settings', [systemEvent('$settings'), systemEvent('$UserCreated')]);
  }

  lastRevision(stream: string): number {
    return (this.streams.get(stream)?.length ?? 0) - 1;
  }

  readStream(stream: string): LogRecord[] | null {
    return this.streams.get(stream) ?? null;
  }

  append(stream: string, events: ProposedEvent[], expected: Expected): AppendOutcome {
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
    return { kind: 'success', currentRevision: last.revision, position: last.position };
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

  private write(stream: string, events: ProposedEvent[]): LogRecord[] {
    const records = this.streams.get(stream) ?? [];
    this.streams.set(stream, records);
    const nowTicks = BigInt(Date.now()) * TICKS_PER_MS;
    this.lastTicks = nowTicks > this.lastTicks ? nowTicks : this.lastTicks;
    const written = events.map((event) => {
      const record: LogRecord = {
        ...event,
        stream,
        revision: records.length,
        created: this.lastTicks,
        position: this.nextPosition,
      };
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
