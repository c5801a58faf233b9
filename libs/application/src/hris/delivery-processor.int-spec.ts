// What the processor makes of a recorded delivery it cannot apply: parked at once with a reason
// code when this version cannot read it (or the provider's API is not configured), retried with
// backoff when the vendor's API fails; a replay of a parked one tries again.
import { SqliteDeliveryInbox, ProviderApiError, ProviderApiNotConfigured, type EmployeeChange, type Provider } from '@rolebook/hris';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeliveryProcessor } from './delivery-processor';

describe('DeliveryProcessor', () => {
  let dir: string;
  let inbox: SqliteDeliveryInbox;
  const applied: EmployeeChange[] = [];
  let failure: Error | null = null;
  const sync = {
    apply: async (_delivery: unknown, change: EmployeeChange) => {
      if (failure) throw failure;
      applied.push(change);
      return [`applied ${change.employeeId}`];
    },
  };
  const now = new Date('2026-06-01T12:00:00.000Z');
  const processor = () => new DeliveryProcessor(inbox, sync, { maxAttempts: 5, baseDelayMs: 1000, claimMs: 60_000, clock: () => now });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rolebook-processor-'));
    inbox = new SqliteDeliveryInbox(join(dir, 'webhooks.db'));
    applied.length = 0;
    failure = null;
  });
  afterEach(async () => {
    await inbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const record = async (provider: Provider, body: unknown) =>
    (await inbox.record({
      tenantId: 'acme',
      provider,
      deliveryId: `d-${Math.random()}`,
      body: Buffer.from(JSON.stringify(body)),
      receivedAt: now.toISOString(),
    }))!;
  const merge = (event: string) => ({ hook: { event }, data: { id: 'm-1', employments: ['e-1'], manager: null, employment_status: 'ACTIVE' } });

  it('parks an event it does not map at once, with UNSUPPORTED_EVENT, applying nothing', async () => {
    const done = await processor().process(await record('hibob', { type: 'timeoff.request.created', data: { employeeId: '1' } }));
    expect(done).toMatchObject({ status: 'DEAD', attempts: 1, lastError: 'UNSUPPORTED_EVENT', nextAttemptAt: null });
    expect(applied).toEqual([]);
  });

  it('parks data not as documented with INVALID_EVENT_DATA', async () =>
    expect(await processor().process(await record('bamboohr', { type: 'employee.updated', data: { companyId: 1 } }))).toMatchObject({
      status: 'DEAD',
      lastError: 'INVALID_EVENT_DATA',
    }));

  it('parks a thin delivery whose provider API is not configured, and applies it on replay once it is', async () => {
    failure = new ProviderApiNotConfigured('merge');
    const parked = await processor().process(await record('merge', merge('Employee.changed')));
    expect(parked).toMatchObject({ status: 'DEAD', attempts: 1, lastError: 'API_NOT_CONFIGURED' });
    failure = null;
    const replayed = await processor().process((await inbox.replay(parked!.seq, now.toISOString()))!);
    expect(replayed).toMatchObject({ status: 'PROCESSED', outcome: ['applied m-1'] });
    expect(applied).toEqual([{ kind: 'update', employeeId: 'm-1', effectiveAt: null, fields: {}, thin: true }]);
  });

  it('retries a delivery whose vendor API failed, with backoff, naming no more than TRANSIENT_FAILURE', async () => {
    failure = new ProviderApiError('api.merge.dev', 503);
    const retried = await processor().process(await record('merge', merge('employee.updated')));
    expect(retried).toMatchObject({ status: 'PENDING', attempts: 1, lastError: 'TRANSIENT_FAILURE', nextAttemptAt: '2026-06-01T12:00:01.000Z' });
  });

  it('keeps its claim while a long attempt runs, so that nobody else takes the delivery', async () => {
    const slow = { apply: async () => (await new Promise((r) => setTimeout(r, 900)), ['applied']) };
    const held = await record('merge', merge('employee.updated'));
    const processing = new DeliveryProcessor(inbox, slow, { maxAttempts: 5, baseDelayMs: 1000, claimMs: 300 }).process(held);
    await new Promise((r) => setTimeout(r, 600));
    expect(await inbox.claimMany([held.seq], new Date().toISOString(), new Date(Date.now() + 300).toISOString())).toEqual([]);
    expect(await processing).toMatchObject({ status: 'PROCESSED', outcome: ['applied'] });
  });

  it('processes nothing another process holds, nor a delivery no longer pending', async () => {
    const held = await record('merge', merge('employee.updated'));
    expect(await inbox.claimMany([held.seq], now.toISOString(), new Date(now.getTime() + 60_000).toISOString())).toHaveLength(1);
    expect(await processor().process(held)).toBeNull();
    const done = await record('hibob', { type: 'timeoff.request.created', data: { employeeId: '1' } });
    await inbox.processed(done.seq, []);
    expect(await processor().process(done)).toBeNull();
    expect(applied).toEqual([]);
  });
});
