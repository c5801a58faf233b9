// A read model rebuilt beside the live one takes over while commands go on (rebuild --beside):
// the answers after the switch are those before plus the changes made meanwhile, no event is lost
// or applied twice (the switched-to model equals a rebuild of the whole log), every event is told
// to the listeners once and in order, and what held the queries (commands, drift) goes on working.
import { openReadModelDb, rebuildReadModel, type ReadModelDb } from '@rolebook/projections';
import { dumpReadModel } from '@rolebook/projections/testing';
import { join } from 'node:path';
import { ctx, tempRolebook, type TempRolebook } from './testing/temp-rolebook';

const at = { asOf: '2026-06-01T12:00:00.000Z', knownAt: null };
const all = { first: 500, after: null };

describe('switching to a read model rebuilt beside the live one', () => {
  let rb: TempRolebook;
  const opened: ReadModelDb[] = [];
  const open = (file: string) => {
    const db = openReadModelDb(join(rb.dir, file));
    opened.push(db);
    return db;
  };
  const person = async (name: string) => (await rb.commands.registerPerson({ name, effectiveAt: '2026-01-01T00:00:00.000Z' }, ctx())).id;
  const names = () => rb.queries.people('acme', at, {}, all).items.map((edge) => edge.node.state.name);

  beforeEach(() => (rb = tempRolebook()));
  afterEach(async () => {
    for (const db of opened.splice(0)) if (db.open) db.close();
    await rb.dispose();
  });

  it('answers what it answered plus the changes made while it caught up, each event applied once and told once', async () => {
    const boss = await person('Boss');
    for (let i = 0; i < 20; i++)
      await rb.commands.setManager({ personId: await person(`Report ${i}`), managerId: boss, effectiveAt: '2026-02-01T00:00:00.000Z' }, ctx());
    const before = { names: names(), stats: rb.queries.stats('acme', at), reports: rb.queries.directReports('acme', boss, at).length };
    const diff = () => rb.queries.diff('acme', '2025-06-01T00:00:00.000Z', at.asOf, null);
    const diffBefore = diff();
    const told: number[] = [];
    rb.projector.onApplied((position) => told.push(position));

    const next = open('read-model.rebuilt.db');
    await rebuildReadModel(rb.store, next);
    // written after the rebuild: the switch brings the new model up to them while the live one answers
    const during = Promise.all(Array.from({ length: 10 }, (_, i) => person(`Hired during ${i}`)));
    const switched = rb.switchReadModel(next);
    const answered = names(); // still the live model: not one answer from the half-caught-up one
    await Promise.all([during, switched]);
    const after = await person('Hired after');
    await rb.projector.catchUp();

    expect(answered.slice(0, before.names.length)).toEqual(before.names);
    expect(names()).toEqual(expect.arrayContaining([...before.names, ...Array.from({ length: 10 }, (_, i) => `Hired during ${i}`), 'Hired after']));
    expect(names()).toHaveLength(before.names.length + 11);
    expect(rb.queries.stats('acme', at)).toEqual({
      ...before.stats,
      headcount: before.stats.headcount + 11,
      unassignedPeople: before.stats.unassignedPeople + 11,
    });
    expect(rb.queries.directReports('acme', boss, at)).toHaveLength(before.reports);
    expect(rb.queries.person('acme', after, at)?.state.name).toBe('Hired after');
    // the diff's in-memory columns were read from the new model: its eleven hires are in it
    expect(diff()).toEqual(expect.arrayContaining(diffBefore));
    const added = (changes: ReturnType<typeof diff>) => changes.filter((c) => c.section === 'people' && c.kind === 'added').length;
    expect(added(diff())).toBe(added(diffBefore) + 11);
    // the listeners heard every event after they listened, once, in order
    const head = (await rb.store.headPosition())!;
    expect(told).toEqual(Array.from({ length: told.length }, (_, i) => head - told.length + 1 + i));
    // nothing lost or applied twice: the switched-to model is a rebuild of the whole log
    const fresh = open('read-model.check.db');
    await rebuildReadModel(rb.store, fresh);
    expect(dumpReadModel(next)).toEqual(dumpReadModel(fresh));
    // a drift check reads the new model too
    await expect(rb.drift.runCheck('acme', 'manual')).resolves.toMatchObject({ trigger: 'manual' });
  }, 30_000);

  it('closes the replaced database once the work on it is done', async () => {
    await person('Ada');
    const next = open('read-model.rebuilt.db');
    await rebuildReadModel(rb.store, next);
    const live = open('read-model.db'); // a second connection, to see the file the projector wrote
    const { previousClosed } = await rb.switchReadModel(next);
    await person('Grace');
    await previousClosed;
    expect(names()).toEqual(expect.arrayContaining(['Ada', 'Grace']));
    // the replaced file stopped at the switch
    expect(live.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM versions WHERE kind = 'person'").get()!.n).toBe(1);
  }, 30_000);

  it('refuses a read model that cannot be brought up, and goes on with the one in use', async () => {
    await person('Ada');
    const next = open('read-model.rebuilt.db');
    next.exec('DROP TABLE versions'); // not a read model any more: applying an event fails
    const refused = await rb.switchReadModel(next).then(
      () => 'switched',
      (error: unknown) => String(error),
    );
    expect(refused).toMatch(/no such table: versions/);
    expect(next.open).toBe(false);
    await person('Grace');
    expect(names()).toEqual(expect.arrayContaining(['Ada', 'Grace']));
  }, 30_000);
});
