// A drift check runs inside the API process when there is no worker: it must give the event loop
// turns (after indexing the org, every few hundred subjects, before the rules over the whole org,
// and while its findings are projected), so requests are answered while it runs. The turns are
// counted, not timed.
import { ctx, tempRolebook, type TempRolebook } from './testing/temp-rolebook';

let rb: TempRolebook;
beforeEach(() => (rb = tempRolebook()));
afterEach(() => rb.dispose());

it('gives the event loop turns during a check', async () => {
  rb.setNow('2026-01-01T00:00:00.000Z');
  for (let i = 0; i < 5; i++) await rb.commands.defineRole({ name: `Vacant ${i}`, purpose: 'p' }, ctx());
  rb.setNow('2026-02-01T00:00:00.000Z');
  let turns = 0;
  let checking = true;
  const turn = () => {
    turns++;
    if (checking) setImmediate(turn);
  };
  setImmediate(turn);
  const run = await rb.drift.runCheck('acme', 'manual');
  checking = false;
  expect(run.detected).toBeGreaterThanOrEqual(5);
  expect(turns).toBeGreaterThanOrEqual(3);
});
