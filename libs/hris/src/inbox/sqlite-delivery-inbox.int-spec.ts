// The delivery inbox on a real SQLite file: the port's contract (each handle a connection of its
// own to the one file, as the API and the worker have), and an inbox made by an older release.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDeliveryInbox } from '../testing/delivery-inbox.contract';
import { SqliteDeliveryInbox } from './sqlite-delivery-inbox';

testDeliveryInbox('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rolebook-inbox-'));
  return {
    open: async () => new SqliteDeliveryInbox(join(dir, 'webhooks.db')),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('SqliteDeliveryInbox', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rolebook-inbox-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens an inbox made before replays were counted, bodies erased and deliveries claimed, adding the columns', async () => {
    const file = join(dir, 'old.db');
    const old = new Database(file);
    old.exec(`CREATE TABLE webhook_deliveries (seq INTEGER PRIMARY KEY AUTOINCREMENT, tenant_id TEXT NOT NULL, provider TEXT NOT NULL, delivery_id TEXT NOT NULL,
      body_digest TEXT NOT NULL, body BLOB NOT NULL, received_at TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT,
      last_error TEXT, outcome TEXT NOT NULL DEFAULT '[]', UNIQUE (tenant_id, provider, delivery_id), UNIQUE (tenant_id, provider, body_digest))`);
    old
      .prepare(
        `INSERT INTO webhook_deliveries (tenant_id, provider, delivery_id, body_digest, body, received_at, status, next_attempt_at) VALUES ('default', 'standard', 'd-0', 'x', x'7b7d', '2026-01-01T00:00:00.000Z', 'PENDING', '2026-01-01T00:00:00.000Z')`,
      )
      .run();
    old.close();
    const inbox = new SqliteDeliveryInbox(file);
    expect(await inbox.get(1)).toMatchObject({ deliveryId: 'd-0', replays: 0, bodyErased: false });
    expect(await inbox.claimMany([1], '2026-01-01T00:00:00.000Z', '2026-01-01T00:05:00.000Z')).toMatchObject([{ seq: 1 }]);
    await inbox.close();
  });
});
