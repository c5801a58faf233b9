// The benchmark (npm run bench; not part of npm test): generates a realistic org through the
// command path, then prints one line per figure of issue #14 beside its target and a yardstick
// measured in the same run. BENCH_PEOPLE (default 10000) sizes the org, BENCH_EVENTS (default
// 50 per person: what fits in 15 minutes today; 1000000 is issue #14's million) its five years of
// history, BENCH_ROUNDS (instead) the rounds of changes; BENCH_HTTP=0 skips the figures that need the API process (HTTP and webhooks);
// BENCH_KEEP=1 keeps the data directory.
import { composeRolebook } from '@rolebook/runtime';
import { SqliteEventStore } from '@rolebook/event-store';
import { SqliteDataKeyStore } from '@rolebook/privacy';
import { openReadModelDb } from '@rolebook/projections';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateOrg, randomSource } from './generate-org';
import { readFigures } from './read-figures';
import { Report, rate, sample } from './figures';
import { bulkInsertRate, durableAppendRate, readAndParseRate } from './yardsticks';
import { driftFigures } from './drift-figures';
import { httpFigures } from './http-figures';
import { webhookFigures } from './webhook-figures';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 10_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? PEOPLE * 50);
const ROUNDS = process.env.BENCH_ROUNDS ? Number(process.env.BENCH_ROUNDS) : undefined;
const HTTP = process.env.BENCH_HTTP !== '0';
const T = 'bench';

