// The HRIS delivery inbox's throughput on each adapter: deliveries recorded (what a webhook waits
// for before its 202), and claimed then marked processed (what each attempt adds), one at a time
// and 8 at once; and in groups of 20: recorded with recordMany (the webhook's group commit when 20
// senders' deliveries arrive in one turn of the event loop), claimed and settled with claimMany and
// settleMany (the processor's group). Prints one line per figure; the SQLite file is the yardstick of the same run.
// Run: npm run build && node dist/bench/delivery-inbox.bench.js (BENCH_DELIVERIES, default 2000;
// BENCH_DATABASE_URL, default the test database: a scratch schema is made and dropped).
import { PostgresDeliveryInbox, SqliteDeliveryInbox, type DeliveryInbox } from '@rolebook/hris';
import { openPool } from '@rolebook/postgres';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { rate } from './figures';

const N = Number(process.env.BENCH_DELIVERIES ?? 2000);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CONCURRENCY = 8;
const GROUP = 20;

const body = (i: number) => Buffer.from(JSON.stringify({ type: 'employee.updated', data: { employeeId: `E${i}`, title: 'Product Manager' } }));

/** Runs `work(i)` for i in [from, to) with `concurrency` at a time; answers per second. */
const perSecond = async (from: number, to: number, concurrency: number, work: (i: number) => Promise<unknown>): Promise<number> => {
  const t0 = performance.now();
  let next = from;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < to) await work(next++);
    }),
  );
  return ((to - from) / (performance.now() - t0)) * 1000;
};

const measure = async (name: string, inbox: DeliveryInbox): Promise<void> => {
  const now = () => new Date().toISOString();
  const half = Math.floor(N / 2);
  const delivery = (i: number) => ({ tenantId: 'bench', provider: 'standard' as const, deliveryId: `d-${i}`, body: body(i), receivedAt: now() });
  const record = (i: number) => inbox.record(delivery(i));
  const attempt = async (seq: number) => {
    await inbox.claimMany([seq], now(), new Date(Date.now() + 30_000).toISOString());
    await inbox.processed(seq, [`updated p-${seq}`]);
  };
  /** A group as the processor takes it: one claim, one settlement for all. */
  const attemptGroup = async (group: number[]) => {
    const claimed = await inbox.claimMany(group, now(), new Date(Date.now() + 30_000).toISOString());
    await inbox.settleMany(claimed.map((d) => ({ seq: d.seq, status: 'PROCESSED' as const, outcome: [`updated p-${d.seq}`] })));
  };
  const seqs: number[] = [];
  const recordOne = async (i: number) => seqs.push((await record(i))!.seq);
  const recorded1 = await perSecond(0, half, 1, recordOne);
  const recorded8 = await perSecond(half, N, CONCURRENCY, recordOne);
  const processed1 = await perSecond(0, half, 1, (i) => attempt(seqs[i]!));
  const processed8 = await perSecond(half, N, CONCURRENCY, (i) => attempt(seqs[i]!));
  const groups = await perSecond(0, Math.ceil(N / GROUP), 1, (g) => inbox.recordMany(Array.from({ length: GROUP }, (_, j) => delivery(N + g * GROUP + j))));
  const grouped: number[] = [];
  for (let g = 0; g < Math.ceil(N / GROUP); g++)
    grouped.push((await inbox.recordMany(Array.from({ length: GROUP }, (_, j) => delivery(2 * N + g * GROUP + j))))[0]!.seq);
  const processedGroups = await perSecond(0, grouped.length, 1, (g) => attemptGroup(Array.from({ length: GROUP }, (_, j) => grouped[g]! + j)));
  console.log(
    `${name.padEnd(10)} recorded: ${rate(recorded1)}/s one at a time, ${rate(recorded8)}/s ${CONCURRENCY} at once, ${rate(groups * GROUP)}/s in groups of ${GROUP}; claimed + processed: ${rate(processed1)}/s, ${rate(processed8)}/s, ${rate(processedGroups * GROUP)}/s in groups of ${GROUP}`,
  );
};

const main = async () => {
  console.log(`delivery inbox, ${N} deliveries per adapter; load average ${loadavg()[0]!.toFixed(1)} at the start`);
  const dir = mkdtempSync(join(tmpdir(), 'rolebook-bench-inbox-'));
  const sqlite = new SqliteDeliveryInbox(join(dir, 'webhooks.db'));
  try {
    await measure('SQLite', sqlite);
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const schema = `bench_${randomUUID().replace(/-/g, '')}`;
  const admin = openPool(DATABASE_URL, 1);
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pool = openPool(`${DATABASE_URL}${DATABASE_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`, CONCURRENCY);
  try {
    await measure('PostgreSQL', await PostgresDeliveryInbox.open(pool));
  } finally {
    await pool.end();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
  console.log(`load average ${loadavg()[0]!.toFixed(1)} at the end`);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
