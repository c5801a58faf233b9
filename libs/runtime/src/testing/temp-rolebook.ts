// A Rolebook on throwaway SQLite files (events, data keys, read model), with a settable clock, for integration tests.
import { SqliteEventStore } from '@rolebook/event-store';
import { SqliteDataKeyStore } from '@rolebook/privacy';
import { openReadModelDb } from '@rolebook/projections';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeRolebook, type Rolebook } from '../compose';
import type { RequestContext } from '@rolebook/application';

export interface TempRolebook extends Rolebook {
  dir: string;
  setNow(iso: string): void;
  reopen(): TempRolebook;
  dispose(): Promise<void>;
}

export const tempRolebook = (dir = mkdtempSync(join(tmpdir(), 'rolebook-'))): TempRolebook => {
  let now = new Date('2026-06-01T12:00:00.000Z');
  const clock = () => now;
  const rolebook = composeRolebook({
    secret: 'test-installation-secret-0123456789abcdef',
    store: new SqliteEventStore({ filename: join(dir, 'events.db'), clock, pollIntervalMs: 20 }),
    keys: new SqliteDataKeyStore(join(dir, 'keys.db')),
    readModelDb: openReadModelDb(join(dir, 'read-model.db')),
    clock,
  });
  return {
    ...rolebook,
    dir,
    setNow: (iso) => void (now = new Date(iso)),
    reopen: () => tempRolebook(dir),
    dispose: async () => {
      await rolebook.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

export const ctx = (overrides: Partial<RequestContext> = {}): RequestContext => ({
  tenantId: 'acme',
  actor: 'tester',
  source: 'api',
  correlationId: 'corr-1',
  causationId: null,
  reason: null,
  idempotencyKey: null,
  expectedVersion: null,
  ...overrides,
});
