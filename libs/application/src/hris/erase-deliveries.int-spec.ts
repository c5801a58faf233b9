import { SqliteDeliveryInbox } from '@rolebook/hris';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eraseDeliveriesNaming } from './erase-deliveries';
import { hrisPersonId } from './hris-sync';

describe('erasing the HRIS deliveries that name an erased person', () => {
  let dir: string;
  let inbox: SqliteDeliveryInbox;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rolebook-inbox-erase-'));
    inbox = new SqliteDeliveryInbox(join(dir, 'webhooks.db'));
  });
  afterEach(async () => {
    await inbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const record = async (tenantId: string, deliveryId: string, body: unknown) =>
    (await inbox.record({ tenantId, provider: 'standard', deliveryId, body: Buffer.from(JSON.stringify(body)), receivedAt: '2026-01-01T00:00:00.000Z' }))!;
  const hire = (employeeId: string, name: string, managerId?: string) => ({ type: 'employee.hired', data: { employeeId, name, managerId } });

  it("erases the bodies of the deliveries about them or naming them as a manager, whatever their state, and no one else's", async () => {
    const person = hrisPersonId('acme', 'standard', 'E1');
    const about = await record('acme', 'd-1', hire('E1', 'Zelda Quackenbush'));
    await inbox.processed(about.seq, [`registered ${person}`]);
    const asManager = await record('acme', 'd-2', hire('E2', 'Ada Lovelace', 'E1'));
    const other = await record('acme', 'd-3', hire('E3', 'Grace Hopper'));
    const malformed = await record('acme', 'd-4', { not: 'a payload' });
    const otherTenant = await record('beta', 'd-1', hire('E1', 'Someone Else'));

    expect(await eraseDeliveriesNaming(inbox, 'acme', person)).toBe(2);
    expect(await inbox.get(about.seq)).toMatchObject({ bodyErased: true, status: 'PROCESSED', body: Buffer.alloc(0) });
    expect(await inbox.get(asManager.seq)).toMatchObject({ bodyErased: true, status: 'DEAD', lastError: 'PERSONAL_DATA_ERASED', nextAttemptAt: null });
    for (const kept of [other, malformed, otherTenant]) expect((await inbox.get(kept.seq))?.bodyErased).toBe(false);
    expect(await eraseDeliveriesNaming(inbox, 'acme', person)).toBe(0);
  });

  it('recognises a delivery by the outcome that recorded the person, when its body no longer parses', async () => {
    const person = hrisPersonId('acme', 'standard', 'E9');
    const thin = await record('acme', 'd-9', { unparseable: true });
    await inbox.processed(thin.seq, [`updated ${person}: name`]);
    expect(await eraseDeliveriesNaming(inbox, 'acme', person)).toBe(1);
  });
});
