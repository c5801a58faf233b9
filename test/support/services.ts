// Whether a service the suite needs is reachable, decided once at load so that suites can be
// skipped by name. With REQUIRE_SERVICES=1 (CI) a missing service fails the run instead.
import type { Redis } from 'ioredis';
import { spawnSync } from 'node:child_process';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const reachable = (url: string): boolean => {
  const { hostname, port } = new URL(url);
  const probe = `require('node:net').connect(${Number(port || 6379)}, ${JSON.stringify(hostname)}).on('connect', () => process.exit(0)).on('error', () => process.exit(1)); setTimeout(() => process.exit(1), 2000);`;
  return spawnSync(process.execPath, ['-e', probe]).status === 0;
};

export const redisAvailable = reachable(REDIS_URL);

if (!redisAvailable && process.env.REQUIRE_SERVICES === '1') {
  throw new Error(`REQUIRE_SERVICES=1 but Redis is not reachable at ${REDIS_URL}`);
}

/** Deletes every key of a test's BullMQ prefix. */
export const deleteQueueKeys = async (connection: Redis, prefix: string): Promise<void> => {
  const keys = await connection.keys(`${prefix}:*`);
  if (keys.length) await connection.del(...keys);
};

/** describe() when Redis is reachable; otherwise a skipped suite that says why. */
export const describeWithRedis = (name: string, body: () => void): void =>
  redisAvailable ? describe(name, body) : describe.skip(`${name} (Redis not reachable at ${REDIS_URL})`, body);
