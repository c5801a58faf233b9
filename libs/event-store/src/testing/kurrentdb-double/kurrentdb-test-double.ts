// TEST DOUBLE, not a database. A gRPC server built from the protocol definitions that ship with
// @kurrent/kurrentdb-client (generated/kurrentdb/protocols/v1), so that the real client library,
// including its Rust bridge for reads, runs over real gRPC in CI where no KurrentDB server exists.
//
// It models, for a single node: ServerFeatures.GetSupportedMethods (the call the client makes on
// connect), Streams.Append and Streams.BatchAppend (expected revision, WrongExpectedVersion,
// idempotent retries by event id, the maximum append size), Streams.Read of one stream and of
// $all (forwards and backwards, from a position, stream-name and event-type filters, counts) and
// catch-up subscriptions to $all (exclusive start, then live events). `stop()` makes the server
// go away; `start()` again on the same port keeps the log, so reconnects can be tested.
//
// And, each switchable per test through `behaviour` or the log, the ways a real server is less
// kind than a naive double (KurrentDB v24.10–v25.1, read against its source):
// - `maxAppendSize` (bytes, the server's Event.SizeOnDisk summed over the append; 1 MiB by
//   default, as the server's MaxAppendSize): a larger append is refused whole.
// - `batchAppend`: advertised in GetSupportedMethods and served, as a real server does; the client
//   then appends through BatchAppend (appendToStream in the client: batchAppend whenever the server
//   supports it and no per-call credentials are given).
// - `secure`: TLS with users (admin/changeit and those added to `access.users`); $all reads and
//   subscriptions are refused to a user who is not an admin unless `access.allReaders` names them.
// - an invalid start position (not a record's, e.g. a checkpoint of another store) is refused.
// - `log.failover(clockStepMs)`: the next events are `created` by a node whose clock is behind.
// - `log.tombstone(stream)`: a hard delete's `$streamDeleted` record shows in $all.
// - `behaviour.staleBelow`: a follower's view; reads that do not require the leader see only the
//   records below that position (writes and `requires-leader` reads see everything).
//
// It does NOT model: persistence, clustering, gossip and leader election (the failover is one
// node's clock stepping), stream metadata ($maxAge, the $acl of any stream but $all), soft deletes,
// scavenging, explicit transactions, link events and projections, persistent subscriptions, the v2
// protocols, checkpoint messages on filtered subscriptions, or deadlines.
import * as grpc from '@grpc/grpc-js';
import { ServerFeaturesService } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_pb';
import { Empty, StreamIdentifier, UUID } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import { StreamsService } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_grpc_pb';
import { type AppendReq, AppendResp, ReadReq, ReadResp } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import { DEFAULT_MAX_APPEND_SIZE } from '../../kurrentdb/append-size';
import { AccessControl, accessDenied } from './access-control';
import { batchAppendHandler } from './batch-append';
import { invalidPosition, maxAppendSizeExceeded, streamDeleted } from './errors';
import { sizeOnDisk, TransactionLog, type Expected, type LogRecord, type ProposedEvent } from './log';
import { testCertificates, type TestCertificates } from './test-certificates';

type ReadCall = grpc.ServerWritableStream<ReadReq, ReadResp>;
type AppendCall = grpc.ServerReadableStream<AppendReq, AppendResp>;

export interface DoubleBehaviour {
  maxAppendSize: number;
  batchAppend: boolean;
  /** A follower's view for reads without `requires-leader`: only records below this position; null: up to date. */
  staleBelow: bigint | null;
}

export interface DoubleOptions {
  /** TLS and authentication (users and ACLs); off: an insecure node, which authenticates nobody. */
  secure?: boolean;
  behaviour?: Partial<DoubleBehaviour>;
}

const unimplemented = (what: string) => ({ code: grpc.status.UNIMPLEMENTED, details: `${what} is not modelled by the test double` });
// grpc-js sends a streaming call's status when the call emits 'error' (destroy() would cut it without one)
const refuse = (call: { emit(event: 'error', error: Error): boolean }, status: Partial<grpc.StatusObject>) =>
  void call.emit('error', Object.assign(new Error(status.details ?? 'refused'), status));

export class KurrentDbTestDouble {
  private server: grpc.Server | null = null;
  private readonly live = new Set<ReadCall | grpc.ServerDuplexStream<unknown, unknown>>();
  /** Every call the server received, by method, so tests can assert what the client did. */
  readonly calls: string[] = [];
  readonly access = new AccessControl();
  readonly behaviour: DoubleBehaviour;

