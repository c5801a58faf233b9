import { randomUUID } from 'node:crypto';
import { testEventStore } from '../testing/event-store.contract';
import { eventually } from '../testing/eventually';
import { KurrentDbTestDouble } from '../testing/kurrentdb-double/kurrentdb-test-double';
import { WrongExpectedVersion, type NewEvent } from '../port';
import { KurrentDbEventStore } from './kurrentdb-event-store';

// The real client library (and its Rust bridge) over real gRPC, against the test double: as a
// real server answers (BatchAppend advertised, so the client appends through it) ...
testEventStore('kurrentdb (client over gRPC to the test double, BatchAppend)', async () => {
  const double = await KurrentDbTestDouble.start();
  return {
    connect: async () => new KurrentDbEventStore({ connectionString: double.connectionString, streamPrefix: 't1/', reconnectDelayMs: 20 }),
    dispose: () => double.stop(),
  };
});

// ... as a server without BatchAppend (the client's Append path) ...
testEventStore('kurrentdb (client over gRPC to the test double, Append)', async () => {
  const double = await KurrentDbTestDouble.start({ behaviour: { batchAppend: false } });
  return {
    connect: async () => new KurrentDbEventStore({ connectionString: double.connectionString, streamPrefix: 't1/', reconnectDelayMs: 20 }),
    dispose: () => double.stop(),
  };
});

// ... and over TLS as the least-privileged user Rolebook needs (README: KurrentDB's least privilege):
// not an admin, granted the read of $all by $all's ACL, user streams by the default ACL.
testEventStore('kurrentdb (TLS, a non-admin user granted $all read)', async () => {
  const double = await KurrentDbTestDouble.start({ secure: true });
  double.access.users.set('rolebook', { password: 's3cret', admin: false });
  double.access.allReaders.add('rolebook');
  const connectionString = double.connectionStringFor('rolebook', 's3cret');
  return {
    connect: async () => new KurrentDbEventStore({ connectionString, streamPrefix: 't1/', reconnectDelayMs: 20 }),
    dispose: () => double.stop(),
  };
});

// Against a real server when one is given (e.g. docker compose up kurrentdb).
const server = process.env['KURRENTDB_CONNECTION_STRING'];
if (server) {
  testEventStore('kurrentdb (server at KURRENTDB_CONNECTION_STRING)', async () => ({
    connect: async () => new KurrentDbEventStore({ connectionString: server, streamPrefix: 't1/', reconnectDelayMs: 50 }),
    dispose: async () => undefined,
  }));
}

const event = (type: string): NewEvent => ({ id: randomUUID(), type, data: { n: 1 }, metadata: { tenantId: 't1' } });

describe('KurrentDbEventStore specifics (against the test double)', () => {
  let double: KurrentDbTestDouble;
  let store: KurrentDbEventStore;
  beforeEach(async () => {
    double = await KurrentDbTestDouble.start();
    store = new KurrentDbEventStore({ connectionString: double.connectionString, streamPrefix: 'rb/', reconnectDelayMs: 20 });
  });
  afterEach(async () => {
    await store.close();
    await double.stop();
  });

  it.each([
    ['BatchAppend', true],
    ['Append', false],
  ])('sends the expected revision exactly through %s: no_stream, stream_exists and a revision, never any', async (method, batchAppend) => {
    double.behaviour.batchAppend = batchAppend;
    const fresh = new KurrentDbEventStore({ connectionString: double.connectionString, streamPrefix: 'rb/' });
    await fresh.append('rb/t/role/1', [event('A')], 'no_stream');
    await fresh.append('rb/t/role/1', [event('B')], 'exists');
    await fresh.append('rb/t/role/1', [event('C')], 1);
    await expect(fresh.append('rb/t/role/1', [event('D')], 1)).rejects.toEqual(new WrongExpectedVersion('rb/t/role/1', 1, 2));
    await fresh.close();
    expect(double.calls.filter((c) => c.startsWith('Streams.') && c.includes('Append'))).toEqual([
      `Streams.${method}(no_stream)`,
      `Streams.${method}(stream_exists)`,
      `Streams.${method}(revision)`,
      `Streams.${method}(revision)`,
    ]);
  });

  it("reads, heads and subscribes to Rolebook's streams only, not system or foreign ones", async () => {
    const other = new KurrentDbEventStore({ connectionString: double.connectionString, streamPrefix: 'other/' });
    await store.append('rb/t/person/1', [event('Mine')], 'no_stream');
    await other.append('other/x', [event('Theirs')], 'no_stream');
    const all = await store.readAll({ after: null, limit: 100 });
    expect(all.map((e) => e.type)).toEqual(['Mine']);
    expect(await store.headPosition()).toBe(all[0]!.position);
    expect(double.log.records.some((r) => r.stream.startsWith('$'))).toBe(true);
    const seen: string[] = [];
    const subscription = store.subscribe((e) => void seen.push(e.type), { after: null });
    await other.append('other/x', [event('Theirs2')], 0);
    await store.append('rb/t/person/1', [event('Mine2')], 0);
    await eventually(() => expect(seen).toEqual(['Mine', 'Mine2']), 5000);
    await subscription.stop();
    await other.close();
  });

  it('maps positions to the log offset, which is not a counter', async () => {
    await store.append('rb/t/team/1', [event('A'), event('B')], 'no_stream');
    const [a, b] = await store.readStream('rb/t/team/1');
    expect(a!.position).toBe(Number(double.log.records.find((r) => r.id === a!.id)!.position));
    expect(b!.position - a!.position).toBeGreaterThan(1);
  });

  it('resumes a subscription after the server goes away and comes back, skipping and repeating nothing', async () => {
    const reconnects: number[] = [];
    const reconnecting = new KurrentDbEventStore({
      connectionString: double.connectionString,
      streamPrefix: 'rb/',
      reconnectDelayMs: 20,
      onReconnect: (attempt) => reconnects.push(attempt),
    });
    const seen: string[] = [];
    const subscription = reconnecting.subscribe((e) => void seen.push(e.type), { after: null });
    await store.append('rb/t/role/9', [event('Before')], 'no_stream');
    await eventually(() => expect(seen).toEqual(['Before']), 5000);

    await double.stop();
    await expect(store.append('rb/t/role/9', [event('Lost')], 0)).rejects.toThrow();
    await eventually(() => expect(reconnects.length).toBeGreaterThan(0), 5000);
    await double.start();

    await store.append('rb/t/role/9', [event('After1')], 0);
    await reconnecting.append('rb/t/role/9', [event('After2')], 1);
    await eventually(() => expect(seen).toEqual(['Before', 'After1', 'After2']), 5000);
    await subscription.stop();
    await reconnecting.close();
  });
});
