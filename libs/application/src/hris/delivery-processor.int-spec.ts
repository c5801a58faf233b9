// What the processor makes of a recorded delivery it cannot apply: parked at once with a reason
// code when this version cannot read it (or the provider's API is not configured), retried with
// backoff when the vendor's API fails; a replay of a parked one tries again.
import { DeliveryInbox, ProviderApiError, ProviderApiNotConfigured, type EmployeeChange, type Provider } from '@rolebook/hris';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeliveryProcessor } from './delivery-processor';

describe('DeliveryProcessor', () => {
  let dir: string;
  let inbox: DeliveryInbox;
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
  const processor = () => new DeliveryProcessor(inbox, sync, { maxAttempts: 5, baseDelayMs: 1000, clock: () => now });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rolebook-processor-'));
    inbox = new DeliveryInbox(join(dir, 'webhooks.db'));
    applied.length = 0;
    failure = null;
  });
  afterEach(() => {
    inbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const record = (provider: Provider, body: unknown) =>
    inbox.record({ tenantId: 'acme', provider, deliveryId: `d-${Math.random()}`, body: Buffer.from(JSON.stringify(body)), receivedAt: now.toISOString() })!;
  const merge = (event: string) => ({ hook: { event }, data: { id: 'm-1', employments: ['e-1'], manager: null, employment_status: 'ACTIVE' } });

  it('parks an event it does not map at once, with UNSUPPORTED_EVENT, applying nothing', async () => {
    const done = await processor().process(record('hibob', { type: 'timeoff.request.created', data: { employeeId: '1' } }));
    expect(done).toMatchObject({ status: 'DEAD', attempts: 1, lastError: 'UNSUPPORTED_EVENT', nextAttemptAt: null });
    expect(applied).toEqual([]);
  });

  it('parks data not as documented with INVALID_EVENT_DATA', async () =>
    expect(await processor().process(record('bamboohr', { type: 'employee.updated', data: { companyId: 1 } }))).toMatchObject({
      status: 'DEAD',
      lastError: 'INVALID_EVENT_DATA',
    }));

  it('parks a thin delivery whose provider API is not configured, and applies it on replay once it is', async () => {
    failure = new ProviderApiNotConfigured('merge');
    const parked = await processor().process(record('merge', merge('Employee.changed')));
    expect(parked).toMatchObject({ status: 'DEAD', attempts: 1, lastError: 'API_NOT_CONFIGURED' });
    failure = null;
    const replayed = await processor().process(inbox.replay(parked.seq, now.toISOString())!);
    expect(replayed).toMatchObject({ status: 'PROCESSED', outcome: ['applied m-1'] });
    expect(applied).toEqual([{ kind: 'update', employeeId: 'm-1', effectiveAt: null, fields: {}, thin: true }]);
  });

  it('retries a delivery whose vendor API failed, with backoff, naming no more than TRANSIENT_FAILURE', async () => {
    failure = new ProviderApiError('api.merge.dev', 503);
    const retried = await processor().process(record('merge', merge('employee.updated')));
    expect(retried).toMatchObject({ status: 'PENDING', attempts: 1, lastError: 'TRANSIENT_FAILURE', nextAttemptAt: '2026-06-01T12:00:01.000Z' });
  });
});
