// The durable inbox of HRIS deliveries, the port: a delivery is acknowledged only once its row is
// committed. One row per (tenant, provider, delivery id) and per (tenant, provider, body digest):
// a duplicate (a redelivery, or the same provider event under a new id) is recognised and ignored.
// Bodies hold personal data; they live here, never in the event log, stream names or logs, and are
// erased once a delivery is done and older than the retention (its digest stays, so a late
// redelivery is still recognised as a duplicate), or at once when the personal data of a person
// they name is erased. Adapters: SQLite (DATA_DIR/webhooks.db, one host) and PostgreSQL
// (DATABASE_URL, every host), held to one contract suite (testing/delivery-inbox.contract.ts).
import { createHash } from 'node:crypto';
import type { Provider } from '../providers';

export const DELIVERY_STATUSES = ['PENDING', 'PROCESSED', 'DEAD'] as const;

export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface Delivery {
  seq: number;
  tenantId: string;
  provider: Provider;
  deliveryId: string;
  /** Empty once erased (bodyErased). */
  body: Buffer;
  bodyErased: boolean;
  receivedAt: string;
  status: DeliveryStatus;
  attempts: number;
  /** How many times it was replayed: each replay is a new round of attempts (and a new queued job). */
  replays: number;
  nextAttemptAt: string | null;
  /** Why it is dead, or the last retryable failure: a reason code, never input values. */
  lastError: string | null;
  /** What it became: entity ids and what happened to them. */
  outcome: string[];
}

export interface NewDelivery {
  tenantId: string;
  provider: Provider;
  deliveryId: string;
  body: Buffer;
  receivedAt: string;
}

/** How an attempt ended: what processed() or failed() record. */
export type Settlement = { seq: number; status: 'PROCESSED'; outcome: string[] } | { seq: number; status: 'FAILED'; reason: string; retryAt: string | null };

/** A claimed delivery as settleMany leaves it. */
export const settled = (claimed: Delivery, s: Settlement): Delivery =>
  s.status === 'PROCESSED'
    ? { ...claimed, status: 'PROCESSED', attempts: claimed.attempts + 1, lastError: null, nextAttemptAt: null, outcome: s.outcome }
    : { ...claimed, status: s.retryAt === null ? 'DEAD' : 'PENDING', attempts: claimed.attempts + 1, lastError: s.reason, nextAttemptAt: s.retryAt };

export interface DeliveryFilter {
  status?: DeliveryStatus;
  provider?: Provider;
}

/** What duplicates are recognised by besides the delivery id: the body's SHA-256, hex. */
export const bodyDigest = (body: Buffer): string => createHash('sha256').update(body).digest('hex');

export interface DeliveryInbox {
  /** Records a delivery; null when it is a duplicate of one already recorded (two receivers racing: one records it). */
  record(delivery: NewDelivery): Promise<Delivery | null>;
  /**
   * Records several deliveries in one durable transaction (group commit: one sync to disk for them
   * all), in order: for each, what record() would answer, a duplicate of an earlier one of the same
   * call included. All or none: when it fails, nothing of it was recorded.
   */
  recordMany(deliveries: readonly NewDelivery[]): Promise<(Delivery | null)[]>;
  get(seq: number): Promise<Delivery | null>;
  byDeliveryId(tenantId: string, provider: Provider, deliveryId: string): Promise<Delivery | null>;
  /** Pending deliveries due by `now` and not claimed by anyone, oldest first. */
  due(now: string, limit?: number): Promise<Delivery[]>;
  /** When the next pending delivery is due, or null. */
  nextDue(): Promise<string | null>;
  /**
   * Takes pending deliveries for one attempt each, until `until` (then anyone may take them again:
   * their taker died), in one durable transaction: those it took, oldest first; a delivery not
   * pending or held by someone else is left out. Of several processes claiming one delivery at
   * once, exactly one gets it.
   */
  claimMany(seqs: readonly number[], now: string, until: string): Promise<Delivery[]>;
  /** Their holder keeps its claims: `heldUntil` (the claims as it holds them) becomes `until`; answers the seqs renewed (not those whose claim is no longer the one it holds). */
  renewClaims(seqs: readonly number[], heldUntil: string, until: string): Promise<number[]>;
  /** Done: PROCESSED with what it became; its claim released. */
  processed(seq: number, outcome: string[]): Promise<void>;
  /** An attempt failed: due again at `retryAt`, or DEAD (parked) with the reason code when null; its claim released. */
  failed(seq: number, reason: string, retryAt: string | null): Promise<void>;
  /** What processed() or failed() records, for several deliveries in one durable transaction (all or none). */
  settleMany(settlements: readonly Settlement[]): Promise<void>;
  /** Puts a delivery back in the queue, due now, with a fresh attempt count (not one whose body was erased). */
  replay(seq: number, now: string): Promise<Delivery | null>;
  /** Erases the bodies of deliveries done (PROCESSED or DEAD) and received before `before`; answers how many. */
  eraseBodies(before: string): Promise<number>;
  /**
   * Erases one delivery's body whatever its state (its person's personal data was erased); a
   * delivery not done yet is DEAD with `reason`, since there is nothing left to process.
   */
  eraseBody(seq: number, reason: string): Promise<void>;
  /** A tenant's deliveries that still hold their body, after `afterSeq`, oldest first. */
  withBodies(tenantId: string, afterSeq: number, limit: number): Promise<Delivery[]>;
  /** Newest first; `after` is the seq of the last delivery of the previous page. */
  list(tenantId: string, filter: DeliveryFilter, after: number | null, first: number): Promise<Delivery[]>;
  count(tenantId: string, filter: DeliveryFilter): Promise<number>;
  close(): Promise<void>;
}
