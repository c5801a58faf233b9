// The vendor HTTP helper's manners, against a local server: Retry-After in seconds and as an HTTP
// date, backoff without it, a cap on the total wait, a timeout per attempt, no retry of a 4xx, and
// errors that carry the status only.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { allPages, ProviderApiError, requestJson, retryAfterMs, type ProviderApi } from './provider-api';

describe('requestJson', () => {
  let server: Server;
  let url: string;
  // what the server answers next, in order; then 200 {"ok": true}
  let script: { status: number; headers?: Record<string, string>; body?: string; hang?: boolean }[] = [];
  let hits = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits += 1;
      const next = script.shift() ?? { status: 200, body: '{"ok": true}' };
      if (next.hang) return; // never answers: the client's timeout ends the attempt
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers }).end(next.body ?? '{"detail": "Grace Hopper is not allowed"}');
    }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });
  beforeEach(() => {
    script = [];
    hits = 0;
  });

  const waits: number[] = [];
  const api = (http: ProviderApi['http'] = {}): ProviderApi => {
    waits.length = 0;
    return { apiUrl: url, http: { baseDelayMs: 100, sleep: async (ms) => void waits.push(ms), ...http } };
  };
  const get = (a: ProviderApi) => requestJson(a, { path: 'v1/thing', schema: z.object({ ok: z.boolean() }) });

  it('waits as long as Retry-After says, in seconds or until an HTTP date', async () => {
    script = [
      { status: 429, headers: { 'retry-after': '3' } },
      { status: 503, headers: { 'retry-after': new Date(Date.now() + 5000).toUTCString() } },
    ];
    expect(await get(api())).toEqual({ ok: true });
    expect(hits).toBe(3);
    expect(waits[0]).toBe(3000);
    expect(waits[1]).toBeGreaterThan(3000);
    expect(waits[1]).toBeLessThanOrEqual(5000);
  });

  it('backs off exponentially without Retry-After, and gives up after its attempts with the status only', async () => {
    script = [{ status: 500 }, { status: 502 }, { status: 503 }, { status: 504 }];
    const error = (await get(api({ maxAttempts: 4 })).catch((e: unknown) => e)) as ProviderApiError;
    expect(error).toBeInstanceOf(ProviderApiError);
    expect(error.status).toBe(504);
    expect(error.message).toBe(`127.0.0.1:${new URL(url).port} answered 504`);
    expect(waits).toHaveLength(3);
    // 100 × 2ⁿ⁻¹ with jitter between half and all of it
    waits.forEach((w, n) => {
      expect(w).toBeGreaterThanOrEqual(50 * 2 ** n);
      expect(w).toBeLessThanOrEqual(100 * 2 ** n);
    });
  });

  it('gives up at once when Retry-After would take it past its total wait', async () => {
    script = [{ status: 429, headers: { 'retry-after': '3600' } }];
    await expect(get(api({ maxWaitMs: 60_000 }))).rejects.toMatchObject({ status: 429 });
    expect(waits).toEqual([]);
    expect(hits).toBe(1);
  });

  it('does not retry a refusal (4xx other than 429), answers null for 404, and keeps the body out of the error', async () => {
    script = [{ status: 403 }];
    const error = (await get(api()).catch((e: unknown) => e)) as Error;
    expect(error.message).not.toContain('Grace');
    expect(hits).toBe(1);
    script = [{ status: 404 }];
    expect(await get(api())).toBeNull();
  });

  it('refuses an answer not as documented without quoting it', async () => {
    script = [{ status: 200, body: '{"ok": "Grace Hopper"}' }];
    const error = (await get(api()).catch((e: unknown) => e)) as ProviderApiError;
    expect(error).toMatchObject({ status: 200, unreadable: true });
    expect(error.message).not.toContain('Grace');
    script = [{ status: 200, body: 'Grace Hopper' }];
    expect(((await get(api()).catch((e: unknown) => e)) as Error).message).not.toContain('Grace');
  });

  it('ends an attempt that does not answer in time, and retries it', async () => {
    script = [{ status: 200, hang: true }];
    expect(await get(api({ timeoutMs: 200 }))).toEqual({ ok: true });
    expect(hits).toBe(2);
  });

  it('asks for a fresh credential once after a 401', async () => {
    script = [{ status: 401 }];
    let asked = 0;
    let dropped = 0;
    const answer = await requestJson(api(), {
      path: 'v1/thing',
      schema: z.object({ ok: z.boolean() }),
      authorization: () => `Bearer t${++asked}`,
      refreshAuthorization: () => void dropped++,
    });
    expect(answer).toEqual({ ok: true });
    expect([asked, dropped]).toEqual([2, 1]);
  });

  it('never follows a link to another origin with the credentials', async () =>
    expect(requestJson(api(), { path: 'https://elsewhere.example/v2/persons?cursor=x', schema: z.unknown() })).rejects.toBeInstanceOf(ProviderApiError));
});

describe('allPages', () => {
  it('reads to the last page, and refuses a cursor that comes round again', async () => {
    const pages: Record<string, { items: number[]; next: string | null }> = {
      '': { items: [1, 2], next: 'a' },
      a: { items: [3], next: 'b' },
      b: { items: [4], next: null },
    };
    const read: number[] = [];
    for await (const n of allPages(async (cursor) => pages[cursor ?? '']!)) read.push(n);
    expect(read).toEqual([1, 2, 3, 4]);
    const loop = allPages(async (cursor) => ({ items: [cursor], next: cursor === 'a' ? 'b' : 'a' }));
    await expect(
      (async () => {
        for await (const _ of loop) void _;
      })(),
    ).rejects.toThrow(/same page cursor/);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2026-11-30T12:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Mon, 30 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Mon, 30 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});
