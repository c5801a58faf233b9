import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { testEventStore } from '../testing/event-store.contract';
import { DuplicateEventId, SqliteEventStore } from './sqlite-event-store';

const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'rolebook-es-'));
  return { filename: join(dir, 'events.db'), dispose: () => rmSync(dir, { recursive: true, force: true }) };
};

testEventStore('sqlite', async () => {
  const { filename, dispose } = tempFile();
  return { connect: async () => new SqliteEventStore({ filename, pollIntervalMs: 20 }), dispose: async () => dispose() };
});

describe('SqliteEventStore specifics', () => {
  it('keeps acknowledged events across a reopen of the file', async () => {
    const { filename, dispose } = tempFile();
    const first = new SqliteEventStore({ filename });
    await first.append('t1/a/1', [{ id: randomUUID(), type: 'X', data: {}, metadata: {} }], 'no_stream');
    await first.close();
    const reopened = new SqliteEventStore({ filename });
    expect(await reopened.readStream('t1/a/1')).toHaveLength(1);
    await reopened.close();
    dispose();
  });

  it('refuses an event id already used by another stream', async () => {
    const store = new SqliteEventStore({ filename: ':memory:' });
    const id = randomUUID();
    await store.append('t1/a/1', [{ id, type: 'X', data: {}, metadata: {} }], 'no_stream');
    await expect(store.append('t1/a/2', [{ id, type: 'X', data: {}, metadata: {} }], 'no_stream')).rejects.toBeInstanceOf(DuplicateEventId);
    expect(await store.readStream('t1/a/2')).toEqual([]);
    await store.close();
  });

  it('never records an event earlier than the one before it, even when the clock goes back', async () => {
    let now = new Date('2026-05-01T00:00:00Z');
    const store = new SqliteEventStore({ filename: ':memory:', clock: () => now });
    await store.append('t1/a/1', [{ id: randomUUID(), type: 'X', data: {}, metadata: {} }], 'no_stream');
    now = new Date('2026-04-01T00:00:00Z');
    await store.append('t1/a/1', [{ id: randomUUID(), type: 'X', data: {}, metadata: {} }], 0);
    const [a, b] = await store.readStream('t1/a/1');
    expect(b!.recordedAt).toBe(a!.recordedAt);
    await store.close();
  });
});
