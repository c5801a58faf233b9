// The delivery inbox on a real SQLite file: duplicates, replays, and the erasure of bodies after
// the retention, which keeps what duplicates are recognised by.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeliveryInbox } from './delivery-inbox';

describe('DeliveryInbox', () => {
  let dir: string;
  let inbox: DeliveryInbox;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rolebook-inbox-'));
    inbox = new DeliveryInbox(join(dir, 'webhooks.db'));
  });
  afterEach(() => {
    inbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const record = (deliveryId: string, body: string, receivedAt: string) =>
    inbox.record({ tenantId: 'default', provider: 'standard', deliveryId, body: Buffer.from(body), receivedAt })!;

  it('recognises a duplicate by delivery id and by body', () => {
    record('d-1', '{"a":1}', '2026-01-01T00:00:00.000Z');
    expect(
      inbox.record({ tenantId: 'default', provider: 'standard', deliveryId: 'd-1', body: Buffer.from('{"other":1}'), receivedAt: '2026-01-02T00:00:00.000Z' }),
    ).toBeNull();
    expect(
      inbox.record({ tenantId: 'default', provider: 'standard', deliveryId: 'd-2', body: Buffer.from('{"a":1}'), receivedAt: '2026-01-02T00:00:00.000Z' }),
    ).toBeNull();
    expect(
      inbox.record({ tenantId: 'other', provider: 'standard', deliveryId: 'd-1', body: Buffer.from('{"a":1}'), receivedAt: '2026-01-02T00:00:00.000Z' }),
    ).not.toBeNull();
  });

  it('erases the bodies of deliveries done before the cutoff only, still recognises their redelivery, and refuses to replay them', () => {
    const processed = record('old-processed', '{"n":1}', '2026-01-01T00:00:00.000Z');
    const dead = record('old-dead', '{"n":2}', '2026-01-01T00:00:00.000Z');
    const pending = record('old-pending', '{"n":3}', '2026-01-01T00:00:00.000Z');
    const recent = record('recent', '{"n":4}', '2026-03-01T00:00:00.000Z');
    inbox.processed(processed.seq, []);
    inbox.failed(dead.seq, 'UNKNOWN_EMPLOYEE', null);
    inbox.processed(recent.seq, []);

    expect(inbox.eraseBodies('2026-02-01T00:00:00.000Z')).toBe(2);
    expect(inbox.eraseBodies('2026-02-01T00:00:00.000Z')).toBe(0);
    for (const seq of [processed.seq, dead.seq]) expect(inbox.get(seq)).toMatchObject({ bodyErased: true, body: Buffer.alloc(0) });
    expect(inbox.get(pending.seq)).toMatchObject({ bodyErased: false, body: Buffer.from('{"n":3}') });
    expect(inbox.get(recent.seq)).toMatchObject({ bodyErased: false, body: Buffer.from('{"n":4}') });

    expect(
      inbox.record({ tenantId: 'default', provider: 'standard', deliveryId: 'new-id', body: Buffer.from('{"n":1}'), receivedAt: '2026-03-02T00:00:00.000Z' }),
    ).toBeNull();
    expect(inbox.replay(dead.seq, '2026-03-02T00:00:00.000Z')).toMatchObject({ status: 'DEAD', replays: 0 });
  });

  it('replays with a fresh round of attempts, counting replays', () => {
    const d = record('d-1', '{"a":1}', '2026-01-01T00:00:00.000Z');
    inbox.failed(d.seq, 'UNKNOWN_EMPLOYEE', null);
    expect(inbox.replay(d.seq, '2026-01-02T00:00:00.000Z')).toMatchObject({
      status: 'PENDING',
      attempts: 0,
      replays: 1,
      nextAttemptAt: '2026-01-02T00:00:00.000Z',
    });
  });

  it('opens an inbox made before replays were counted and bodies erased, adding the columns', () => {
    inbox.close();
    const file = join(dir, 'old.db');
    const old = new Database(file);
    old.exec(`CREATE TABLE webhook_deliveries (seq INTEGER PRIMARY KEY AUTOINCREMENT, tenant_id TEXT NOT NULL, provider TEXT NOT NULL, delivery_id TEXT NOT NULL,
      body_digest TEXT NOT NULL, body BLOB NOT NULL, received_at TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT,
      last_error TEXT, outcome TEXT NOT NULL DEFAULT '[]', UNIQUE (tenant_id, provider, delivery_id), UNIQUE (tenant_id, provider, body_digest))`);
    old
      .prepare(
        `INSERT INTO webhook_deliveries (tenant_id, provider, delivery_id, body_digest, body, received_at, status) VALUES ('default', 'standard', 'd-0', 'x', x'7b7d', '2026-01-01T00:00:00.000Z', 'PROCESSED')`,
      )
      .run();
    old.close();
    inbox = new DeliveryInbox(file);
    expect(inbox.get(1)).toMatchObject({ deliveryId: 'd-0', replays: 0, bodyErased: false });
  });
});
