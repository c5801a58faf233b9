// Every promise the EventStore port makes. An adapter's spec only calls testEventStore with
// its own factory; an adapter that passes is interchangeable by construction.
import { randomUUID } from 'node:crypto';
import { WrongExpectedVersion, type EventStore, type NewEvent, type RecordedEvent } from '../port';
import { eventually } from './eventually';

export interface EventStoreFactory {
  /** A new connection to the one store under test (several may be open at once). */
  connect(): Promise<EventStore>;
  dispose(): Promise<void>;
}

const event = (type = 'Thing', data: unknown = { n: 1 }): NewEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata: { tenantId: 't1', actor: 'tester' },
});

export const testEventStore = (name: string, makeFactory: () => Promise<EventStoreFactory>): void => {
  describe(`EventStore contract: ${name}`, () => {
    let factory: EventStoreFactory;
    let store: EventStore;
    let stream: string;

    beforeEach(async () => {
      factory = await makeFactory();
      store = await factory.connect();
      stream = `t1/thing/${randomUUID()}`;
    });
    afterEach(async () => {
      await store.close();
      await factory.dispose();
    });

    const expectWrongVersion = async (promise: Promise<unknown>, actual: number) => {
      const error = await promise.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(WrongExpectedVersion);
      expect((error as WrongExpectedVersion).actual).toBe(actual);
      expect((error as WrongExpectedVersion).stream).toBe(stream);
    };

    it('appends to a new stream and reads it back with everything it was given', async () => {
      const e = event('Thing', { text: 'ünïcode ✓', nested: { list: [1, null, 'x'] } });
      const result = await store.append(stream, [e], 'no_stream');
      expect(result.revision).toBe(0);
      const [read] = await store.readStream(stream);
      expect(read).toMatchObject({ id: e.id, stream, revision: 0, type: 'Thing', data: e.data, metadata: e.metadata, position: result.position });
      expect(new Date(read!.recordedAt).toISOString()).toBe(read!.recordedAt);
    });

    it('reads a stream that does not exist as empty', async () => expect(await store.readStream(stream)).toEqual([]));

    it('appends a batch atomically with consecutive revisions and increasing positions', async () => {
      const result = await store.append(stream, [event(), event(), event()], 'no_stream');
      const read = await store.readStream(stream);
      expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(result).toEqual({ revision: 2, position: read[2]!.position });
      expect(read[0]!.position).toBeLessThan(read[1]!.position);
      expect(read[1]!.position).toBeLessThan(read[2]!.position);
    });

    it('reads a stream from a revision on: what was appended after a read, nothing when there is nothing new', async () => {
      await store.append(stream, [event('A'), event('B'), event('C')], 'no_stream');
      expect((await store.readStream(stream, 1)).map((e) => [e.revision, e.type])).toEqual([
        [1, 'B'],
        [2, 'C'],
      ]);
      expect(await store.readStream(stream, 3)).toEqual([]);
      expect(await store.readStream(`t1/missing/${randomUUID()}`, 2)).toEqual([]);
    });

    it('refuses no_stream on an existing stream and writes nothing', async () => {
      await store.append(stream, [event()], 'no_stream');
      await expectWrongVersion(store.append(stream, [event(), event()], 'no_stream'), 0);
      expect(await store.readStream(stream)).toHaveLength(1);
    });

    it('refuses exists on a missing stream', async () => {
      await expectWrongVersion(store.append(stream, [event()], 'exists'), -1);
      expect(await store.readStream(stream)).toEqual([]);
    });

    it('appends at the expected revision and refuses a stale one', async () => {
      await store.append(stream, [event()], 'no_stream');
      await store.append(stream, [event()], 0);
      await expectWrongVersion(store.append(stream, [event()], 0), 1);
      await expectWrongVersion(store.append(stream, [event()], 5), 1);
      expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1]);
    });

    it('makes a retried append with the same event ids a no-op returning the original result', async () => {
      const batch = [event(), event()];
      const first = await store.append(stream, batch, 'no_stream');
      const headBefore = await store.headPosition();
      const retry = await store.append(stream, batch, 'no_stream');
      expect(retry).toEqual(first);
      expect(await store.readStream(stream)).toHaveLength(2);
      expect(await store.headPosition()).toBe(headBefore);
    });

    it('appends to several streams in one call, in order, answering each result, and recognises the call retried', async () => {
      const other = `t1/other/${randomUUID()}`;
      await store.append(other, [event('Seed')], 'no_stream');
      const appends = [
        { stream, events: [event('A'), event('B')], expected: 'no_stream' as const },
        { stream: other, events: [event('C')], expected: 0 },
      ];
      const results = await store.appendMany(appends);
      const mine = await store.readStream(stream);
      const theirs = await store.readStream(other);
      expect(mine.map((e) => e.type)).toEqual(['A', 'B']);
      expect(theirs.map((e) => e.type)).toEqual(['Seed', 'C']);
      expect(results).toEqual([
        { revision: 1, position: mine[1]!.position },
        { revision: 1, position: theirs[1]!.position },
      ]);
      expect(mine[1]!.position).toBeLessThan(theirs[1]!.position);
      const head = await store.headPosition();
      expect(await store.appendMany(appends)).toEqual(results);
      expect(await store.headPosition()).toBe(head);
    });

    it('refuses a stale expected revision in appendMany and writes nothing to that stream; a retry of the call completes it', async () => {
      const other = `t1/other/${randomUUID()}`;
      await store.append(stream, [event('Seed')], 'no_stream');
      const first = { stream: other, events: [event('C')], expected: 'no_stream' as const };
      await expectWrongVersion(store.appendMany([first, { stream, events: [event('Stale')], expected: 'no_stream' }]), 0);
      expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['Seed']);
      // the appends before the refused one may have been written (not on the embedded store): retrying them is safe
      await store.appendMany([first, { stream, events: [event('Fresh')], expected: 0 }]);
      expect((await store.readStream(other)).map((e) => e.type)).toEqual(['C']);
      expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['Seed', 'Fresh']);
    });

    it('reads all streams in commit order, after an exclusive position, in pages', async () => {
      const other = `t1/other/${randomUUID()}`;
      const start = await store.headPosition();
      await store.append(stream, [event('A')], 'no_stream');
      await store.append(other, [event('B'), event('C')], 'no_stream');
      await store.append(stream, [event('D')], 0);
      const all = await store.readAll({ after: start, limit: 100 });
      expect(all.map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
      const positions = all.map((e) => e.position);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(new Set(positions).size).toBe(4);
      expect((await store.readAll({ after: all[1]!.position, limit: 1 })).map((e) => e.type)).toEqual(['C']);
      expect(await store.headPosition()).toBe(all[3]!.position);
      const recorded = all.map((e) => e.recordedAt);
      expect([...recorded].sort()).toEqual(recorded);
    });

    it('subscribes from a position: past events first, then live ones, in order, until stopped', async () => {
      await store.append(stream, [event('Old1')], 'no_stream');
      const from = await store.headPosition();
      await store.append(stream, [event('Old2')], 0);
      const seen: RecordedEvent[] = [];
      const subscription = store.subscribe((e) => void seen.push(e), { after: from });
      await eventually(() => expect(seen.map((e) => e.type)).toEqual(['Old2']), 3000);
      await store.append(stream, [event('Live1'), event('Live2')], 1);
      await eventually(() => expect(seen.map((e) => e.type)).toEqual(['Old2', 'Live1', 'Live2']), 3000);
      await subscription.stop();
      await store.append(stream, [event('AfterStop')], 3);
      await new Promise((r) => setTimeout(r, 50));
      expect(seen).toHaveLength(3);
    });

    it('sees appends made through another connection', async () => {
      const writer = await factory.connect();
      const seen: string[] = [];
      const subscription = store.subscribe((e) => void seen.push(e.type), { after: await store.headPosition() });
      await writer.append(stream, [event('Elsewhere')], 'no_stream');
      await eventually(() => expect(seen).toEqual(['Elsewhere']), 3000);
      await subscription.stop();
      await writer.close();
    });

    it('stops and reports when a handler fails, without skipping the failed event', async () => {
      await store.append(stream, [event('A'), event('B')], 'no_stream');
      const errors: unknown[] = [];
      const seen: string[] = [];
      const subscription = store.subscribe(
        (e) => {
          if (e.type === 'B') throw new Error('boom');
          seen.push(e.type);
        },
        { after: null, onError: (e) => errors.push(e) },
      );
      await eventually(() => expect(errors).toHaveLength(1), 3000);
      await subscription.stop();
      expect(seen.filter((t) => t === 'B')).toEqual([]);
    });

    it('lets exactly one of N concurrent writers win each revision, and loses nothing', async () => {
      const writers = await Promise.all(Array.from({ length: 8 }, () => factory.connect()));
      await store.append(stream, [event('Seed')], 'no_stream');
      const race = await Promise.allSettled(writers.map((w, i) => w.append(stream, [event(`W${i}`)], 0)));
      expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of race) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(WrongExpectedVersion);

      // every writer retries on conflict until its event lands: all land, each exactly once
      const appendWithRetry = async (writer: EventStore, e: NewEvent) => {
        for (;;) {
          const revision = (await writer.readStream(stream)).length - 1;
          try {
            return await writer.append(stream, [e], revision);
          } catch (error) {
            if (!(error instanceof WrongExpectedVersion)) throw error;
          }
        }
      };
      const batch = writers.map((_, i) => event(`R${i}`));
      await Promise.all(writers.map((w, i) => appendWithRetry(w, batch[i]!)));
      const read = await store.readStream(stream);
      expect(read.map((e) => e.revision)).toEqual(read.map((_, i) => i));
      expect(
        read
          .filter((e) => e.type.startsWith('R'))
          .map((e) => e.id)
          .sort(),
      ).toEqual(batch.map((e) => e.id).sort());
      await Promise.all(writers.map((w) => w.close()));
    });
  });
};
