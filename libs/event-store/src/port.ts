// The EventStore port. Every adapter passes the contract suite in testing/event-store.contract.ts.

/**
 * 'no_stream': the stream must not exist; 'exists': it must; a number: its last revision must be
 * exactly this. There is deliberately no "any": every append states what it expects.
 */
export type ExpectedRevision = 'no_stream' | 'exists' | number;

export interface NewEvent {
  /** Deterministic ids make a retried append a no-op. */
  id: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

export interface RecordedEvent {
  id: string;
  stream: string;
  /** 0-based position within the stream. */
  revision: number;
  /** Position in the global log: strictly increasing in commit order. */
  position: number;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  /**
   * When the store recorded the event (ISO-8601, UTC). On SQLite it never decreases with position; on
   * KurrentDB it is the writing node's clock, which can step back after a failover: a consumer that
   * answers "as known at" keeps it from decreasing (the projector does).
   */
  recordedAt: string;
}

export interface AppendResult {
  /** Revision of the last event appended. */
  revision: number;
  /** Global position of the last event appended. */
  position: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position; null reads from the start. */
  after: number | null;
  limit: number;
}

export type EventHandler = (event: RecordedEvent) => void | Promise<void>;

export interface Subscription {
  /** Resolves once the subscription has stopped and no handler call is running. */
  stop(): Promise<void>;
}

export interface SubscribeOptions {
  /** Exclusive start position; null from the beginning. */
  after: number | null;
  /** Called once when a handler throws or the store fails; the subscription has then stopped. */
  onError?: (error: unknown) => void;
}

/** One stream's part of appendMany: what append takes. */
export interface StreamAppend {
  stream: string;
  events: readonly NewEvent[];
  expected: ExpectedRevision;
}

export interface EventStore {
  append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /**
   * Appends to several streams (each at most once), in order, as append would one after the
   * other, answering each append's result. Every append is durable once acknowledged and checks
   * its expected revision. On a WrongExpectedVersion the appends before it may have been written
   * (the embedded store writes all or nothing; KurrentDB has no multi-stream transaction here):
   * a retry with the same event ids is safe, the appends already made are answered as replays.
   */
  appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  /** The stream's events in revision order, from revision `from` on (0: the whole stream). */
  readStream(stream: string, from?: number): Promise<RecordedEvent[]>;
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribe(handler: EventHandler, options: SubscribeOptions): Subscription;
  /** Position of the newest event, or null when the store is empty. */
  headPosition(): Promise<number | null>;
  close(): Promise<void>;
}

export class WrongExpectedVersion extends Error {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** Last revision of the stream, -1 when it does not exist. */
    readonly actual: number,
  ) {
    super(`Wrong expected version on ${stream}: expected ${expected}, actual ${actual}`);
    this.name = 'WrongExpectedVersion';
  }
}

/**
 * The store cannot be reached now, or has no leader (a restart, a failover, a network cut). Retryable:
 * an append that failed so may or may not have been recorded, and a retry with the same event ids
 * is answered with the original result if it was.
 */
export class EventStoreUnavailable extends Error {
  constructor(override readonly cause: unknown) {
    super('The event store is unavailable; retry shortly');
    this.name = 'EventStoreUnavailable';
  }
}

export const matchesExpected = (expected: ExpectedRevision, actual: number): boolean => {
  switch (expected) {
    case 'no_stream':
      return actual === -1;
    case 'exists':
      return actual >= 0;
    default:
      return actual === expected;
  }
};
