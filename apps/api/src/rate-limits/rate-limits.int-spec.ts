// The limiter store: counts refuse past the limit in memory, and while Redis cannot be reached
// the in-memory insurance still refuses (a replica alone, then) instead of failing requests.
import type { Principal } from '@rolebook/auth';
import { createLogger } from '@rolebook/config';
import { RateLimited, RateLimits, type RateLimitSettings } from './rate-limits';

const principal: Principal = { kind: 'api-key', id: 'k1', tenantId: 't', role: 'editor', displayName: 'k1' };
const settings = (redisUrl?: string): RateLimitSettings => ({
  perIp: { points: 2, durationSeconds: 60 },
  perPrincipal: { points: 2, durationSeconds: 60 },
  webhooksPerIp: { points: 2, durationSeconds: 60 },
  operations: { 'Mutation.runDriftCheck': { points: 1, durationSeconds: 60 } },
  redisUrl,
  keyPrefix: `rl-int-${process.pid}`,
});

const refusal = (promise: Promise<void>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

describe.each([
  ['in memory', undefined],
  // nothing listens on port 1: every command fails over to the insurance
  ['with Redis unreachable', 'redis://127.0.0.1:1'],
])('rate limits %s', (_name, redisUrl) => {
  let limits: RateLimits;
  beforeAll(async () => (limits = await RateLimits.open(settings(redisUrl), createLogger('silent'))), 10_000);
  afterAll(() => limits.close());

  it('refuse past the limit, saying how long to wait', async () => {
    await limits.consumePrincipal(principal);
    await limits.consumePrincipal(principal);
    const refused = await refusal(limits.consumePrincipal(principal));
    expect(refused).toBeInstanceOf(RateLimited);
    expect(refused).toMatchObject({ reason: 'PER_PRINCIPAL', retryAfterSeconds: expect.any(Number) });
    expect((refused as RateLimited).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((refused as RateLimited).retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('count an expensive field per occurrence, and leave the others free', async () => {
    await limits.consumeOperations(principal, new Map([['Mutation.defineRole', 50]]));
    expect(await refusal(limits.consumeOperations(principal, new Map([['Mutation.runDriftCheck', 2]])))).toMatchObject({ reason: 'PER_OPERATION' });
  });

  it('keep addresses apart', async () => {
    await limits.consumeIp('192.0.2.1');
    await limits.consumeIp('192.0.2.1');
    expect(await refusal(limits.consumeIp('192.0.2.1'))).toMatchObject({ reason: 'PER_IP' });
    expect(await refusal(limits.consumeIp('192.0.2.2'))).toBeNull();
  });
});