  private constructor(
    readonly log: TransactionLog,
    private port: number,
    private readonly tls: TestCertificates | null,
    behaviour: Partial<DoubleBehaviour>,
  ) {
    this.behaviour = { maxAppendSize: DEFAULT_MAX_APPEND_SIZE, batchAppend: true, staleBelow: null, ...behaviour };
  }

  static async start(options: DoubleOptions = {}): Promise<KurrentDbTestDouble> {
    const double = new KurrentDbTestDouble(new TransactionLog(), 0, options.secure ? testCertificates() : null, options.behaviour ?? {});
    await double.start();
    return double;
  }

  get connectionString(): string {
    return `kurrentdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** A TLS connection string for one of `access.users` (secure doubles only). */
  connectionStringFor(user: string, password: string): string {
    if (!this.tls) throw new Error('an insecure double authenticates nobody: start it with { secure: true }');
    return `kurrentdb://${user}:${password}@127.0.0.1:${this.port}?tls=true&tlsCAFile=${encodeURIComponent(this.tls.caFile)}`;
  }

  /** (Re)starts serving the same log on the same port. */
  async start(): Promise<void> {
    if (this.server) return;
    const server = new grpc.Server();
    server.addService(ServerFeaturesService, { getSupportedMethods: this.supportedMethods });
    server.addService(StreamsService, {
      read: this.read,
      append: this.append,
      delete: (_: unknown, done: grpc.sendUnaryData<never>) => done(unimplemented('Delete')),
      tombstone: (_: unknown, done: grpc.sendUnaryData<never>) => done(unimplemented('Tombstone (use log.tombstone)')),
      batchAppend: (call: grpc.ServerDuplexStream<unknown, unknown>) => {
        if (!this.behaviour.batchAppend) return refuse(call, unimplemented('BatchAppend on this server'));
        this.live.add(call);
        call.on('close', () => this.live.delete(call));
        batchAppendHandler(this, call);
      },
    });
    const credentials = this.tls
      ? grpc.ServerCredentials.createSsl(null, [{ private_key: this.tls.key, cert_chain: this.tls.cert }], false)
      : grpc.ServerCredentials.createInsecure();
    this.port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${this.port}`, credentials, (error, port) => (error ? reject(error) : resolve(port))),
    );
    this.server = server;
  }

  /** The server goes away: open calls are cut and new connections are refused. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const call of this.live) call.destroy(Object.assign(new Error('server going away'), { code: grpc.status.UNAVAILABLE }));
    this.live.clear();
    server.forceShutdown();
  }

  /** The caller's user on a secure double (null on an insecure one), or the refusal it gets. */
  authorize(metadata: grpc.Metadata, allowed: (user: string) => boolean): { user: string | null } | { refused: Partial<grpc.StatusObject> } {
    if (!this.tls) return { user: null };
    const outcome = this.access.authenticate(metadata);
    if ('refused' in outcome) return outcome;
    return allowed(outcome.user) ? outcome : { refused: accessDenied() };
  }

  /** Appends as the server does once it has every event of an append: size, then expected revision. */
  commit(stream: string, events: ProposedEvent[], expected: Expected) {
    const size = events.reduce((sum, e) => sum + sizeOnDisk(e), 0);
    if (size > this.behaviour.maxAppendSize) return { kind: 'too_large' as const, max: this.behaviour.maxAppendSize };
    return this.log.append(stream, events, expected);
  }

  private readonly supportedMethods = (_call: unknown, done: grpc.sendUnaryData<SupportedMethods>) => {
    this.calls.push('ServerFeatures.GetSupportedMethods');
    const method = (name: string) => new SupportedMethod().setServiceName('event_store.client.streams.streams').setMethodName(name);
    const methods = ['read', 'append', ...(this.behaviour.batchAppend ? ['batchappend'] : [])].map(method);
    done(null, new SupportedMethods().setEventStoreServerVersion('25.0.0-test-double').setMethodsList(methods));
  };

  private readonly append = (call: AppendCall, done: grpc.sendUnaryData<AppendResp>) => {
    let options: AppendReq.Options | undefined;
    const events: ProposedEvent[] = [];
    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) options = request.getOptions();
      const message = request.getProposedMessage();
      if (!message) return;
      const metadata = message.getMetadataMap();
      events.push({
        id: uuidOf(message.getId()),
        type: metadata.get('type') ?? '',
        contentType: metadata.get('content-type') ?? 'application/octet-stream',
        data: message.getData_asU8(),
        metadata: message.getCustomMetadata_asU8(),
      });
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      if (!options) return done({ code: grpc.status.INVALID_ARGUMENT, details: 'append without options' });
      const stream = streamNameOf(options.getStreamIdentifier());
      const expected = expectedOf(options);
      this.calls.push(`Streams.Append(${expected.kind})`);
      const auth = this.authorize(call.metadata, (user) => this.access.mayUseStream(user, stream));
      if ('refused' in auth) return done(auth.refused);
      const outcome = this.commit(stream, events, expected);
      if (outcome.kind === 'too_large') return done(maxAppendSizeExceeded(outcome.max));
      if (outcome.kind === 'stream_deleted') return done(streamDeleted(stream));
      const response = new AppendResp();
      if (outcome.kind === 'success') {
        const success = new AppendResp.Success().setCurrentRevision(String(outcome.currentRevision));
        if (outcome.position === null) success.setNoPosition(new Empty());
        else success.setPosition(new AppendResp.Position().setCommitPosition(String(outcome.position)).setPreparePosition(String(outcome.position)));
        return done(null, response.setSuccess(success));
      }
      const wrong = new AppendResp.WrongExpectedVersion();
      if (outcome.currentRevision === null) wrong.setCurrentNoStream(new Empty());
      else wrong.setCurrentRevision(String(outcome.currentRevision));
      if (expected.kind === 'revision') wrong.setExpectedRevision(String(expected.revision));
      else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty());
      else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
      else wrong.setExpectedAny(new Empty());
      done(null, response.setWrongExpectedVersion(wrong));
    });
  };

  /** The records a read sees: a follower's stale view unless the call requires the leader. */
  private visible(call: ReadCall, records: readonly LogRecord[]): readonly LogRecord[] {
    const staleBelow = this.behaviour.staleBelow;
    if (staleBelow === null || call.metadata.get('requires-leader')[0] === 'true') return records;
    return records.filter((r) => r.position < staleBelow);
  }

  private readonly read = (call: ReadCall) => {
    const options = call.request.getOptions();
    if (!options) return refuse(call, { code: grpc.status.INVALID_ARGUMENT, details: 'read without options' });
    const structured = options.getUuidOption()?.hasStructured() ?? false;
    const send = (record: LogRecord) => call.write(readEvent(record, structured));
    const leader = call.metadata.get('requires-leader')[0] === 'true' ? ', leader' : '';
    if (options.hasStream()) {
      this.calls.push(`Streams.Read(stream${leader})`);
      if (options.hasSubscription()) return refuse(call, unimplemented('Stream subscriptions'));
      return this.readStream(call, options, send);
    }
    const auth = this.authorize(call.metadata, (user) => this.access.mayReadAll(user));
    const all = options.getAll()!;
    const from = all.hasPosition() ? BigInt(all.getPosition()!.getCommitPosition()) : null;
    if (options.hasSubscription()) {
      this.calls.push('Streams.Read($all subscription)');
      if ('refused' in auth) return refuse(call, auth.refused);
      if (from !== null && !this.log.isValidPosition(from)) return refuse(call, invalidPosition());
      return this.subscribeToAll(call, options, send);
    }
    this.calls.push(`Streams.Read($all${leader})`);
    if ('refused' in auth) return refuse(call, auth.refused);
    if (from !== null && !this.log.isValidPosition(from)) return refuse(call, invalidPosition());
    const forwards = options.getReadDirection() === ReadReq.Options.ReadDirection.FORWARDS;
    const accept = filterOf(options);
    const count = Number(options.getCount() || '0');
    const log = this.visible(call, this.log.records);
    const records = forwards
      ? log.filter((r) => (all.hasEnd() ? false : from === null || r.position >= from))
      : [...log].reverse().filter((r) => (all.hasStart() ? false : from === null || r.position < from));
    let sent = 0;
    for (const record of records) {
      if (sent >= count) break;
      if (!accept(record)) continue;
      send(record);
      sent += 1;
    }
    call.end();
  };

  private readStream(call: ReadCall, options: ReadReq.Options, send: (r: LogRecord) => void): void {
    const streamOptions = options.getStream()!;
    const stream = streamNameOf(streamOptions.getStreamIdentifier());
    const auth = this.authorize(call.metadata, (user) => this.access.mayUseStream(user, stream));
    if ('refused' in auth) return refuse(call, auth.refused);
    const found = this.log.readStream(stream);
    if (found === 'deleted') return refuse(call, streamDeleted(stream));
    const records = found === null ? [] : this.visible(call, found);
    if (records.length === 0) {
      call.write(
        new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(stream)))),
      );
      return void call.end();
    }
    const forwards = options.getReadDirection() === ReadReq.Options.ReadDirection.FORWARDS;
    const count = Number(options.getCount() || '0');
    const from = streamOptions.hasRevision() ? BigInt(streamOptions.getRevision()) : null;
    const ordered = forwards
      ? records.filter((r) => (streamOptions.hasEnd() ? false : from === null || r.revision >= from))
      : [...records].reverse().filter((r) => (streamOptions.hasStart() ? false : from === null || r.revision <= from));
    for (const record of ordered.slice(0, count)) send(record);
    call.end();
  }

  private subscribeToAll(call: ReadCall, options: ReadReq.Options, send: (r: LogRecord) => void): void {
    const all = options.getAll()!;
    const accept = filterOf(options);
    // a subscription's start position is exclusive
    const after = all.hasPosition() ? BigInt(all.getPosition()!.getCommitPosition()) : all.hasEnd() ? (this.log.records.at(-1)?.position ?? -1n) : -1n;
    call.write(new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(`double-${this.live.size + 1}`)));
    for (const record of this.log.records) if (record.position > after && accept(record)) send(record);
    const onAppended = (records: LogRecord[]) => {
      for (const record of records) if (accept(record)) send(record);
    };
    this.log.appended.on('appended', onAppended);
    this.live.add(call);
    const cleanup = () => {
      this.log.appended.off('appended', onAppended);
      this.live.delete(call);
    };
    call.on('cancelled', cleanup);
    call.on('close', cleanup);
    call.on('error', cleanup);
  }
}

export const streamNameOf = (identifier: StreamIdentifier | undefined): string => Buffer.from(identifier?.getStreamName_asU8() ?? []).toString('utf8');

const expectedOf = (options: AppendReq.Options): Expected => {
  if (options.hasRevision()) return { kind: 'revision', revision: Number(options.getRevision()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
};

const filterOf = (options: ReadReq.Options): ((record: LogRecord) => boolean) => {
  const filter = options.getFilter();
  if (!filter) return () => true;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier()! : filter.getEventType()!;
  const field = (record: LogRecord) => (onStream ? record.stream : record.type);
  const regex = expression.getRegex();
  if (regex) {
    const pattern = new RegExp(regex);
    return (record) => pattern.test(field(record));
  }
  const prefixes = expression.getPrefixList();
  return (record) => prefixes.some((prefix) => field(record).startsWith(prefix));
};

const U64 = (1n << 64n) - 1n;

export const uuidOf = (uuid: UUID | undefined): string => {
  if (!uuid) return '';
  if (!uuid.hasStructured()) return uuid.getString();
  const structured = uuid.getStructured()!;
  const hex = (value: string) => (BigInt(value) & U64).toString(16).padStart(16, '0');
  const ms = hex(structured.getMostSignificantBits());
  const ls = hex(structured.getLeastSignificantBits());
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-${ms.slice(12)}-${ls.slice(0, 4)}-${ls.slice(4)}`;
};

const toUuid = (id: string, structured: boolean): UUID => {
  if (!structured) return new UUID().setString(id);
  const hex = id.replace(/-/g, '');
  const signed = (part: string) => BigInt.asIntN(64, BigInt(`0x${part}`)).toString();
  return new UUID().setStructured(new UUID.Structured().setMostSignificantBits(signed(hex.slice(0, 16))).setLeastSignificantBits(signed(hex.slice(16))));
};

const readEvent = (record: LogRecord, structured: boolean): ReadResp => {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(toUuid(record.id, structured))
    .setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(record.stream)))
    .setStreamRevision(String(record.revision))
    .setPreparePosition(String(record.position))
    .setCommitPosition(String(record.position))
    .setCustomMetadata(record.metadata)
    .setData(record.data);
  recorded.getMetadataMap().set('type', record.type).set('content-type', record.contentType).set('created', String(record.created));
  return new ReadResp().setEvent(new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(String(record.position)));
};
