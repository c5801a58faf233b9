// The command path alone (issue #14's writes target): generates an org through OrgCommands as
// bench/generate-org.ts does and prints commands/s and CPU ms per command, beside the raw durable
// single-event append rate measured in the same run. Run under `node --cpu-prof` to profile.
// BENCH_PEOPLE (default 2000), BENCH_ROUNDS (default 12), BENCH_CONCURRENCY (default 16).
import { composeRolebook } from '@rolebook/runtime';
import { SqliteEventStore } from '@rolebook/event-store';
import { SqliteDataKeyStore } from '@rolebook/privacy';
import { openReadModelDb } from '@rolebook/projections';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateOrg } from './generate-org';
import { rate } from './figures';
import { durableAppendRate } from './yardsticks';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 2_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12);

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rolebook-commands-'));
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load ${load()}`);
  let now = 0;
  const rb = composeRolebook({
    secret: 'bench-installation-secret-0123456789abcdef',
    store: new SqliteEventStore({ filename: join(dir, 'events.db'), clock: () => new Date(now) }),
    keys: new SqliteDataKeyStore(join(dir, 'keys.db')),
    readModelDb: openReadModelDb(join(dir, 'read-model.db')),
    clock: () => new Date(now),
  });
  const cpu0 = process.cpuUsage();
  const org = await generateOrg(rb.commands, {
    people: PEOPLE,
    rounds: ROUNDS,
    tenantId: 'bench',
    setNow: (ms) => (now = ms),
    concurrency: Number(process.env.BENCH_CONCURRENCY ?? 16),
  });
  const cpu = process.cpuUsage(cpu0);
  const events = (await rb.store.headPosition()) ?? 0;
  await rb.close();
  const writes = org.commands / org.seconds;
  const durable = durableAppendRate(dir, join(dir, 'events.db'));
  console.log(
    `${PEOPLE} people, ${ROUNDS} rounds: ${rate(org.commands)} commands (${rate(org.refused)} refused), ${rate(events)} events in ${org.seconds.toFixed(1)} s`,
  );
  console.log(`commands/s: ${rate(writes)}`);
  console.log(
    `CPU per command: ${((cpu.user + cpu.system) / 1000 / org.commands).toFixed(3)} ms (user ${(cpu.user / 1000 / org.commands).toFixed(3)}, system ${(cpu.system / 1000 / org.commands).toFixed(3)})`,
  );
  console.log(`raw durable single appends: ${rate(durable)} rows/s; ratio ${(writes / durable).toFixed(2)}×; load ${load()}`);
  if (process.env.BENCH_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
};

void main();
