import pino from 'pino';
import { Writable } from 'node:stream';
import { shutDown, type ShutdownStep } from './shutdown';

/** A logger whose lines are kept, parsed. */
const capturing = () => {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
};

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('shutDown', () => {
  it('runs the steps in order, each after the previous one is done, then exits 0', async () => {
    const { logger, lines } = capturing();
    const order: string[] = [];
    const requests = deferred();
    const steps: ShutdownStep[] = [
      {
        name: 'requests',
        run: async () => {
          order.push('requests started');
          await requests.promise;
          order.push('requests done');
        },
      },
      { name: 'close', run: async () => void order.push('close') },
    ];
    const exit = jest.fn();
    const shutting = shutDown({ logger, timeoutMs: 5000, steps, exit }, 'SIGTERM');
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['requests started']);
    expect(exit).not.toHaveBeenCalled();
    requests.resolve();
    expect(await shutting).toBe(0);
    expect(order).toEqual(['requests started', 'requests done', 'close']);
    expect(exit).toHaveBeenCalledWith(0);
    expect(lines.map((l) => l.msg)).toEqual([expect.stringMatching(/^SIGTERM: shutting down/), 'shut down cleanly']);
  });

  it('exits 1 after the timeout, saying what is still running', async () => {
    const { logger, lines } = capturing();
    const exit = jest.fn();
    const never = new Promise<void>(() => undefined);
    const steps: ShutdownStep[] = [
      { name: 'finishing in-flight HTTP requests', run: () => never, pending: () => '2 HTTP request(s) in flight' },
      { name: 'close', run: async () => undefined },
    ];
    const started = Date.now();
    expect(await shutDown({ logger, timeoutMs: 100, steps, exit }, 'SIGINT')).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(exit).toHaveBeenCalledWith(1);
    expect(lines.at(-1)).toMatchObject({ level: 50, step: 'finishing in-flight HTTP requests', pending: '2 HTTP request(s) in flight' });
    expect(lines.at(-1)?.msg).toMatch(/still 2 HTTP request\(s\) in flight/);
  });

  it('exits 1 when a step fails, and runs no further step', async () => {
    const { logger, lines } = capturing();
    const exit = jest.fn();
    const after = jest.fn(async () => undefined);
    const steps: ShutdownStep[] = [
      { name: 'close stores', run: () => Promise.reject(new Error('disk gone')) },
      { name: 'after', run: after },
    ];
    expect(await shutDown({ logger, timeoutMs: 5000, steps, exit }, 'SIGTERM')).toBe(1);
    expect(after).not.toHaveBeenCalled();
    expect(exit).toHaveBeenCalledWith(1);
    expect(lines.at(-1)).toMatchObject({ step: 'close stores', msg: 'shutdown step failed' });
  });
});
