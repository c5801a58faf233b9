// The adapter under what a real KurrentDB server does that a kind double would not: the maximum
// append size, access denied on $all, invalid start positions, tombstones in $all, `created`
// stepping back after a failover, stale follower reads, and a restart in the middle of commands.
import { randomUUID } from 'node:crypto';
import { KurrentDBClient, MaxAppendSizeExceededError, jsonEvent, AccessDeniedError } from '@kurrent/kurrentdb-client';
import { eventually } from '../testing/eventually';
import { KurrentDbTestDouble } from '../testing/kurrentdb-double/kurrentdb-test-double';
import { EventStoreUnavailable, WrongExpectedVersion, type NewEvent, type RecordedEvent } from '../port';
import { sizeOnDisk } from './append-size';
import { EventTooLarge, StreamTombstoned, SubscriptionRefused } from './kurrentdb-errors';
import { KurrentDbEventStore } from './kurrentdb-event-store';

jest.setTimeout(30_000);

const event = (type: string, bytes = 10): NewEvent => ({ id: randomUUID(), type, data: { pad: 'x'.repeat(bytes) }, metadata: { tenantId: 't' } });
const appendCalls = (double: KurrentDbTestDouble) => double.calls.filter((c) => /^Streams\.(Batch)?Append/.test(c));

