// What /health/ready checks: the event store answers, Redis answers when REDIS_URL is set,
// PostgreSQL (the shared state: keys, tenants, the inbox) when DATABASE_URL is set, and
// the read model is not too far behind the store's head (read-your-writes would wait, and
// queries answer from an older org). Each check is bounded in time; the answer names each.
import type { EventStore } from '@rolebook/event-store';
import type { Projector } from '@rolebook/projections';

export type CheckStatus = 'ok' | 'failing';

export interface Readiness {
  status: CheckStatus;
  checks: {
    eventStore: { status: CheckStatus; head?: number | null; reason?: string };
    projection: { status: CheckStatus; projected: number | null; lag?: number; maxLag: number; reason?: string };
    /** Present only when REDIS_URL is set. */
    redis?: { status: CheckStatus; reason?: string };
    /** Present only when DATABASE_URL is set. */
    postgres?: { status: CheckStatus; reason?: string };
  };
}

export interface ReadinessProbes {
  store: Pick<EventStore, 'headPosition' | 'readAll'>;
  projector: Pick<Projector, 'projectedPosition' | 'healthy'>;
  /** null: no Redis configured. */
  redisReachable: () => Promise<boolean | null>;
  /** null: no PostgreSQL configured. */
  postgresReachable: () => Promise<boolean | null>;
  maxLag: number;
  timeoutMs: number;
}

class TimedOut extends Error {}

const within = <T>(promise: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new TimedOut()), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
};

const failure = (error: unknown, what: string): string => (error instanceof TimedOut ? `${what} did not answer in time` : `${what} unreachable`);

/** Events the read model is behind `head`, counted up to maxLag + 1 (enough to know it is over). */
const lagBehind = async (store: ReadinessProbes['store'], projected: number | null, head: number | null, maxLag: number): Promise<number> => {
  if (head === null || projected === head) return 0;
  return (await store.readAll({ after: projected, limit: maxLag + 1 })).length;
};

type Checks = Readiness['checks'];

const eventStoreCheck = async ({ store, timeoutMs }: ReadinessProbes): Promise<Checks['eventStore']> =>
  within(store.headPosition(), timeoutMs).then(
    (head) => ({ status: 'ok', head }),
    (error: unknown) => ({ status: 'failing', reason: failure(error, 'event store') }),
  );

const projectionCheck = async ({ store, projector, maxLag, timeoutMs }: ReadinessProbes, eventStore: Checks['eventStore']): Promise<Checks['projection']> => {
  const projected = projector.projectedPosition;
  if (!projector.healthy) return { status: 'failing', projected, maxLag, reason: 'projection stopped' };
  if (eventStore.status === 'failing' || eventStore.head === undefined)
    return { status: 'failing', projected, maxLag, reason: 'lag unknown: event store unreachable' };
  const lag = await within(lagBehind(store, projected, eventStore.head, maxLag), timeoutMs).catch(() => null);
  if (lag === null) return { status: 'failing', projected, maxLag, reason: 'lag could not be read in time' };
  return lag > maxLag ? { status: 'failing', projected, lag, maxLag, reason: `more than ${maxLag} events behind` } : { status: 'ok', projected, lag, maxLag };
};

/** A service checked only when configured: undefined when its probe answers null. */
const serviceCheck = async (name: string, reachable: () => Promise<boolean | null>, timeoutMs: number): Promise<Checks['redis']> => {
  const answer = await within(reachable(), timeoutMs).catch(() => false);
  if (answer === null) return undefined;
  return answer ? { status: 'ok' } : { status: 'failing', reason: `${name} unreachable` };
};

export const readiness = async (probes: ReadinessProbes): Promise<Readiness> => {
  const [eventStore, redis, postgres] = await Promise.all([
    eventStoreCheck(probes),
    serviceCheck('Redis', probes.redisReachable, probes.timeoutMs),
    serviceCheck('PostgreSQL', probes.postgresReachable, probes.timeoutMs),
  ]);
  const checks: Checks = {
    eventStore,
    projection: await projectionCheck(probes, eventStore),
    ...(redis ? { redis } : {}),
    ...(postgres ? { postgres } : {}),
  };
  const status = Object.values(checks).every((check) => check.status === 'ok') ? 'ok' : 'failing';
  return { status, checks };
};
