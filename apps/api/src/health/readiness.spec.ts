import type { RecordedEvent } from '@rolebook/event-store';
import { readiness, type ReadinessProbes } from './readiness';

/** A store whose log holds positions 1..head, a projector at `projected`. */
const probes = (over: {
  head?: number | null;
  projected?: number | null;
  healthy?: boolean;
  redis?: boolean | null;
  postgres?: boolean | 'hangs' | null;
  storeDown?: boolean;
  storeHangs?: boolean;
}): ReadinessProbes => {
  const head = over.head === undefined ? 10 : over.head;
  const never = new Promise<never>(() => undefined);
  return {
    store: {
      headPosition: () => (over.storeHangs ? never : over.storeDown ? Promise.reject(new Error('ECONNREFUSED')) : Promise.resolve(head)),
      readAll: ({ after, limit }) => {
        const from = (after ?? 0) + 1;
        const positions = head === null ? [] : Array.from({ length: Math.max(0, head - from + 1) }, (_, i) => from + i).slice(0, limit);
        return Promise.resolve(positions.map((position) => ({ position }) as RecordedEvent));
      },
    },
    projector: { projectedPosition: over.projected === undefined ? head : over.projected, healthy: over.healthy ?? true },
    redisReachable: () => Promise.resolve(over.redis === undefined ? null : over.redis),
    postgresReachable: () => (over.postgres === 'hangs' ? never : Promise.resolve(over.postgres ?? null)),
    maxLag: 5,
    timeoutMs: 50,
  };
};

describe('readiness', () => {
  it('is ok when the store answers and the read model is caught up; without Redis configured, no Redis check', async () =>
    expect(await readiness(probes({}))).toEqual({
      status: 'ok',
      checks: { eventStore: { status: 'ok', head: 10 }, projection: { status: 'ok', projected: 10, lag: 0, maxLag: 5 } },
    }));

  it('counts the events the read model is behind, and fails once it is more than maxLag behind', async () => {
    expect((await readiness(probes({ head: 10, projected: 5 }))).checks.projection).toEqual({ status: 'ok', projected: 5, lag: 5, maxLag: 5 });
    const behind = await readiness(probes({ head: 100, projected: 3 }));
    expect(behind.status).toBe('failing');
    expect(behind.checks.projection).toEqual({ status: 'failing', projected: 3, lag: 6, maxLag: 5, reason: 'more than 5 events behind' });
    expect((await readiness(probes({ head: 3, projected: null }))).checks.projection).toMatchObject({ status: 'ok', lag: 3 });
    expect((await readiness(probes({ head: null, projected: null }))).status).toBe('ok');
  });

  it('fails, naming the event store, when it cannot be reached or does not answer in time', async () => {
    const down = await readiness(probes({ storeDown: true }));
    expect(down.status).toBe('failing');
    expect(down.checks.eventStore).toEqual({ status: 'failing', reason: 'event store unreachable' });
    expect(down.checks.projection).toMatchObject({ status: 'failing', reason: 'lag unknown: event store unreachable' });
    expect((await readiness(probes({ storeHangs: true }))).checks.eventStore).toEqual({ status: 'failing', reason: 'event store did not answer in time' });
  });

  it('fails when the projection has stopped', async () =>
    expect((await readiness(probes({ healthy: false }))).checks.projection).toMatchObject({ status: 'failing', reason: 'projection stopped' }));

  it('checks Redis when it is configured', async () => {
    expect(await readiness(probes({ redis: true }))).toMatchObject({ status: 'ok', checks: { redis: { status: 'ok' } } });
    expect(await readiness(probes({ redis: false }))).toMatchObject({
      status: 'failing',
      checks: { redis: { status: 'failing', reason: 'Redis unreachable' } },
    });
  });

  it('checks PostgreSQL when it is configured: unreachable or not answering in time fails readiness', async () => {
    expect(await readiness(probes({ postgres: true }))).toMatchObject({ status: 'ok', checks: { postgres: { status: 'ok' } } });
    for (const postgres of [false, 'hangs'] as const)
      expect(await readiness(probes({ postgres }))).toMatchObject({
        status: 'failing',
        checks: { postgres: { status: 'failing', reason: 'PostgreSQL unreachable' } },
      });
    expect((await readiness(probes({}))).checks).not.toHaveProperty('postgres');
  });
});
