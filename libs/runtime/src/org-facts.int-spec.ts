// A decision catches the read model up once, however many facts it asks (setManager asks two),
// and not at all when it asks none.
import { CommandExecutor, OrgCommands, keyedRequestHasher, type OrgFacts } from '@rolebook/application';
import { OrgQueries, ReadModelFacts, openReadModelDb, type ReadModelDb } from '@rolebook/projections';
import { join } from 'node:path';
import { ctx, tempRolebook, type TempRolebook } from './testing/temp-rolebook';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [boss, report, other] = [uuid(1), uuid(2), uuid(3)];
const at = '2026-01-01T00:00:00.000Z';

describe('facts a command decides on', () => {
  let rb: TempRolebook;
  let catchUps: number;
  let commands: OrgCommands;
  let db: ReadModelDb;

  beforeEach(() => {
    rb = tempRolebook();
    catchUps = 0;
    // a second connection to the read model the projector writes
    db = openReadModelDb(join(rb.dir, 'read-model.db'));
    const facts = new ReadModelFacts(db, new OrgQueries(db), () => {
      catchUps++;
      return rb.projector.catchUp();
    });
    const counted: OrgFacts = { current: () => facts.current() };
    commands = new OrgCommands(
      new CommandExecutor(rb.store, (p) => rb.projector.waitFor(p), keyedRequestHasher('test-installation-secret-0123456789abcdef')),
      counted,
    );
  });
  afterEach(async () => {
    db.close();
    await rb.dispose();
  });

  it('catches up once for a decision that asks several facts, never for one that asks none', async () => {
    await commands.registerPerson({ id: boss, name: 'Boss', effectiveAt: at }, ctx());
    await commands.registerPerson({ id: report, name: 'Report', effectiveAt: at }, ctx());
    expect(catchUps).toBe(0);
    await commands.setManager({ personId: report, managerId: boss, effectiveAt: at }, ctx());
    expect(catchUps).toBe(1);
  });

  it('still decides on the facts: a manager who does not exist is refused', async () => {
    await commands.registerPerson({ id: report, name: 'Report', effectiveAt: at }, ctx());
    await expect(commands.setManager({ personId: report, managerId: other, effectiveAt: at }, ctx())).rejects.toMatchObject({ reason: 'MANAGER_NOT_FOUND' });
    expect(catchUps).toBe(1);
  });
});
