import { startPeriodicSweep } from './periodic-sweep';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a periodic sweep', () => {
  it('runs at once and on every tick, never two at once, and stop() waits for the one running', async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    let release: () => void = () => undefined;
    const sweep = startPeriodicSweep(
      5,
      async () => {
        runs++;
        most = Math.max(most, ++running);
        await new Promise<void>((resolve) => (release = resolve));
        running--;
      },
      () => undefined,
    );
    expect(runs).toBe(1);
    await tick(30); // several ticks while the first still runs
    expect(runs).toBe(1);
    release();
    await tick(30);
    expect(runs).toBeGreaterThan(1);
    const stopped = sweep.stop();
    let done = false;
    void stopped.then(() => (done = true));
    await tick(10);
    expect(done).toBe(false);
    release();
    await stopped;
    expect(most).toBe(1);
    const after = runs;
    await tick(30);
    expect(runs).toBe(after);
  });

  it('reports a failed sweep and sweeps again on the next tick', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const sweep = startPeriodicSweep(
      5,
      async () => {
        runs++;
        throw new Error('store unreachable');
      },
      (err) => errors.push(err),
    );
    await tick(30);
    await sweep.stop();
    expect(runs).toBeGreaterThan(1);
    expect(errors.length).toBe(runs);
  });
});
