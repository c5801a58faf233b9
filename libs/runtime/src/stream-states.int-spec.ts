// The command path keeps each stream's folded state between commands (StreamStates): a state kept
// by one process must never decide once another process sharing the log has appended to the
// stream. Two Rolebooks on one events file stand for two API processes.
import { CommandExecutor, keyedRequestHasher } from '@rolebook/application';
import { SqliteEventStore } from '@rolebook/event-store';
import { ERASED, SqliteDataKeyStore } from '@rolebook/privacy';
import { openReadModelDb } from '@rolebook/projections';
import { join } from 'node:path';
import { composeRolebook, type Rolebook } from './compose';
import { ctx, tempRolebook, type TempRolebook } from './testing/temp-rolebook';

const P = '00000000-0000-4000-8000-000000000001';
const Q = '00000000-0000-4000-8000-000000000002';
const at = { asOf: '2026-06-01T12:00:00.000Z', knownAt: null };

let rb: TempRolebook;
let other: Rolebook;
beforeEach(async () => {
  rb = tempRolebook();
  other = composeRolebook({
    secret: 'test-installation-secret-0123456789abcdef',
    store: new SqliteEventStore({ filename: join(rb.dir, 'events.db'), pollIntervalMs: 20 }),
    keys: new SqliteDataKeyStore(join(rb.dir, 'keys.db')),
    readModelDb: openReadModelDb(join(rb.dir, 'read-model.other.db')),
  });
  await rb.commands.registerPerson({ id: P, name: 'Ada', email: null, title: 'Engineer' }, ctx());
  // this process has decided on the stream: its state is kept
  await rb.commands.updatePerson({ personId: P, title: 'Engineer' }, ctx());
});
afterEach(async () => {
  await other.close();
  await rb.dispose();
});

it('decides on what another process appended since: a change back is a change, not a no-op on the kept state', async () => {
  await other.commands.updatePerson({ personId: P, title: 'Manager' }, ctx());
  const result = await rb.commands.updatePerson({ personId: P, title: 'Engineer' }, ctx());
  expect(result).toMatchObject({ version: 3, changed: true });
  expect(rb.queries.person('acme', P, at)!.state.title).toBe('Engineer');
});

it('checks expectedVersion against the stream as it is now', async () => {
  await other.commands.updatePerson({ personId: P, title: 'Manager' }, ctx());
  await expect(rb.commands.updatePerson({ personId: P, title: 'Lead' }, ctx({ expectedVersion: 1 }))).rejects.toMatchObject({
    code: 'CONFLICT',
    reason: 'VERSION_MISMATCH',
  });
  expect(await rb.commands.updatePerson({ personId: P, title: 'Lead' }, ctx({ expectedVersion: 2 }))).toMatchObject({ version: 3, changed: true });
});

it('answers a request another process recorded as a replay, and refuses its key reused with other input', async () => {
  const first = await other.commands.updatePerson({ personId: P, title: 'Manager' }, ctx({ idempotencyKey: 'k1' }));
  const head = await rb.store.headPosition();
  expect(await rb.commands.updatePerson({ personId: P, title: 'Manager' }, ctx({ idempotencyKey: 'k1' }))).toEqual({ ...first, changed: false });
  await expect(rb.commands.updatePerson({ personId: P, title: 'Lead' }, ctx({ idempotencyKey: 'k1' }))).rejects.toMatchObject({
    reason: 'IDEMPOTENCY_KEY_REUSED',
  });
  expect(await rb.store.headPosition()).toBe(head);
});

it('replays a request it recorded itself from the kept state, appending nothing', async () => {
  const register = () => rb.commands.registerPerson({ id: Q, name: 'Grace', email: null, title: null }, ctx({ idempotencyKey: 'k2' }));
  const first = await register();
  const head = await rb.store.headPosition();
  expect(await register()).toEqual({ ...first, changed: false });
  expect(await rb.store.headPosition()).toBe(head);
});

it('refuses on the state another process left: a person it terminated takes no new title', async () => {
  await other.commands.terminatePerson({ personId: P }, ctx());
  await expect(rb.commands.updatePerson({ personId: P, title: 'Manager' }, ctx())).rejects.toMatchObject({ reason: 'PERSON_TERMINATED' });
});

it('learns an erasure another process made: the stream is read again whole, the name a placeholder, not the plain name kept', async () => {
  const executor = new CommandExecutor(rb.store, (p) => rb.projector.waitFor(p), keyedRequestHasher('test-installation-secret-0123456789abcdef'));
  expect(await executor.load('acme', 'person', P)).toMatchObject({ name: 'Ada' });
  await other.erasure.erase({ personId: P }, ctx({ reason: 'DSR-1' }));
  const state = await executor.load('acme', 'person', P);
  expect(state).toMatchObject({ name: ERASED });
  expect(state).toHaveProperty('erasedAt');
});
