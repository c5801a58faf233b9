// Deliveries processed as a group (processMany): each employee's deliveries apply in delivery
// order while unrelated ones run together, one that fails fails alone, and one retried later is
// applied again alone (the others of its group are done).
import { InvalidInput } from '@rolebook/domain';
import { SqliteDeliveryInbox, type EmployeeChange } from '@rolebook/hris';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeliveryRef } from './hris-sync';
import { DeliveryProcessor } from './delivery-processor';

describe('DeliveryProcessor, a group at a time', () => {
  let dir: string;
  let inbox: SqliteDeliveryInbox;
  const now = new Date('2026-06-01T12:00:00.000Z');
  /** What happened, in order: "start d-2", "end d-2". */
  let log: string[];
  /** How long each delivery's change takes to apply, by delivery id (default at once). */
  let delays: Record<string, number>;
  /** What each delivery's change throws, by delivery id. */
  let failures: Record<string, Error>;
  const sync = {
    apply: async (delivery: DeliveryRef, change: EmployeeChange) => {
      log.push(`start ${delivery.deliveryId}`);
      await new Promise((r) => setTimeout(r, delays[delivery.deliveryId] ?? 0));
      const failure = failures[delivery.deliveryId];
      log.push(`end ${delivery.deliveryId}`);
      if (failure) throw failure;
      return [`applied ${change.employeeId}`];
    },
  };
  const processor = () => new DeliveryProcessor(inbox, sync, { maxAttempts: 5, baseDelayMs: 1000, claimMs: 60_000, clock: () => now });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rolebook-groups-'));
    inbox = new SqliteDeliveryInbox(join(dir, 'webhooks.db'));
    log = [];
    delays = {};
    failures = {};
  });
  afterEach(async () => {
    await inbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const record = async (deliveryId: string, data: Record<string, unknown>) =>
    (await inbox.record({
      tenantId: 'acme',
      provider: 'standard',
      deliveryId,
      body: Buffer.from(JSON.stringify({ type: 'employee.updated', data })),
      receivedAt: now.toISOString(),
    }))!;

  it("applies one employee's deliveries in delivery order, and another's meanwhile", async () => {
    const group = [
      await record('d-1', { employeeId: 'E1', title: 'PM' }),
      await record('d-2', { employeeId: 'E2', title: 'PM' }),
      await record('d-3', { employeeId: 'E1', title: 'Senior PM' }),
    ];
    delays = { 'd-1': 50 };
    const after = await processor().processMany(group);
    expect(after.map((d) => d?.status)).toEqual(['PROCESSED', 'PROCESSED', 'PROCESSED']);
    // d-2 is not held up by E1's first delivery; E1's second waits for its first to end
    expect(log.indexOf('end d-2')).toBeLessThan(log.indexOf('end d-1'));
    expect(log.indexOf('start d-3')).toBeGreaterThan(log.indexOf('end d-1'));
  });

  it('applies a change of manager after the deliveries before it that name that manager or change another line', async () => {
    const group = [
      await record('d-1', { employeeId: 'M1', name: 'Manager' }),
      await record('d-2', { employeeId: 'E2', managerId: 'E9' }),
      await record('d-3', { employeeId: 'E3', managerId: 'M1' }),
    ];
    delays = { 'd-1': 30, 'd-2': 30 };
    await processor().processMany(group);
    expect(log.indexOf('start d-3')).toBeGreaterThan(Math.max(log.indexOf('end d-1'), log.indexOf('end d-2')));
  });

  it('records the failure of one delivery of a group and the others as processed', async () => {
    const group = [
      await record('d-1', { employeeId: 'E1', title: 'PM' }),
      await record('d-2', { employeeId: 'E2', title: 'PM' }),
      await record('d-3', { employeeId: 'E3', title: 'PM' }),
      await record('d-4', { employeeId: 'E4', title: 'PM' }),
    ];
    failures = { 'd-2': new Error('the event store went away'), 'd-3': new InvalidInput('NAME_REQUIRED', 'a name is required', 'name') };
    const after = await processor().processMany(group);
    expect(after).toEqual([
      expect.objectContaining({ status: 'PROCESSED', attempts: 1, outcome: ['applied E1'] }),
      expect.objectContaining({ status: 'PENDING', attempts: 1, lastError: 'TRANSIENT_FAILURE', nextAttemptAt: '2026-06-01T12:00:01.000Z' }),
      expect.objectContaining({ status: 'DEAD', attempts: 1, lastError: 'InvalidInput:NAME_REQUIRED' }),
      expect.objectContaining({ status: 'PROCESSED', attempts: 1, outcome: ['applied E4'] }),
    ]);
    // what it answers is what the inbox holds
    for (const d of after) expect(await inbox.get(d!.seq)).toEqual(d);
  });

  it('applies a delivery retried after its group again alone, and none of the group twice', async () => {
    const group = [await record('d-1', { employeeId: 'E1', title: 'PM' }), await record('d-2', { employeeId: 'E2', title: 'PM' })];
    failures = { 'd-2': new Error('the event store went away') };
    await processor().processMany(group);
    failures = {};
    log = [];
    // the whole group asked for again (a sweep, a second worker): the one done is not claimed, the other is applied once more
    expect(await processor().processMany(group)).toEqual([null, expect.objectContaining({ status: 'PROCESSED', attempts: 2, outcome: ['applied E2'] })]);
    expect(log).toEqual(['start d-2', 'end d-2']);
  });
});
