// How the adapter tells KurrentDB's errors apart (as @kurrent/kurrentdb-client raises them):
// transient ones (the server restarting, a failover, a cut connection), which a retry outlives,
// and permanent ones, which no retry will cure and which must surface instead of looping.
import * as grpc from '@grpc/grpc-js';
import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  StreamDeletedError,
  TimeoutError,
  UnavailableError,
} from '@kurrent/kurrentdb-client';
import { UnsupportedPosition } from './positions';

/** One event larger than the server's maximum append size: it cannot be appended however it is split. */
export class EventTooLarge extends Error {
  constructor(
    readonly eventId: string,
    readonly size: number,
    readonly maxAppendSize: number,
  ) {
    super(`Event ${eventId} is ${size} bytes, over the server's maximum append size of ${maxAppendSize}`);
    this.name = 'EventTooLarge';
  }
}

/** A hard-deleted (tombstoned) stream: it can be neither read nor written again. */
export class StreamTombstoned extends Error {
  constructor(readonly stream: string) {
    super(`Stream ${stream} was hard-deleted on the server`);
    this.name = 'StreamTombstoned';
  }
}

export type RefusalReason = 'ACCESS_DENIED' | 'INVALID_POSITION' | 'UNSUPPORTED_POSITION';

const REMEDY: Record<RefusalReason, string> = {
  ACCESS_DENIED: "the connection's user may not read $all; grant it the read in $all's ACL (README: KurrentDB least privilege)",
  INVALID_POSITION: 'the checkpoint is not a position of this log (a read model built from another store or database): rebuild it or start with a fresh one',
  UNSUPPORTED_POSITION: 'the log holds an event written in an explicit transaction, which Rolebook never writes',
};

/** The server refuses the subscription for good: its user may not read $all, or the start position is not one of this log's. */
export class SubscriptionRefused extends Error {
  constructor(
    readonly reason: RefusalReason,
    override readonly cause: unknown,
  ) {
    super(`KurrentDB refused the subscription to $all for good (${reason}): ${REMEDY[reason]}`);
    this.name = 'SubscriptionRefused';
  }
}

const grpcCode = (error: unknown): unknown => (typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined);

/** A transient failure: the server is away, restarting, or no longer the leader. */
export const isTransient = (error: unknown): boolean =>
  error instanceof UnavailableError ||
  error instanceof DeadlineExceededError ||
  error instanceof TimeoutError ||
  error instanceof CancelledError ||
  error instanceof NotLeaderError ||
  grpcCode(error) === grpc.status.UNAVAILABLE;

/** The permanent refusal behind a failed subscription, or null when a resubscription may succeed. */
export const permanentRefusal = (error: unknown): SubscriptionRefused | null => {
  if (error instanceof SubscriptionRefused) return error;
  if (error instanceof AccessDeniedError) return new SubscriptionRefused('ACCESS_DENIED', error);
  if (error instanceof UnsupportedPosition) return new SubscriptionRefused('UNSUPPORTED_POSITION', error);
  // RpcExceptions.InvalidPositionException: InvalidArgument without an `exception` trailer
  if (grpcCode(error) === grpc.status.INVALID_ARGUMENT) return new SubscriptionRefused('INVALID_POSITION', error);
  return null;
};

export const isStreamDeleted = (error: unknown): boolean => error instanceof StreamDeletedError;
