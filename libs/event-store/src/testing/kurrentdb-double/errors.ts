// TEST DOUBLE. The errors a KurrentDB node answers with, shaped as the server sends them
// (RpcExceptions in the server's gRPC transport) so the real client turns them into its own
// error classes: as call status with `exception` trailers on Append and reads, and as a
// google.rpc.Status with a packed detail on BatchAppend.
import * as grpc from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Code } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/code_pb';
import { AccessDenied, MaximumAppendSizeExceeded, StreamDeleted, StreamIdentifier } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import { Status } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/status_pb';

const withTrailers = (code: grpc.status, details: string, trailers: Record<string, string>): Partial<grpc.StatusObject> => {
  const metadata = new grpc.Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return { code, details, metadata };
};

/** RpcExceptions.MaxAppendSizeExceeded: InvalidArgument, `exception: maximum-append-size-exceeded`, `maximum-append-size: N`. */
export const maxAppendSizeExceeded = (max: number) =>
  withTrailers(grpc.status.INVALID_ARGUMENT, `Maximum Append Size of ${max} Exceeded.`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(max),
  });

/** RpcExceptions.StreamDeleted: FailedPrecondition, `exception: stream-deleted`. */
export const streamDeleted = (stream: string) =>
  withTrailers(grpc.status.FAILED_PRECONDITION, `Event stream '${stream}' is deleted.`, { exception: 'stream-deleted', 'stream-name': stream });

/** RpcExceptions.InvalidPositionException: InvalidArgument and no trailer (the client makes it an UnknownError). */
export const invalidPosition = (): Partial<grpc.StatusObject> => ({ code: grpc.status.INVALID_ARGUMENT, details: 'Trying to read from an invalid position.' });

const packed = (code: Code, message: string, detail: { serializeBinary(): Uint8Array }, typeName: string): Status => {
  const any = new Any();
  any.pack(detail.serializeBinary(), typeName);
  return new Status().setCode(code).setMessage(message).setDetails(any);
};

export const batchStatus = {
  maxAppendSizeExceeded: (max: number) =>
    packed(
      Code.INVALID_ARGUMENT,
      `Maximum Append Size of ${max} Exceeded.`,
      new MaximumAppendSizeExceeded().setMaxappendsize(max),
      'event_store.client.MaximumAppendSizeExceeded',
    ),
  accessDenied: () => packed(Code.PERMISSION_DENIED, 'Access Denied', new AccessDenied(), 'event_store.client.AccessDenied'),
  streamDeleted: (stream: string) =>
    packed(
      Code.FAILED_PRECONDITION,
      'Stream deleted',
      new StreamDeleted().setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(stream))),
      'event_store.client.StreamDeleted',
    ),
  packed,
};
