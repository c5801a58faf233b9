// Run by the benchmark in a process of its own, so that its peak RSS is the rebuild's alone:
// rebuilds a read model from the log in DATA_DIR, as `rolebook rebuild` does, and prints the
// figures as one JSON line (events/s overall and per tenth of the log, to see whether it stays flat;
// the CPU seconds and events per CPU second per tenth too, steadier than the elapsed time on a loaded machine).
// REBUILD_CACHED_EVENTS bounds the entity cache (as the live projector does) instead of the rebuild's default.
import { SqliteEventStore } from '@rolebook/event-store';
import { SqliteDataKeyStore } from '@rolebook/privacy';
import { openReadModelDb, rebuildReadModel } from '@rolebook/projections';
import { sealingStore } from '@rolebook/runtime';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const main = async () => {
  const dir = process.argv[2]!;
  const keys = new SqliteDataKeyStore(join(dir, 'keys.db'));
  const { store } = sealingStore(new SqliteEventStore({ filename: join(dir, 'events.db') }), keys);
  const file = join(dir, 'rebuilt.db');
  const db = openReadModelDb(file);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const tenths: number[] = [];
  const cpuTenths: number[] = [];
  let mark = { at: t0, cpu: cpu0, applied: 0 };
  const cachedEvents = process.env.REBUILD_CACHED_EVENTS ? Number(process.env.REBUILD_CACHED_EVENTS) : undefined;
  const done = await rebuildReadModel(store, db, {
    cachedEvents,
    onProgress: (p) => {
      if (p.applied - mark.applied >= p.head / 10) {
        const now = performance.now();
        const used = process.cpuUsage(mark.cpu);
        tenths.push(Math.round((p.applied - mark.applied) / ((now - mark.at) / 1000)));
        cpuTenths.push(Math.round((p.applied - mark.applied) / ((used.user + used.system) / 1e6)));
        mark = { at: now, cpu: process.cpuUsage(), applied: p.applied };
      }
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const versions = (db.prepare('SELECT COUNT(*) AS n FROM versions').get() as { n: number }).n;
  db.close();
  await store.close();
  await keys.close();
  const bytes = statSync(file).size;
  console.log(
    JSON.stringify({
      events: done.applied,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      tenths,
      cpuTenths,
      versions,
      bytes,
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
};

void main();
