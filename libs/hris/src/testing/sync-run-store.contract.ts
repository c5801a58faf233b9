// Every promise the SyncRunStore port makes; each adapter's spec calls it with its own factory.
import type { NewSyncRun, SyncRunStore } from '../sync-runs/sync-run-store';

export const testSyncRunStore = (name: string, open: () => Promise<{ store: SyncRunStore; dispose(): Promise<void> }>): void =>
  describe(`SyncRunStore contract: ${name}`, () => {
    let store: SyncRunStore;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      const opened = await open();
      store = opened.store;
      dispose = () => opened.dispose();
    });
    afterEach(() => dispose());

    const run = (id: string, fields: Partial<NewSyncRun> = {}): NewSyncRun => ({
      id,
      tenantId: 'acme',
      provider: 'merge',
      dryRun: false,
      startedBy: 'key:ops',
      queuedAt: '2026-06-01T12:00:00.000Z',
      ...fields,
    });
    const counts = { created: 2, updated: 1, terminated: 0, unchanged: 4, failed: 1 };

    it('records a queued run, then runs and finishes it', async () => {
      expect(await store.enqueue(run('r1', { dryRun: true }))).toMatchObject({
        created: true,
        run: { id: 'r1', status: 'QUEUED', dryRun: true, startedBy: 'key:ops', startedAt: null, counts: null },
      });
      expect(await store.begin('r1', '2026-06-01T12:00:01.000Z')).toMatchObject({ status: 'RUNNING', startedAt: '2026-06-01T12:00:01.000Z' });
      const plan = [{ employeeId: 'e1', personId: 'p1', outcome: 'created' as const, changes: ['created'], role: 'Product Manager', reason: null }];
      expect(await store.succeed('r1', '2026-06-01T12:00:02.000Z', counts, plan)).toMatchObject({
        status: 'SUCCEEDED',
        finishedAt: '2026-06-01T12:00:02.000Z',
        counts,
        plan,
        error: null,
      });
      expect(await store.begin('r1', '2026-06-01T12:00:03.000Z')).toBeNull();
      // a late failure (a job BullMQ gave up on) does not undo a finished run
      expect(await store.fail('r1', '2026-06-01T12:00:04.000Z', 'UNEXPECTED')).toMatchObject({ status: 'SUCCEEDED', error: null });
    });

    it('keeps one unfinished run per tenant and provider: a second start answers the first', async () => {
      await store.enqueue(run('r1'));
      expect(await store.enqueue(run('r2', { dryRun: true }))).toMatchObject({ created: false, run: { id: 'r1', dryRun: false } });
      await store.begin('r1', '2026-06-01T12:00:01.000Z');
      expect((await store.enqueue(run('r3'))).run.id).toBe('r1');
      // another provider, another tenant: runs of their own
      expect((await store.enqueue(run('r4', { provider: 'hibob' }))).created).toBe(true);
      expect((await store.enqueue(run('r5', { tenantId: 'globex' }))).created).toBe(true);
      await store.fail('r1', '2026-06-01T12:00:02.000Z', 'VENDOR_API_FAILED');
      expect(await store.enqueue(run('r6'))).toMatchObject({ created: true, run: { id: 'r6' } });
      expect(await store.get('r2')).toBeNull();
    });

    it('records one of two runs started at once for a tenant and provider, and answers it to both', async () => {
      const started = await Promise.all([store.enqueue(run('a1')), store.enqueue(run('a2')), store.enqueue(run('a3'))]);
      expect(started.filter((s) => s.created)).toHaveLength(1);
      expect(new Set(started.map((s) => s.run.id)).size).toBe(1);
      expect(await store.unfinished()).toHaveLength(1);
    });

    it('answers a retried start (the same id) with the run it made', async () => {
      await store.enqueue(run('r1'));
      await store.succeed('r1', '2026-06-01T12:00:02.000Z', counts, null);
      expect(await store.enqueue(run('r1'))).toMatchObject({ created: false, run: { id: 'r1', status: 'SUCCEEDED' } });
    });

    it("answers the start of the last successful real run, not a dry or failed one's", async () => {
      expect(await store.lastSucceededStart('acme', 'merge')).toBeNull();
      for (const [id, dryRun, ok, at] of [
        ['a', false, true, '2026-06-01T10:00:00.000Z'],
        ['b', true, true, '2026-06-01T11:00:00.000Z'],
        ['c', false, false, '2026-06-01T12:00:00.000Z'],
      ] as const) {
        await store.enqueue(run(id, { dryRun }));
        await store.begin(id, at);
        await (ok ? store.succeed(id, at, counts, null) : store.fail(id, at, 'VENDOR_API_FAILED'));
      }
      expect(await store.lastSucceededStart('acme', 'merge')).toBe('2026-06-01T10:00:00.000Z');
      expect(await store.lastSucceededStart('acme', 'hibob')).toBeNull();
    });

    it('lists a tenant’s runs newest first, by provider, in pages, and the unfinished ones', async () => {
      await store.enqueue(run('m1'));
      await store.fail('m1', '2026-06-01T12:00:00.000Z', 'INTERRUPTED');
      await store.enqueue(run('h1', { provider: 'hibob' }));
      await store.enqueue(run('m2'));
      await store.enqueue(run('g1', { tenantId: 'globex' }));
      const all = await store.list('acme', {}, null, 10);
      expect(all.map((r) => r.run.id)).toEqual(['m2', 'h1', 'm1']);
      expect((await store.list('acme', {}, all[0]!.seq, 1)).map((r) => r.run.id)).toEqual(['h1']);
      expect((await store.list('acme', { provider: 'merge' }, null, 10)).map((r) => r.run.id)).toEqual(['m2', 'm1']);
      expect(await store.count('acme', {})).toBe(3);
      expect(await store.count('acme', { provider: 'hibob' })).toBe(1);
      expect((await store.unfinished()).map((r) => r.id)).toEqual(['h1', 'm2', 'g1']);
    });
  });