describe('KurrentDB adapter under the real server behaviours the double models', () => {
  let double: KurrentDbTestDouble;
  const stores: KurrentDbEventStore[] = [];
  const open = (options: { connectionString?: string; maxAppendSize?: number; onReconnect?: (attempt: number) => void } = {}) => {
    const store = new KurrentDbEventStore({ connectionString: double.connectionString, streamPrefix: 'rb/', reconnectDelayMs: 20, ...options });
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await double.stop();
  });

  describe('maximum append size', () => {
    beforeEach(async () => {
      double = await KurrentDbTestDouble.start({ behaviour: { maxAppendSize: 64 * 1024 } });
    });

    it.each([true, false])('the double refuses an append over the limit whole, with the server error (BatchAppend: %s)', async (batchAppend) => {
      double.behaviour.batchAppend = batchAppend;
      const client = KurrentDBClient.connectionString(double.connectionString);
      const events = Array.from({ length: 10 }, () => jsonEvent({ type: 'Big', data: { pad: 'x'.repeat(8 * 1024) } }));
      const error = await client.appendToStream('rb/t/drift/big', events).then(
        () => null,
        (e: unknown) => e,
      );
      await client.dispose();
      expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
      expect((error as MaxAppendSizeExceededError).maxAppendSize).toBe(64 * 1024);
      expect(double.log.readStream('rb/t/drift/big')).toBeNull();
    });

    it('splits a large append into parts within the limit, same ids and order, and a retry is a no-op', async () => {
      const store = open({ maxAppendSize: 64 * 1024 });
      const events = Array.from({ length: 40 }, (_, i) => event(`DriftDetected${i}`, 5000));
      const result = await store.append('rb/t/drift/a', events, 'no_stream');
      const read = await store.readStream('rb/t/drift/a');
      expect(read.map((e) => e.id)).toEqual(events.map((e) => e.id));
      expect(result).toEqual({ revision: 39, position: read[39]!.position });
      const parts = appendCalls(double);
      expect(parts.length).toBeGreaterThan(2);
      expect(parts[0]).toBe('Streams.BatchAppend(no_stream)');
      expect(parts.slice(1).every((c) => c === 'Streams.BatchAppend(revision)')).toBe(true);

      const headBefore = await store.headPosition();
      expect(await store.append('rb/t/drift/a', events, 'no_stream')).toEqual(result);
      expect(await store.headPosition()).toBe(headBefore);
      expect(await store.readStream('rb/t/drift/a')).toHaveLength(40);
    });

    it('learns a lower limit from the server refusal and splits to it', async () => {
      const store = open(); // assumes the default 1 MiB
      const events = Array.from({ length: 30 }, () => event('Finding', 5000));
      expect(events.reduce((sum, e) => sum + sizeOnDisk(e), 0)).toBeGreaterThan(64 * 1024);
      await store.append('rb/t/drift/b', events, 'no_stream');
      expect((await store.readStream('rb/t/drift/b')).map((e) => e.id)).toEqual(events.map((e) => e.id));
      await store.append('rb/t/drift/b', [event('After')], 29);
    });

    it('completes an interrupted split append on retry, appending only what is missing', async () => {
      const store = open({ maxAppendSize: 64 * 1024 });
      await store.append('rb/t/drift/c', [event('Seed')], 'no_stream');
      const events = Array.from({ length: 40 }, () => event('Finding', 5000));
      // the first 15 landed before the process died (one part, as the crashed attempt wrote it)
      await open().append('rb/t/drift/c', events.slice(0, 15), 0);
      const result = await store.append('rb/t/drift/c', events, 0);
      const read = await store.readStream('rb/t/drift/c');
      expect(read.map((e) => e.id)).toEqual(['Seed', ...events.map((e) => e.id)].map((id, i) => (i === 0 ? read[0]!.id : id)));
      expect(result.revision).toBe(40);
    });

    it('makes an interrupted split append a conflict when another writer appended in between', async () => {
      const store = open({ maxAppendSize: 64 * 1024 });
      const events = Array.from({ length: 40 }, () => event('Finding', 5000));
      await open().append('rb/t/drift/d', events.slice(0, 15), 'no_stream');
      await open().append('rb/t/drift/d', [event('Other')], 14);
      await expect(store.append('rb/t/drift/d', events, 'no_stream')).rejects.toBeInstanceOf(WrongExpectedVersion);
      expect(await store.readStream('rb/t/drift/d')).toHaveLength(16);
    });

    it('refuses one event larger than the limit with EventTooLarge, writing nothing', async () => {
      const store = open();
      const huge = event('Huge', 70 * 1024);
      await expect(store.append('rb/t/drift/e', [event('Small'), huge], 'no_stream')).rejects.toEqual(new EventTooLarge(huge.id, sizeOnDisk(huge), 64 * 1024));
      expect(await store.readStream('rb/t/drift/e')).toEqual([]);
    });
  });

  describe('permanent subscription refusals', () => {
    it('stops and reports access denied on $all for a non-admin user, without retrying', async () => {
      double = await KurrentDbTestDouble.start({ secure: true });
      double.access.users.set('rolebook', { password: 'pw', admin: false });
      const store = open({ connectionString: double.connectionStringFor('rolebook', 'pw'), onReconnect: () => reconnects.push(1) });
      const reconnects: number[] = [];
      // user streams are open to it; $all is not until its ACL grants the read
      await store.append('rb/t/role/1', [event('A')], 'no_stream');
      expect(await store.readStream('rb/t/role/1')).toHaveLength(1);
      await expect(store.readAll({ after: null, limit: 10 })).rejects.toBeInstanceOf(AccessDeniedError);
      const errors: unknown[] = [];
      const subscription = store.subscribe(() => undefined, { after: null, onError: (e) => errors.push(e) });
      await eventually(() => expect(errors).toHaveLength(1), 5000);
      expect(errors[0]).toBeInstanceOf(SubscriptionRefused);
      expect((errors[0] as SubscriptionRefused).reason).toBe('ACCESS_DENIED');
      await new Promise((r) => setTimeout(r, 200));
      expect(reconnects).toEqual([]);
      expect(double.calls.filter((c) => c === 'Streams.Read($all subscription)')).toHaveLength(1);
      await subscription.stop();

      double.access.allReaders.add('rolebook');
      expect((await store.readAll({ after: null, limit: 10 })).map((e) => e.type)).toEqual(['A']);
    });

    it('refuses wrong credentials and a user without any grant the same way', async () => {
      double = await KurrentDbTestDouble.start({ secure: true });
      const store = open({ connectionString: double.connectionStringFor('rolebook', 'wrong') });
      await expect(store.append('rb/t/role/1', [event('A')], 'no_stream')).rejects.toBeInstanceOf(AccessDeniedError);
      expect(double.log.readStream('rb/t/role/1')).toBeNull();
    });

    it('stops and reports a start position that is not one of the log (a checkpoint of another store)', async () => {
      double = await KurrentDbTestDouble.start();
      const reconnects: number[] = [];
      const store = open({ onReconnect: () => reconnects.push(1) });
      await store.append('rb/t/role/1', [event('A')], 'no_stream');
      const errors: unknown[] = [];
      const subscription = store.subscribe(() => undefined, { after: 42, onError: (e) => errors.push(e) });
      await eventually(() => expect(errors).toHaveLength(1), 5000);
      expect((errors[0] as SubscriptionRefused).reason).toBe('INVALID_POSITION');
      expect(reconnects).toEqual([]);
      await subscription.stop();
    });
  });

  describe('tombstones and system records', () => {
    beforeEach(async () => {
      double = await KurrentDbTestDouble.start();
    });

    it('skips a hard-deleted stream tombstone in reads, the head and subscriptions, and keeps projecting', async () => {
      const store = open();
      await store.append('rb/t/role/gone', [event('A')], 'no_stream');
      const seen: RecordedEvent[] = [];
      const errors: unknown[] = [];
      const subscription = store.subscribe((e) => void seen.push(e), { after: null, onError: (e) => errors.push(e) });
      await store.append('rb/t/role/kept', [event('B')], 'no_stream');
      const b = (await store.readStream('rb/t/role/kept'))[0]!;
      const tombstone = double.log.tombstone('rb/t/role/gone');
      expect(tombstone.stream).toBe('rb/t/role/gone'); // it passes the rb/ filter, as on the server
      expect(await store.headPosition()).toBe(b.position);
      await store.append('rb/t/role/kept', [event('C')], 0);
      await eventually(() => expect(seen.map((e) => e.type)).toEqual(['A', 'B', 'C']), 5000);
      expect(errors).toEqual([]);
      expect((await store.readAll({ after: null, limit: 10 })).map((e) => e.type)).toEqual(['A', 'B', 'C']);
      // a page of only skipped records does not end a paged read
      expect((await store.readAll({ after: b.position, limit: 1 })).map((e) => e.type)).toEqual(['C']);
      await subscription.stop();
    });

    it('refuses reads and appends of a tombstoned stream with StreamTombstoned', async () => {
      const store = open();
      await store.append('rb/t/role/gone', [event('A')], 'no_stream');
      double.log.tombstone('rb/t/role/gone');
      await expect(store.readStream('rb/t/role/gone')).rejects.toEqual(new StreamTombstoned('rb/t/role/gone'));
      await expect(store.append('rb/t/role/gone', [event('B')], 0)).rejects.toEqual(new StreamTombstoned('rb/t/role/gone'));
    });
  });

  describe('leader and failover', () => {
    beforeEach(async () => {
      double = await KurrentDbTestDouble.start();
    });

    it('reads streams and the head from the leader, where a follower would answer stale', async () => {
      // nodePreference=follower (read scaling): the client reads from whichever node it holds
      const connectionString = `${double.connectionString}&nodePreference=follower`;
      const store = open({ connectionString });
      await store.append('rb/t/person/1', [event('A')], 'no_stream');
      double.behaviour.staleBelow = double.log.endPosition;
      await store.append('rb/t/person/1', [event('B')], 0);
      const client = KurrentDBClient.connectionString(connectionString);
      const stale: string[] = [];
      for await (const resolved of client.readStream('rb/t/person/1')) stale.push(resolved.event!.type);
      await client.dispose();
      expect(stale).toEqual(['A']); // the follower's view
      expect((await store.readStream('rb/t/person/1')).map((e) => e.type)).toEqual(['A', 'B']);
      expect((await store.readStream('rb/t/person/1')).at(-1)!.position).toBe(await store.headPosition());
      expect(double.calls).toContain('Streams.Read(stream, leader)');
      expect(double.calls).toContain('Streams.Read($all, leader)');
    });

    it('reports `created` as the writing node stamped it: it steps back after a failover to a node whose clock is behind', async () => {
      const store = open();
      await store.append('rb/t/role/1', [event('Before')], 'no_stream');
      double.log.failover(-60_000);
      await store.append('rb/t/role/1', [event('After')], 0);
      const [before, after] = await store.readStream('rb/t/role/1');
      expect(after!.recordedAt < before!.recordedAt).toBe(true);
    });

    it('fails commands cleanly with a retryable error while the server restarts, and they succeed after', async () => {
      const store = open();
      await store.append('rb/t/role/1', [event('A')], 'no_stream');
      // reads go through the client's Rust bridge, which never recovers if its very first
      // connection fails (client 1.3.1): a process reads the head at start (openEventStore) first
      await store.headPosition();
      await double.stop();
      const retried = event('B');
      await expect(store.append('rb/t/role/1', [retried], 0)).rejects.toBeInstanceOf(EventStoreUnavailable);
      await expect(store.readStream('rb/t/role/1')).rejects.toBeInstanceOf(EventStoreUnavailable);
      await double.start();
      await eventually(async () => expect((await store.append('rb/t/role/1', [retried], 0)).revision).toBe(1), 10_000);
      await eventually(async () => expect((await store.readStream('rb/t/role/1')).map((e) => e.type)).toEqual(['A', 'B']), 10_000);
    });
  });
});
