// HRIS webhook figures of issue #14, part of `npm run bench` (org-history.bench.ts) and runnable
// alone (`npm run build && node dist/bench/webhook-figures.js`): the built API in embedded mode
// (SQLite inbox, no Redis: deliveries are processed in the API process by one runner) on a data
// directory of its own receives BENCH_DELIVERIES (default 3,000) signed BambooHR deliveries, one
// new hire each, from BENCH_SENDERS (default 20) concurrent senders. Figures: deliveries answered
// 202 per second (each durably in the inbox before its answer: group commit) and deliveries
// processed end to end per second (from the first delivery sent to the last hire registered).
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { rate, Report } from './figures';

const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 3000);
const SENDERS = Number(process.env.BENCH_SENDERS ?? 20);
const KEY = 'bench-bamboohr-webhook-key';
/** Load average, 1/5/15 min. */
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

/** A BambooHR delivery of one hire, signed as BambooHR signs: hex HMAC-SHA256 of the body and the timestamp. */
const delivery = (i: number) => {
  const raw = JSON.stringify({
    employees: [
      { id: `bench-${i}`, action: 'Created', changedFields: [], fields: { firstName: 'Employee', lastName: `Number ${i}`, jobTitle: 'Product Manager' } },
    ],
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', KEY)
    .update(raw + timestamp)
    .digest('hex');
  return { raw, headers: { 'content-type': 'application/json', 'x-bamboohr-timestamp': timestamp, 'x-bamboohr-signature': signature } };
};

const startApi = (dir: string): Promise<{ stop: () => Promise<void>; url: string; output: () => string }> =>
  new Promise((resolve, reject) => {
    // BENCH_WEBHOOK_NODE_ARGS: node flags for the API child, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it
    const nodeArgs = (process.env.BENCH_WEBHOOK_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, join(__dirname, '../apps/api/src/main.js')], {
      env: {
        ...process.env,
        DATA_DIR: dir,
        PORT: '0',
        HOST: '127.0.0.1',
        DEMO_DATA: 'false',
        LOG_LEVEL: 'info', // the start line is said at info; a line per delivery too, as in production
        NODE_ENV: 'test',
        RATE_LIMIT_WEBHOOKS_PER_IP: '1000000',
        DRIFT_SCHEDULE_MS: '0',
        DRIFT_DEBOUNCE_MS: '600000',
        HRIS_INTEGRATIONS: JSON.stringify({ default: { bamboohr: { secrets: [KEY] } } }),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      // the start line is the last thing said before serving; keep only its tail afterwards
      const match = /Rolebook API listening on (http:\/\/localhost:\d+)/.exec(output);
      if (match)
        resolve({
          stop: () =>
            new Promise<void>((done) => {
              child.removeAllListeners('exit');
              child.once('exit', () => done());
              child.kill('SIGINT');
            }),
          url: match[1]!,
          output: () => output,
        });
      if (output.length > 1_000_000) output = output.slice(-100_000);
    });
    child.once('exit', (code) => reject(new Error(`the API exited (${code})`)));
  });

export const webhookFigures = async (report: Report): Promise<void> => {
  const dir = mkdtempSync(join(tmpdir(), 'rolebook-webhooks-'));
  const api = await startApi(dir);
  try {
    const key = /rbk_[0-9a-f]{24}_[A-Za-z0-9_-]{43}/.exec(api.output())?.[0];
    if (!key) throw new Error('no admin key was printed');
    const gql = async (query: string, variables?: Record<string, unknown>) => {
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    };
    const role = await gql('mutation { defineRole(input: { name: "Product Manager", purpose: "x", referenceRoleKey: "product-manager" }) { role { id } } }');
    if (role.errors) throw new Error(JSON.stringify(role.errors));
    console.log(`Load average ${load()}; ${DELIVERIES} signed BambooHR deliveries (one hire each) from ${SENDERS} concurrent senders ...`);

    const statuses = new Map<number, number>();
    let next = 0;
    const began = performance.now();
    const sender = async () => {
      for (let i = next++; i < DELIVERIES; i = next++) {
        const { raw, headers } = delivery(i);
        const response = await fetch(`${api.url}/webhooks/bamboohr`, { method: 'POST', headers, body: raw });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: SENDERS }, sender));
    const answered = (performance.now() - began) / 1000;
    const accepted = statuses.get(202) ?? 0;
    const acceptedRate = accepted / answered;
    report.add({
      figure: `HRIS webhooks accepted, ${SENDERS} concurrent senders`,
      value: `${rate(acceptedRate)} deliveries/s answered 202 (${accepted} in ${answered.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries(statuses))}; load ${load()})`,
      target: '≥ 2,000/s',
      met: acceptedRate >= 2000 && accepted === DELIVERIES,
    });

    // processed: every hire registered (the inbox processes in order, so the count tells progress)
    const hires = async () =>
      (
        (await gql('{ auditLog(filter: { source: "hris:bamboohr", types: ["PersonRegistered"] }) { totalCount } }')).data as {
          auditLog: { totalCount: number };
        }
      ).auditLog.totalCount;
    let done = await hires();
    const deadline = Date.now() + 180_000; // the whole bench stays under 15 min
    while (done < accepted && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      done = await hires();
    }
    const processed = (performance.now() - began) / 1000;
    const processedRate = done / processed;
    report.add({
      figure: 'HRIS webhooks processed end to end, one worker',
      value: `${rate(processedRate)} deliveries/s (${done} hires registered ${processed.toFixed(1)} s after the first was sent; load ${load()})`,
      target: '≥ 1,000/s',
      met: processedRate >= 1000 && done === accepted,
    });
  } finally {
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};

if (require.main === module) void webhookFigures(new Report());
