// Running the built API (and worker) as a user or an orchestrator does: logs as JSON lines on a
// pipe or readable with LOG_FORMAT=pretty, the start line, /health/ready naming each check, and
// SIGTERM finishing what is in flight before exiting 0 (or exiting 1 after SHUTDOWN_TIMEOUT_MS,
// saying what was still running).
import { randomUUID } from 'node:crypto';
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { adminKeyIn, API_READY, children, exited, start, startWorker, stop } from './support/built-app';
import { deleteQueueKeys, describeWithRedis, REDIS_URL } from './support/services';

const until = async (condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** A GraphQL request whose body is sent in two parts: the server is answering it from the first byte until the second part is in. */
const slowRequest = (url: string, key: string) => {
  const body = JSON.stringify({ query: '{ roles { totalCount } }' });
  const half = Math.floor(body.length / 2);
  let req!: ClientRequest;
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${key}` } },
      (res: IncomingMessage) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
  });
  req.write(body.slice(0, half));
  return { answer, finish: () => req.end(body.slice(half)), abort: () => req.destroy() };
};

const exitOf = (child: { exitCode: number | null; once: (event: 'exit', listener: (code: number | null) => void) => unknown }) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

describe('running the API', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'rolebook-shutdown-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('logs JSON lines on a pipe, says where it listens, is ready, and on SIGTERM finishes an in-flight request, refuses new connections and exits 0', async () => {
    const api = await start('api', { DATA_DIR: dataDir(), PORT: '0', DEMO_DATA: 'false', SHUTDOWN_TIMEOUT_MS: '10000' }, API_READY);
    const url = api.match[1]!;
    const base = url.replace(/\/graphql$/, '');
    const key = adminKeyIn(api.output());
    const started = api
      .output()
      .split('\n')
      .find((line) => line.includes('Rolebook API listening'))!;
    expect(JSON.parse(started)).toMatchObject({
      level: 30,
      msg: expect.stringMatching(/GraphQL and GraphiQL at http:\/\/localhost:\d+\/graphql, Ctrl-C to stop$/),
    });

    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ok',
      // no demo data: the log is empty
      checks: { eventStore: { status: 'ok', head: null }, projection: { status: 'ok', projected: null, lag: 0, maxLag: 1000 } },
    });

    const slow = slowRequest(url, key);
    await new Promise((r) => setTimeout(r, 300)); // the first part is in: the server is answering it
    const signalledAt = Date.now();
    api.child.kill('SIGTERM');
    await until(() => /shutting down/.test(api.output()), 'the shutdown to start');
    await expect(fetch(`${base}/health/live`)).rejects.toThrow(); // no new connection is accepted
    expect(api.child.exitCode).toBeNull(); // still finishing the request
    slow.finish();
    const answer = await slow.answer;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ data: { roles: { totalCount: 0 } } });
    expect(await exitOf(api.child)).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(api.output()).toMatch(/shut down cleanly/);
  }, 150_000);

  it('exits 1 after SHUTDOWN_TIMEOUT_MS when a request does not finish, saying so; LOG_FORMAT=pretty writes readable lines', async () => {
    const api = await start('api', { DATA_DIR: dataDir(), PORT: '0', DEMO_DATA: 'false', SHUTDOWN_TIMEOUT_MS: '1000', LOG_FORMAT: 'pretty' }, API_READY);
    expect(api.output()).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: Rolebook API listening on http:\/\/localhost:\d+ — /m);
    const stuck = slowRequest(api.match[1]!, adminKeyIn(api.output()));
    stuck.answer.catch(() => undefined); // the process exits under it
    await new Promise((r) => setTimeout(r, 300));
    const signalledAt = Date.now();
    api.child.kill('SIGTERM');
    expect(await exitOf(api.child)).toBe(1);
    const took = Date.now() - signalledAt;
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(5000);
    expect(api.output()).toMatch(/ERROR: shutdown took longer than 1000 ms: still 1 HTTP request\(s\) in flight; exiting anyway/);
    stuck.abort();
  }, 150_000);

  it('refuses an unknown LOG_FORMAT, naming it', async () => {
    await expect(start('api', { DATA_DIR: dataDir(), PORT: '0', LOG_FORMAT: 'yaml' }, /never/)).rejects.toThrow(/exited with 1[\s\S]*LOG_FORMAT/);
  }, 90_000);
});

describeWithRedis('running the API and the worker with Redis', () => {
  const prefix = `rbtest-shutdown-${randomUUID().slice(0, 8)}`;
  const dir = mkdtempSync(join(tmpdir(), 'rolebook-shutdown-redis-'));
  let connection: IORedis;
  beforeAll(() => (connection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null })));
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await deleteQueueKeys(connection, prefix);
    await connection.quit();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is ready only with Redis reachable, and both processes exit 0 on SIGTERM', async () => {
    const env = { DATA_DIR: dir, PORT: '0', DEMO_DATA: 'false', REDIS_URL, BULLMQ_PREFIX: prefix };
    const api = await start('api', env, API_READY);
    const worker = await startWorker(env);
    const ready = await fetch(`${api.match[1]!.replace(/\/graphql$/, '')}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', checks: { eventStore: { status: 'ok' }, projection: { status: 'ok' }, redis: { status: 'ok' } } });
    expect(await stop(worker)).toBe('code 0');
    expect(await stop(api.child)).toBe('code 0');
    await exited(api.child);
  }, 150_000);
});
