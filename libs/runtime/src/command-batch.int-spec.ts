// CommandBatch on a real Rolebook: commands decided together and appended in one go, several on
// one stream in turn, a retried batch a no-op, and a concurrent writer met at flush time.
import { tempRolebook, ctx, type TempRolebook } from './testing/temp-rolebook';

let rb: TempRolebook;
beforeEach(() => (rb = tempRolebook()));
afterEach(() => rb.dispose());

const at = { asOf: '2026-06-01T12:00:00.000Z', knownAt: null };
const TEAM = '00000000-0000-4000-8000-00000000000a';
const person = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

it('appends a batch in one go, deciding the commands on one stream in turn, and replays it when run again', async () => {
  await rb.commands.createTeam({ id: TEAM, name: 'Payments' }, ctx({ idempotencyKey: 'team' }));
  const write = async () => {
    const batch = rb.commands.batch();
    const results = [1, 2, 3].flatMap((n) => [
      batch.commands.registerPerson({ id: person(n), name: `P${n}`, email: null, title: 'Engineer' }, ctx({ idempotencyKey: `reg-${n}` })),
      batch.commands.updatePerson({ personId: person(n), title: 'Senior Engineer' }, ctx({ idempotencyKey: `upd-${n}` })),
    ]);
    await batch.flush();
    return Promise.all(results);
  };
  const head = await rb.store.headPosition();
  const first = await write();
  expect(first.map((r) => [r.version, r.changed])).toEqual([
    [1, true],
    [2, true],
    [1, true],
    [2, true],
    [1, true],
    [2, true],
  ]);
  // one append for the three streams: their events are consecutive in the log
  const all = await rb.store.readAll({ after: head, limit: 100 });
  expect(all.map((e) => e.stream.split('/').at(-1))).toEqual([person(1), person(1), person(2), person(2), person(3), person(3)]);
  expect(rb.queries.person('acme', person(2), at)!.state.title).toBe('Senior Engineer');
  const again = await write();
  expect(again.every((r) => !r.changed)).toBe(true);
  expect(await rb.store.headPosition()).toBe(all.at(-1)!.position);
});

it('runs the batch again command by command when another writer came between decision and flush', async () => {
  await rb.commands.registerPerson({ id: person(1), name: 'P1', email: null, title: 'Engineer' }, ctx({ idempotencyKey: 'reg' }));
  const batch = rb.commands.batch();
  const update = batch.commands.updatePerson({ personId: person(1), title: 'Staff Engineer' }, ctx({ idempotencyKey: 'batched' }));
  const other = batch.commands.registerPerson({ id: person(2), name: 'P2', email: null, title: null }, ctx({ idempotencyKey: 'reg-2' }));
  // decided, not written yet: another writer appends to the same stream meanwhile
  await new Promise((resolve) => setTimeout(resolve, 50));
  await rb.commands.updatePerson({ personId: person(1), name: 'P One' }, ctx({ idempotencyKey: 'by-hand' }));
  await batch.flush();
  expect(await update).toMatchObject({ version: 3, changed: true });
  expect(await other).toMatchObject({ version: 1, changed: true });
  expect(rb.queries.person('acme', person(1), at)!.state).toMatchObject({ name: 'P One', title: 'Staff Engineer' });
});

it('refuses a batched command without an idempotency key', async () => {
  const batch = rb.commands.batch();
  await expect(batch.commands.registerPerson({ name: 'P', email: null, title: null }, ctx({ idempotencyKey: null }))).rejects.toThrow(
    'a batched command needs an idempotency key',
  );
});
