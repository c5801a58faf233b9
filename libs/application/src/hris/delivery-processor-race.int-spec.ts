// Two processes (API replicas, workers) processing one delivery at once, each through its own
// connection to the one inbox: exactly one applies it, on SQLite and on PostgreSQL alike.
import type { EmployeeChange } from '@rolebook/hris';
import { PostgresDeliveryInbox, SqliteDeliveryInbox, type DeliveryInbox } from '@rolebook/hris';
import { openPool } from '@rolebook/postgres';
import { describeWithPostgres, scratchDatabase } from '@rolebook/postgres/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeliveryProcessor } from './delivery-processor';

const racing = (name: string, open: () => Promise<{ handles: DeliveryInbox[]; dispose(): Promise<void> }>) =>
  describe(`DeliveryProcessor racing on ${name}`, () => {
    it('lets exactly one of several processes apply a delivery they all pick up at once', async () => {
      const opened = await open();
      const { handles } = opened;
      try {
        const applied: string[] = [];
        const sync = {
          apply: async (_delivery: unknown, change: EmployeeChange) => {
            applied.push(change.employeeId);
            await new Promise((r) => setTimeout(r, 50));
            return [`applied ${change.employeeId}`];
          },
        };
        const body = { type: 'employee.hired', data: { employeeId: 'E1', name: 'Ada Lovelace' } };
        const delivery = (await handles[0]!.record({
          tenantId: 'acme',
          provider: 'standard',
          deliveryId: 'd-1',
          body: Buffer.from(JSON.stringify(body)),
          receivedAt: new Date().toISOString(),
        }))!;
        const results = await Promise.all(
          handles.map((inbox) => new DeliveryProcessor(inbox, sync, { maxAttempts: 3, baseDelayMs: 100, claimMs: 10_000 }).process(delivery)),
        );
        expect(applied).toEqual(['E1']);
        expect(results.filter((r) => r !== null)).toEqual([expect.objectContaining({ status: 'PROCESSED', attempts: 1, outcome: ['applied E1'] })]);
      } finally {
        await opened.dispose();
      }
    });
  });

racing('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rolebook-race-'));
  const handles = [0, 1, 2].map(() => new SqliteDeliveryInbox(join(dir, 'webhooks.db')));
  return {
    handles,
    dispose: async () => {
      for (const h of handles) await h.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeWithPostgres('on PostgreSQL', () =>
  racing('PostgreSQL', async () => {
    const db = await scratchDatabase();
    const handles = await Promise.all(
      [0, 1, 2].map(async () => {
        const pool = openPool(db.url, 2);
        return PostgresDeliveryInbox.open(pool, () => pool.end());
      }),
    );
    return {
      handles,
      dispose: async () => {
        for (const h of handles) await h.close();
        await db.drop();
      },
    };
  }),
);
