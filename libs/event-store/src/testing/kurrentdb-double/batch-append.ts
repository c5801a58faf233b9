// TEST DOUBLE. Streams.BatchAppend, the path the client takes against any server that advertises
// it (every real one since v21.10): one duplex call carries many appends, each a run of requests
// sharing a correlation id, the first with the options, the last marked final; the server answers
// each append once, with a success or a google.rpc.Status whose packed detail names the error.
import type * as grpc from '@grpc/grpc-js';
import { AllStreamPosition, Empty, StreamIdentifier, WrongExpectedVersion } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import { type BatchAppendReq, BatchAppendResp } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import { Code } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/code_pb';
import { batchStatus } from './errors';
import type { KurrentDbTestDouble } from './kurrentdb-test-double';
import { streamNameOf, uuidOf } from './kurrentdb-test-double';
import type { Expected, ProposedEvent } from './log';

interface Pending {
  options: BatchAppendReq.Options | undefined;
  events: ProposedEvent[];
}

const expectedOf = (options: BatchAppendReq.Options): Expected => {
  if (options.hasStreamPosition()) return { kind: 'revision', revision: Number(options.getStreamPosition()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
};

const wrongExpectedVersion = (expected: Expected, current: number | null) => {
  const detail = new WrongExpectedVersion();
  if (current === null) detail.setCurrentNoStream(new Empty());
  else detail.setCurrentStreamRevision(String(current));
  if (expected.kind === 'revision') detail.setExpectedStreamPosition(String(expected.revision));
  else if (expected.kind === 'no_stream') detail.setExpectedNoStream(new Empty());
  else if (expected.kind === 'stream_exists') detail.setExpectedStreamExists(new Empty());
  else detail.setExpectedAny(new Empty());
  return batchStatus.packed(Code.FAILED_PRECONDITION, 'Wrong expected version', detail, 'event_store.client.WrongExpectedVersion');
};

export const batchAppendHandler = (double: KurrentDbTestDouble, call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void => {
  const pending = new Map<string, Pending>();
  call.on('error', () => undefined);
  call.on('end', () => call.end());
  call.on('data', (request: BatchAppendReq) => {
    const correlation = request.getCorrelationId();
    const key = uuidOf(correlation);
    const entry = pending.get(key) ?? { options: undefined, events: [] };
    pending.set(key, entry);
    if (request.hasOptions()) entry.options = request.getOptions();
    for (const message of request.getProposedMessagesList()) {
      const metadata = message.getMetadataMap();
      entry.events.push({
        id: uuidOf(message.getId()),
        type: metadata.get('type') ?? '',
        contentType: metadata.get('content-type') ?? 'application/octet-stream',
        data: message.getData_asU8(),
        metadata: message.getCustomMetadata_asU8(),
      });
    }
    if (!request.getIsFinal()) return;
    pending.delete(key);
    const options = entry.options;
    if (!options) return void call.emit('error', Object.assign(new Error('batch append without options'), { code: 3 }));
    const stream = streamNameOf(options.getStreamIdentifier());
    const expected = expectedOf(options);
    double.calls.push(`Streams.BatchAppend(${expected.kind})`);
    const response = new BatchAppendResp().setCorrelationId(correlation).setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(stream)));
    const auth = double.authorize(call.metadata, (user) => double.access.mayUseStream(user, stream));
    if ('refused' in auth) return void call.write(response.setError(batchStatus.accessDenied()));
    const outcome = double.commit(stream, entry.events, expected);
    switch (outcome.kind) {
      case 'too_large':
        return void call.write(response.setError(batchStatus.maxAppendSizeExceeded(outcome.max)));
      case 'stream_deleted':
        return void call.write(response.setError(batchStatus.streamDeleted(stream)));
      case 'wrong_expected_version':
        return void call.write(response.setError(wrongExpectedVersion(expected, outcome.currentRevision)));
      case 'success': {
        const success = new BatchAppendResp.Success().setCurrentRevision(String(outcome.currentRevision));
        if (outcome.position === null) success.setNoPosition(new Empty());
        else success.setPosition(new AllStreamPosition().setCommitPosition(String(outcome.position)).setPreparePosition(String(outcome.position)));
        return void call.write(response.setSuccess(success));
      }
    }
  });
};
