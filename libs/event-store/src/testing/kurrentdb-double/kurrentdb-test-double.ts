// TEST DOUBLE, not a database. A gRPC server built from the protocol definitions that ship with
// @kurrent/kurrentdb-client (generated/kurrentdb/protocols/v1), so that the real client library,
// including its Rust bridge for reads, runs over real gRPC in CI where no KurrentDB server exists.
//
// It models, for a single insecure node: ServerFeatures.GetSupportedMethods (the call the client
// makes on connect), Streams.Append (expected revision, WrongExpectedVersion, idempotent retries
// by event id), Streams.Read of one stream and of $all (forwards and backwards, from a position,
// stream-name and event-type filters, counts), and catch-up subscriptions to $all (exclusive start,
// then live events). `stop()` makes the server go away; `start()` again on the same port keeps
// the log, so reconnects can be tested.
//
// It does NOT model: persistence, clustering, gossip, leader election, TLS, authentication, ACLs,
// stream metadata ($maxAge, $tb), deletes and tombstones, scavenging, explicit transactions,
// link events and projections, persistent subscriptions, BatchAppend and the v2 protocols,
// checkpoint messages on filtered subscriptions, deadlines and max append size.
import * as grpc from '@grpc/grpc-js';
import { ServerFeaturesService } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_pb';
import { Empty, StreamIdentifier, UUID } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import { StreamsService } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_grpc_pb';
import { type AppendReq, AppendResp, ReadReq, ReadResp } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import { TransactionLog, type Expected, type LogRecord, type ProposedEvent } from './log';

type ReadCall = grpc.ServerWritableStream<ReadReq, ReadResp>;
type AppendCall = grpc.ServerReadableStream<AppendReq, AppendResp>;

const unimplemented = (what: string) => ({ code: grpc.status.UNIMPLEMENTED, details: `${what} is not modelled by the test double` });

export class KurrentDbTestDouble {
  private server: grpc.Server | null = null;
  private readonly live = new Set<ReadCall>();
  /** Every call the server received, by method, so tests can assert what the client did. */
  readonly calls: string[] = [];

  private constructor(
    readonly log: TransactionLog,
    private port: number,
  ) {}

  static async start(): Promise<KurrentDbTestDouble> {
    const double = new KurrentDbTestDouble(new TransactionLog(), 0);
    await double.start();
    return double;
  }

  get connectionString(): string {
    return `kurrentdb://127.0.0.1:${this.port}?tls=false`;
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
      tombstone: (_: unknown, done: grpc.sendUnaryData<never>) => done(unimplemented('Tombstone')),
      batchAppend: (call: grpc.ServerDuplexStream<unknown, unknown>) => call.destroy(Object.assign(new Error('BatchAppend'), unimplemented('BatchAppend'))),
    });
    this.port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${this.port}`, grpc.ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
    );
    this.server = server;
  }

  /** The server goes away: open calls are cut and new connections are refused. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const call of this.live) call.destroy(new Error('server going away'));
    this.live.clear();
    server.forceShutdown();
  }

  private readonly supportedMethods = (_call: unknown, done: grpc.sendUnaryData<SupportedMethods>) => {
    this.calls.push('ServerFeatures.GetSupportedMethods');
    const method = (name: string) => new SupportedMethod().setServiceName('event_store.client.streams.streams').setMethodName(name);
    done(null, new SupportedMethods().setEventStoreServerVersion('25.0.0-test-double').setMethodsList([method('read'), method('append')]));
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
      const outcome = this.log.append(stream, events, expected);
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

  private readonly read = (call: ReadCall) => {
    const options = call.request.getOptions();
    if (!options) return call.destroy(Object.assign(new Error('read without options'), { code: grpc.status.INVALID_ARGUMENT }));
    const structured = options.getUuidOption()?.hasStructured() ?? false;
    const send = (record: LogRecord) => call.write(readEvent(record, structured));
    if (options.hasStream()) {
      this.calls.push('Streams.Read(stream)');
      if (options.hasSubscription()) return call.destroy(Object.assign(new Error('subscribe to stream'), unimplemented('Stream subscriptions')));
      return this.readStream(call, options, send);
    }
    if (options.hasSubscription()) {
      this.calls.push('Streams.Read($all subscription)');
      return this.subscribeToAll(call, options, send);
    }
    this.calls.push('Streams.Read($all)');
    const all = options.getAll()!;
    const forwards = options.getReadDirection() === ReadReq.Options.ReadDirection.FORWARDS;
    const accept = filterOf(options);
    const count = Number(options.getCount() || '0');
    const from = all.hasPosition() ? BigInt(all.getPosition()!.getCommitPosition()) : null;
    const records = forwards
      ? this.log.records.filter((r) => (all.hasEnd() ? false : from === null || r.position >= from))
      : [...this.log.records].reverse().filter((r) => (all.hasStart() ? false : from === null || r.position < from));
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
    const records = this.log.readStream(stream);
    if (records === null) {
      call.write(
        new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(stream)))),
      );
      return void call.end();
    }
    const forwards = options.getReadDirection() === ReadReq.Options.ReadDirection.FORWARDS;
    const count = Number(options.getCount() || '0');
    const from = streamOptions.hasRevision() ? Number(streamOptions.getRevision()) : null;
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

const streamNameOf = (identifier: StreamIdentifier | undefined): string => Buffer.from(identifier?.getStreamName_asU8() ?? []).toString('utf8');

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

const uuidOf = (uuid: UUID | undefined): string => {
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