const main = async () => {
  const began = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'rolebook-bench-'));
  const report = new Report();
  console.log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const size = ROUNDS ? `${ROUNDS} rounds of changes` : `about ${rate(EVENTS)} events`;
  console.log(`Generating ${rate(PEOPLE)} people through the command path, ${size} over five years, in ${dir} ...`);

  let now = 0;
  const cpuBefore = process.cpuUsage();
  const rb = composeRolebook({
    secret: 'bench-installation-secret-0123456789abcdef',
    store: new SqliteEventStore({ filename: join(dir, 'events.db'), clock: () => new Date(now) }),
    keys: new SqliteDataKeyStore(join(dir, 'keys.db')),
    readModelDb: openReadModelDb(join(dir, 'read-model.db')),
    clock: () => new Date(now),
  });
  const org = await generateOrg(rb.commands, {
    people: PEOPLE,
    events: EVENTS,
    rounds: ROUNDS,
    tenantId: T,
    setNow: (ms) => (now = ms),
    // commands in flight at once, as concurrent requests to a server (1: one after the other)
    concurrency: Number(process.env.BENCH_CONCURRENCY ?? 16),
  });
  const events = (await rb.store.headPosition()) ?? 0;
  // CPU time is what a loaded machine distorts least: events per CPU second is the rate on a quiet one, if nothing waits on the disk
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const generated = `${rate(events)} events from ${rate(org.commands)} commands (${rate(org.refused)} refused by the rules), ${rate(org.people.length)} people ever, ${rate(org.stayers.length)} at the end, ${org.rounds} rounds; generated in ${org.seconds.toFixed(0)} s at ${rate(events / org.seconds)} events/s (CPU ${cpuSeconds.toFixed(0)} s: ${rate(events / cpuSeconds)} events per CPU second)`;
  console.log(`\n*** History: ${generated} (load ${loadavg()[0]!.toFixed(1)}) ***`);
  console.log(`Refused: ${JSON.stringify(org.refusedBy)}\n`);

  const eventsFile = join(dir, 'events.db');
  // how long each part of the run takes, to size the default to the 15 minutes
  const laps: string[] = [`generate ${org.seconds.toFixed(0)} s`];
  let lapAt = performance.now();
  const lap = (part: string) => {
    const t = performance.now();
    laps.push(`${part} ${((t - lapAt) / 1000).toFixed(0)} s`);
    lapAt = t;
  };
  const writes = org.commands / org.seconds;
  const durable = durableAppendRate(dir, eventsFile);
  const bulk = bulkInsertRate(dir, eventsFile);
  report.add({
    figure: 'writes through the command path',
    value: `${rate(writes)} commands/s (${rate(events / org.seconds)} events/s)`,
    target: '≥ 0.5× raw durable append',
    yardstick: `raw durable single appends ${rate(durable)} rows/s; bulk inserts ${rate(bulk)} rows/s`,
    ratio: writes / durable,
    met: writes / durable >= 0.5,
  });

  // in-process reads at random instants on both axes, then the event queries
  lap('yardsticks');
  await readFigures(report, rb.queries, T, org);
  const { pick } = randomSource(11);
  report.timing('history(person, first: 20)', await sample(1000, () => rb.events.history(T, pick(org.people), { first: 20, after: null })));
  report.timing(
    'auditLog(types: [ManagerSet], first: 50)',
    await sample(200, () => rb.events.auditLog(T, { types: ['ManagerSet'] }, { first: 50, after: null })),
  );

  // the drift check, in process: the first records thousands of findings, then repeats and checks after a few changes
  lap('reads');
  now = org.end;
  await driftFigures(report, rb, {
    tenantId: T,
    people: org.stayers,
    advance: (ms) => (now += ms),
    now: () => now,
  });
  await rb.close();
  lap('drift');

  const readModelBytes = statSync(join(dir, 'read-model.db')).size + (statSync(join(dir, 'read-model.db-wal'), { throwIfNoEntry: false })?.size ?? 0);
  const parse = readAndParseRate(eventsFile);
  const rebuilt = JSON.parse(
    execFileSync(process.execPath, [join(__dirname, 'rebuild-child.js'), dir], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop()!,
  ) as {
    events: number;
    seconds: number;
    tenths: number[];
    versions: number;
    bytes: number;
    maxRssMb: number;
  };
  lap('read + parse, rebuild');
  const rebuildRate = rebuilt.events / rebuilt.seconds;
  const flat = Math.min(...rebuilt.tenths) / Math.max(...rebuilt.tenths);
  report.add({
    figure: 'rebuild from zero',
    value: `${rate(rebuildRate)} events/s (${rebuilt.seconds.toFixed(1)} s; per tenth of the log ${rebuilt.tenths.map(rate).join(', ')}; peak RSS ${rebuilt.maxRssMb} MB)`,
    target: '≥ 0.3× read + parse, flat, peak RSS ≤ 1024 MB',
    yardstick: `read + JSON.parse ${rate(parse.perSecond)} rows/s`,
    ratio: rebuildRate / parse.perSecond,
    met: rebuildRate / parse.perSecond >= 0.3 && flat >= 0.7 && rebuilt.maxRssMb <= 1024,
  });
  const eventsBytes = statSync(eventsFile).size;
  report.add({
    figure: 'read model on disk',
    value: `${rate(rebuilt.bytes / 2 ** 20)} MB rebuilt (${rate(rebuilt.bytes / rebuilt.events)} B/event; ${rate(rebuilt.versions)} versions), ${rate(readModelBytes / 2 ** 20)} MB live`,
    target: '≤ 1 kB per event',
    yardstick: `events file ${rate(eventsBytes / 2 ** 20)} MB`,
    ratio: rebuilt.bytes / eventsBytes,
    met: rebuilt.bytes / rebuilt.events <= 1024,
  });

  // its first half changes titles: people who never leave
  if (HTTP) await httpFigures(report, { dir, tenantId: T, people: org.stayers });
  if (HTTP) await webhookFigures(report);
  if (HTTP) lap('HTTP, webhooks');

  const minutes = (performance.now() - began) / 60_000;
  const markdown = [
    `Command: \`BENCH_PEOPLE=${PEOPLE} ${ROUNDS ? `BENCH_ROUNDS=${ROUNDS}` : `BENCH_EVENTS=${EVENTS}`} npm run bench\``,
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; load average at the end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
    `History: ${generated}; ${rate(rebuilt.versions)} read-model versions`,
    `Whole run: ${minutes.toFixed(1)} min (${laps.join(', ')})`,
    '',
    report.markdown(),
  ].join('\n');
  writeFileSync(join(process.cwd(), 'bench', 'last-run.md'), `${markdown}\n`);
  console.log(`\n${markdown}\n\n(written to bench/last-run.md)`);
  console.log(`\n*** ${rate(events)} events generated at ${rate(events / org.seconds)} events/s; whole run ${minutes.toFixed(1)} min ***`);
  if (process.env.BENCH_KEEP === '1') console.log(`Kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
};

void main();
