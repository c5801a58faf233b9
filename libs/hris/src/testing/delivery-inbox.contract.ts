// Every promise the DeliveryInbox port makes; each adapter's spec calls it with its own factory.
// `open()` answers a second handle on the same inbox when called again, as another process (an
// API replica, a worker) would have: races are run between handles.
import { settled, type DeliveryInbox, type NewDelivery, type Settlement } from '../inbox/delivery-inbox';

export interface DeliveryInboxFactory {
  /** A new handle on the one inbox under test. */
  open(): Promise<DeliveryInbox>;
  dispose(): Promise<void>;
}

export const testDeliveryInbox = (name: string, factory: () => Promise<DeliveryInboxFactory>): void =>
  describe(`DeliveryInbox contract: ${name}`, () => {
    let opened: DeliveryInboxFactory;
    let inbox: DeliveryInbox;
    const handles: DeliveryInbox[] = [];
    const another = async () => {
      const handle = await opened.open();
      handles.push(handle);
      return handle;
    };
    beforeEach(async () => {
      opened = await factory();
      inbox = await another();
    });
    afterEach(async () => {
      for (const handle of handles.splice(0)) await handle.close();
      await opened.dispose();
    });

    const delivery = (deliveryId: string, body: string, receivedAt = '2026-01-01T00:00:00.000Z', fields: Partial<NewDelivery> = {}): NewDelivery => ({
      tenantId: 'default',
      provider: 'standard',
      deliveryId,
      body: Buffer.from(body),
      receivedAt,
      ...fields,
    });
    const record = async (deliveryId: string, body: string, receivedAt?: string) => (await inbox.record(delivery(deliveryId, body, receivedAt)))!;
    /** One delivery's claim: it, or null when not taken. */
    const claim = async (on: DeliveryInbox, seq: number, now: string, until: string) => (await on.claimMany([seq], now, until))[0] ?? null;
    const renew = async (seq: number, heldUntil: string, until: string) => (await inbox.renewClaims([seq], heldUntil, until)).includes(seq);

    it('records a delivery pending and due at once, and answers it by seq and by delivery id', async () => {
      const d = await record('d-1', '{"a":1}');
      expect(d).toMatchObject({
        tenantId: 'default',
        provider: 'standard',
        deliveryId: 'd-1',
        body: Buffer.from('{"a":1}'),
        bodyErased: false,
        receivedAt: '2026-01-01T00:00:00.000Z',
        status: 'PENDING',
        attempts: 0,
        replays: 0,
        nextAttemptAt: '2026-01-01T00:00:00.000Z',
        lastError: null,
        outcome: [],
      });
      expect(await inbox.get(d.seq)).toEqual(d);
      expect(await inbox.byDeliveryId('default', 'standard', 'd-1')).toEqual(d);
      expect(await inbox.get(d.seq + 1000)).toBeNull();
      expect(await inbox.byDeliveryId('default', 'hibob', 'd-1')).toBeNull();
    });

    it('recognises a duplicate by delivery id and by body, per tenant and provider', async () => {
      await record('d-1', '{"a":1}');
      expect(await inbox.record(delivery('d-1', '{"other":1}', '2026-01-02T00:00:00.000Z'))).toBeNull();
      expect(await inbox.record(delivery('d-2', '{"a":1}', '2026-01-02T00:00:00.000Z'))).toBeNull();
      expect(await inbox.record(delivery('d-1', '{"a":1}', '2026-01-02T00:00:00.000Z', { tenantId: 'other' }))).not.toBeNull();
      expect(await inbox.record(delivery('d-1', '{"a":1}', '2026-01-02T00:00:00.000Z', { provider: 'hibob' }))).not.toBeNull();
    });

    it('records several at once in order, each answered as record() would, a duplicate (of one before or of one in the same call) answered null', async () => {
      const before = await record('d-0', '{"n":0}');
      const answers = await inbox.recordMany([
        delivery('d-1', '{"n":1}'),
        delivery('d-0', '{"other":0}'),
        delivery('d-2', '{"n":2}'),
        delivery('d-1', '{"other":1}'),
        delivery('d-3', '{"n":2}'),
        delivery('d-4', '{"n":4}', undefined, { tenantId: 'other' }),
      ]);
      expect(answers.map((a) => a?.deliveryId ?? null)).toEqual(['d-1', null, 'd-2', null, null, 'd-4']);
      const [d1, , d2, , , d4] = answers;
      expect(d1!.seq).toBeGreaterThan(before.seq);
      expect(d2!.seq).toBeGreaterThan(d1!.seq);
      expect(d4!.seq).toBeGreaterThan(d2!.seq);
      for (const d of [d1, d2, d4]) expect(await inbox.get(d!.seq)).toEqual(d);
      expect(d1).toMatchObject({ body: Buffer.from('{"n":1}'), status: 'PENDING', attempts: 0, nextAttemptAt: '2026-01-01T00:00:00.000Z', outcome: [] });
      expect(await inbox.count('default', {})).toBe(3);
      expect(await inbox.recordMany([])).toEqual([]);
    });

    it('records all of several or none: one that cannot be recorded leaves nothing of the others', async () => {
      const unrecordable = { ...delivery('bad', '{}'), body: null as unknown as Buffer };
      await expect(inbox.recordMany([delivery('a', '{"a":1}'), unrecordable])).rejects.toThrow();
      expect(await inbox.count('default', {})).toBe(0);
      expect(await inbox.recordMany([delivery('a', '{"a":1}')])).toEqual([expect.objectContaining({ deliveryId: 'a' })]);
    });

    it('records the same deliveries sent to two processes at once in groups exactly once', async () => {
      const handles = [inbox, await another(), await another()];
      const group = ['g-1', 'g-2', 'g-3'].map((id) => delivery(id, `{"id":"${id}"}`));
      const answers = (await Promise.all(handles.map((h) => h.recordMany(group)))).flat();
      expect(
        answers
          .filter((a) => a !== null)
          .map((a) => a.deliveryId)
          .sort(),
      ).toEqual(['g-1', 'g-2', 'g-3']);
      expect(await inbox.count('default', {})).toBe(3);
    });

    it('records a delivery received by two processes at once exactly once', async () => {
      const handles = [inbox, await another(), await another()];
      const results = await Promise.all(handles.flatMap((h) => [h.record(delivery('race', '{"r":1}')), h.record(delivery('race-2', '{"r":1}'))]));
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      expect(await inbox.count('default', {})).toBe(1);
    });

    it('answers due deliveries oldest first, and when the next falls due', async () => {
      expect(await inbox.nextDue()).toBeNull();
      const a = await record('a', '1', '2026-01-01T00:00:00.000Z');
      const b = await record('b', '2', '2026-01-01T00:00:01.000Z');
      await inbox.failed(a.seq, 'UNKNOWN_EMPLOYEE', '2026-01-01T01:00:00.000Z');
      expect((await inbox.due('2026-01-01T00:30:00.000Z')).map((d) => d.seq)).toEqual([b.seq]);
      expect((await inbox.due('2026-01-01T01:00:00.000Z')).map((d) => d.seq)).toEqual([a.seq, b.seq]);
      expect((await inbox.due('2026-01-01T01:00:00.000Z', 1)).map((d) => d.seq)).toEqual([a.seq]);
      expect(await inbox.nextDue()).toBe('2026-01-01T00:00:01.000Z');
      await inbox.processed(b.seq, []);
      expect(await inbox.nextDue()).toBe('2026-01-01T01:00:00.000Z');
    });

    it('records what an attempt did: processed with its outcome, retried with a reason, dead with a reason', async () => {
      const a = await record('a', '1');
      const b = await record('b', '2');
      await inbox.failed(a.seq, 'UNKNOWN_EMPLOYEE', '2026-01-01T00:01:00.000Z');
      expect(await inbox.get(a.seq)).toMatchObject({
        status: 'PENDING',
        attempts: 1,
        lastError: 'UNKNOWN_EMPLOYEE',
        nextAttemptAt: '2026-01-01T00:01:00.000Z',
      });
      await inbox.processed(a.seq, ['registered p-1', 'assigned p-1']);
      expect(await inbox.get(a.seq)).toMatchObject({
        status: 'PROCESSED',
        attempts: 2,
        lastError: null,
        nextAttemptAt: null,
        outcome: ['registered p-1', 'assigned p-1'],
      });
      await inbox.failed(b.seq, 'UNSUPPORTED_EVENT', null);
      expect(await inbox.get(b.seq)).toMatchObject({ status: 'DEAD', attempts: 1, lastError: 'UNSUPPORTED_EVENT', nextAttemptAt: null });
      expect(await inbox.due('2026-02-01T00:00:00.000Z')).toEqual([]);
      expect(await inbox.nextDue()).toBeNull();
    });

    it('lets exactly one of several processes claim a pending delivery, until its claim lapses or the attempt ends', async () => {
      const d = await record('d', '{}');
      const now = '2026-01-01T00:00:00.000Z';
      const until = '2026-01-01T00:05:00.000Z';
      const handles = [inbox, await another(), await another()];
      const claims = await Promise.all(handles.flatMap((h) => [claim(h, d.seq, now, until), claim(h, d.seq, now, until)]));
      expect(claims.filter((c) => c !== null)).toHaveLength(1);
      expect(claims.find((c) => c !== null)).toMatchObject({ seq: d.seq, status: 'PENDING' });
      // held: not due for anyone else, nor claimable, until it lapses
      expect(await inbox.due('2026-01-01T00:04:59.000Z')).toEqual([]);
      expect(await inbox.nextDue()).toBe(until);
      expect(await claim(inbox, d.seq, '2026-01-01T00:04:59.000Z', '2026-01-01T00:10:00.000Z')).toBeNull();
      // its taker died: taken again once the claim lapsed
      expect((await inbox.due(until)).map((x) => x.seq)).toEqual([d.seq]);
      expect(await claim(inbox, d.seq, until, '2026-01-01T00:10:00.000Z')).not.toBeNull();
      // an attempt's end releases the claim; a retry is claimable when due
      await inbox.failed(d.seq, 'UNKNOWN_EMPLOYEE', '2026-01-01T00:06:00.000Z');
      expect(await claim(inbox, d.seq, '2026-01-01T00:06:00.000Z', '2026-01-01T00:11:00.000Z')).not.toBeNull();
      await inbox.processed(d.seq, []);
      expect(await claim(inbox, d.seq, '2026-01-02T00:00:00.000Z', '2026-01-02T00:05:00.000Z')).toBeNull();
      expect(await claim(inbox, d.seq + 1000, now, until)).toBeNull();
    });

    it('lets the holder of a claim, and only it, keep it', async () => {
      const d = await record('d', '{}');
      await claim(inbox, d.seq, '2026-01-01T00:00:00.000Z', '2026-01-01T00:05:00.000Z');
      expect(await renew(d.seq, '2026-01-01T00:05:00.000Z', '2026-01-01T00:08:00.000Z')).toBe(true);
      expect(await claim(inbox, d.seq, '2026-01-01T00:06:00.000Z', '2026-01-01T00:11:00.000Z')).toBeNull();
      // lapsed and taken by another: the first holder's renewal is refused
      expect(await claim(inbox, d.seq, '2026-01-01T00:08:00.000Z', '2026-01-01T00:13:00.000Z')).not.toBeNull();
      expect(await renew(d.seq, '2026-01-01T00:08:00.000Z', '2026-01-01T00:14:00.000Z')).toBe(false);
      await inbox.processed(d.seq, []);
      expect(await renew(d.seq, '2026-01-01T00:13:00.000Z', '2026-01-01T00:14:00.000Z')).toBe(false);
    });

    it('claims a group in one call: those pending and free, oldest first, leaving out the held, the done and the unknown', async () => {
      const [a, b, c, d] = [await record('a', '{"a":1}'), await record('b', '{"b":1}'), await record('c', '{"c":1}'), await record('d', '{"d":1}')];
      const now = '2026-01-01T00:00:00.000Z';
      const until = '2026-01-01T00:05:00.000Z';
      await claim(await another(), b.seq, now, until);
      await inbox.processed(c.seq, []);
      const claimed = await inbox.claimMany([d.seq, c.seq + 1000, b.seq, a.seq, c.seq], now, until);
      expect(claimed.map((x) => x.seq)).toEqual([a.seq, d.seq]);
      expect(claimed[0]).toMatchObject({ status: 'PENDING', attempts: 0, body: Buffer.from('{"a":1}') });
      expect(await inbox.claimMany([], now, until)).toEqual([]);
      // every one of them held by its taker until it lapses
      expect(await inbox.due('2026-01-01T00:04:59.000Z')).toEqual([]);
      expect((await inbox.renewClaims([d.seq, c.seq, a.seq], until, '2026-01-01T00:09:00.000Z')).sort((x, y) => x - y)).toEqual([a.seq, d.seq]);
      // held as renewed, no longer as first claimed
      expect(await inbox.renewClaims([a.seq, c.seq], until, '2026-01-01T00:09:00.000Z')).toEqual([]);
    });

    it('settles a group in one call, each as processed() or failed() would, releasing the claims', async () => {
      const [a, b, c] = [await record('a', '{"a":1}'), await record('b', '{"b":1}'), await record('c', '{"c":1}')];
      const claimed = await inbox.claimMany([a.seq, b.seq, c.seq], '2026-01-01T00:00:00.000Z', '2026-01-01T00:05:00.000Z');
      const settlements: Settlement[] = [
        { seq: a.seq, status: 'PROCESSED', outcome: ['registered p-1'] },
        { seq: b.seq, status: 'FAILED', reason: 'UNKNOWN_MANAGER', retryAt: '2026-01-01T00:01:00.000Z' },
        { seq: c.seq, status: 'FAILED', reason: 'Invalid:NAME', retryAt: null },
      ];
      await inbox.settleMany(settlements);
      const after = [await inbox.get(a.seq), await inbox.get(b.seq), await inbox.get(c.seq)];
      expect(after).toEqual(claimed.map((d, i) => settled(d, settlements[i]!)));
      expect(after.map((d) => d?.status)).toEqual(['PROCESSED', 'PENDING', 'DEAD']);
      // the retry is due and free to claim when its time comes
      expect((await inbox.claimMany([b.seq], '2026-01-01T00:01:00.000Z', '2026-01-01T00:06:00.000Z')).map((d) => d.seq)).toEqual([b.seq]);
      await inbox.settleMany([]);
    });

    it('replays with a fresh round of attempts, counting replays', async () => {
      const d = await record('d-1', '{"a":1}');
      await inbox.failed(d.seq, 'UNKNOWN_EMPLOYEE', null);
      expect(await inbox.replay(d.seq, '2026-01-02T00:00:00.000Z')).toMatchObject({
        status: 'PENDING',
        attempts: 0,
        replays: 1,
        nextAttemptAt: '2026-01-02T00:00:00.000Z',
        lastError: 'UNKNOWN_EMPLOYEE',
      });
      expect(await inbox.replay(d.seq + 1000, '2026-01-02T00:00:00.000Z')).toBeNull();
    });

    it('erases the bodies of deliveries done before the cutoff only, still recognises their redelivery, and refuses to replay them', async () => {
      const processed = await record('old-processed', '{"n":1}', '2026-01-01T00:00:00.000Z');
      const dead = await record('old-dead', '{"n":2}', '2026-01-01T00:00:00.000Z');
      const pending = await record('old-pending', '{"n":3}', '2026-01-01T00:00:00.000Z');
      const recent = await record('recent', '{"n":4}', '2026-03-01T00:00:00.000Z');
      await inbox.processed(processed.seq, []);
      await inbox.failed(dead.seq, 'UNKNOWN_EMPLOYEE', null);
      await inbox.processed(recent.seq, []);

      expect(await inbox.eraseBodies('2026-02-01T00:00:00.000Z')).toBe(2);
      expect(await inbox.eraseBodies('2026-02-01T00:00:00.000Z')).toBe(0);
      for (const seq of [processed.seq, dead.seq]) expect(await inbox.get(seq)).toMatchObject({ bodyErased: true, body: Buffer.alloc(0) });
      expect(await inbox.get(pending.seq)).toMatchObject({ bodyErased: false, body: Buffer.from('{"n":3}') });
      expect(await inbox.get(recent.seq)).toMatchObject({ bodyErased: false, body: Buffer.from('{"n":4}') });

      expect(await inbox.record(delivery('new-id', '{"n":1}', '2026-03-02T00:00:00.000Z'))).toBeNull();
      expect(await inbox.replay(dead.seq, '2026-03-02T00:00:00.000Z')).toMatchObject({ status: 'DEAD', replays: 0 });
    });

    it('erases one body whatever its state, parking a pending delivery with the reason', async () => {
      const pending = await record('p', '{"n":1}');
      const done = await record('d', '{"n":2}');
      await inbox.processed(done.seq, ['registered p-1']);
      await inbox.eraseBody(pending.seq, 'PERSONAL_DATA_ERASED');
      await inbox.eraseBody(done.seq, 'PERSONAL_DATA_ERASED');
      expect(await inbox.get(pending.seq)).toMatchObject({
        bodyErased: true,
        body: Buffer.alloc(0),
        status: 'DEAD',
        lastError: 'PERSONAL_DATA_ERASED',
        nextAttemptAt: null,
      });
      expect(await inbox.get(done.seq)).toMatchObject({ bodyErased: true, status: 'PROCESSED', lastError: null, outcome: ['registered p-1'] });
      expect(await inbox.withBodies('default', 0, 10)).toEqual([]);
    });

    it('pages a tenant’s deliveries with bodies oldest first, and lists and counts them newest first by status and provider', async () => {
      const a = await record('a', '1');
      const b = await record('b', '2');
      const c = (await inbox.record(delivery('c', '3', undefined, { provider: 'hibob' })))!;
      await inbox.record(delivery('x', '4', undefined, { tenantId: 'other' }));
      await inbox.processed(a.seq, []);
      expect((await inbox.withBodies('default', 0, 2)).map((d) => d.seq)).toEqual([a.seq, b.seq]);
      expect((await inbox.withBodies('default', b.seq, 2)).map((d) => d.seq)).toEqual([c.seq]);
      expect((await inbox.list('default', {}, null, 10)).map((d) => d.seq)).toEqual([c.seq, b.seq, a.seq]);
      expect((await inbox.list('default', {}, c.seq, 1)).map((d) => d.seq)).toEqual([b.seq]);
      expect((await inbox.list('default', { status: 'PENDING' }, null, 10)).map((d) => d.seq)).toEqual([c.seq, b.seq]);
      expect((await inbox.list('default', { provider: 'standard', status: 'PENDING' }, null, 10)).map((d) => d.seq)).toEqual([b.seq]);
      expect(await inbox.count('default', {})).toBe(3);
      expect(await inbox.count('default', { provider: 'hibob' })).toBe(1);
      expect(await inbox.count('default', { status: 'PROCESSED' })).toBe(1);
      expect(await inbox.count('other', {})).toBe(1);
    });
  });
