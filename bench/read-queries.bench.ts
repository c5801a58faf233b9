// The read figures alone, to iterate on the read side without generating an org each time.
//   node dist/bench/read-queries.bench.js generate DIR   generates an org (BENCH_PEOPLE, BENCH_ROUNDS) into DIR and keeps it
//   node dist/bench/read-queries.bench.js DIR            times the reads on a copy of DIR's read model (never writes in DIR);
//                                                        BENCH_REBUILD=1 rebuilds the copy from DIR's log first
import { composeRolebook, sealingStore } from '@rolebook/runtime';
import { SqliteEventStore } from '@rolebook/event-store';
import { SqliteDataKeyStore } from '@rolebook/privacy';
import { OrgQueries, openReadModelDb, rebuildReadModel } from '@rolebook/projections';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateOrg } from './generate-org';
import { Report, rate } from './figures';
import { readFigures, type ReadTargets } from './read-figures';

const T = 'bench';
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

const generate = async (dir: string) => {
  const people = Number(process.env.BENCH_PEOPLE ?? 10_000);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 12);
  mkdirSync(dir, { recursive: true });
  let now = 0;
  const rb = composeRolebook({
    secret: 'bench-installation-secret-0123456789abcdef',
    store: new SqliteEventStore({ filename: join(dir, 'events.db'), clock: () => new Date(now) }),
    keys: new SqliteDataKeyStore(join(dir, 'keys.db')),
    readModelDb: openReadModelDb(join(dir, 'read-model.db')),
    clock: () => new Date(now),
  });
  const org = await generateOrg(rb.commands, { people, rounds, tenantId: T, setNow: (ms) => (now = ms) });
  const events = (await rb.store.headPosition()) ?? 0;
  await rb.close();
  const targets: ReadTargets = { people: org.people, roles: org.roles, teams: org.teams, managers: org.managers, start: org.start, end: org.end };
  writeFileSync(join(dir, 'org.json'), JSON.stringify(targets));
  console.log(`${people} people: ${rate(events)} events from ${rate(org.commands)} commands in ${org.seconds.toFixed(0)} s, kept in ${dir}; load ${load()}`);
};

const measure = async (dir: string) => {
  const targets = JSON.parse(readFileSync(join(dir, 'org.json'), 'utf8')) as ReadTargets;
  const copy = mkdtempSync(join(tmpdir(), 'rolebook-reads-'));
  try {
    const file = join(copy, 'read-model.db');
    if (process.env.BENCH_REBUILD === '1') {
      const keys = new SqliteDataKeyStore(join(dir, 'keys.db'));
      const { store } = sealingStore(new SqliteEventStore({ filename: join(dir, 'events.db') }), keys);
      const db = openReadModelDb(file);
      const t0 = performance.now();
      const done = await rebuildReadModel(store, db);
      console.log(`rebuilt ${rate(done.applied)} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      db.close();
      await store.close();
      await keys.close();
    } else {
      for (const suffix of ['', '-wal'])
        if (existsSync(join(dir, `read-model.db${suffix}`))) copyFileSync(join(dir, `read-model.db${suffix}`), `${file}${suffix}`);
    }
    const t0 = performance.now();
    const db = openReadModelDb(file);
    const versions = (db.prepare('SELECT COUNT(*) AS n FROM versions').get() as { n: number }).n;
    console.log(
      `${targets.people.length} people, ${rate(versions)} versions; opened (schema and indexes) in ${(performance.now() - t0).toFixed(0)} ms; load ${load()}`,
    );
    await readFigures(new Report(), new OrgQueries(db), T, targets);
    console.log(`load at the end ${load()}`);
    db.close();
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
};

const [first, second] = process.argv.slice(2);
void (first === 'generate' ? generate(second!) : measure(first!));
