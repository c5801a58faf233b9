// What is counted, and where: per client IP (GraphQL over HTTP before authentication, so guessing
// credentials is limited too, and WebSocket upgrades before the handshake, together: upgrade-limit.ts;
// POST /webhooks/* before any verification), per principal (every
// GraphQL request over HTTP and every subscribe over graphql-ws) and per principal and expensive
// operation (operation-limits.ts). Fixed windows counted by rate-limiter-flexible: in this
// process's memory, or in Redis when REDIS_URL is set so that replicas share them, with an
// in-memory limiter standing in (per replica) while Redis cannot be reached.
import type { Principal } from '@rolebook/auth';
import type { Config } from '@rolebook/config';
import IORedis from 'ioredis';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { OPERATION_LIMITS, type OperationLimit, type OperationLimits } from './operation-limits';

export type LimitReason = 'PER_IP' | 'PER_PRINCIPAL' | 'PER_OPERATION' | 'SUBSCRIPTIONS_PER_CONNECTION';

/** A request refused for going over a limit: RATE_LIMITED (HTTP 429 with Retry-After), nothing done. */
export class RateLimited extends Error {
  constructor(
    readonly reason: LimitReason,
    message: string,
    /** Null for a cap that lifts when the client lets go of something, not with time. */
    readonly retryAfterSeconds: number | null,
  ) {
    super(message);
    this.name = 'RateLimited';
  }
}

export interface RateLimitSettings {
  perIp: OperationLimit;
  perPrincipal: OperationLimit;
  webhooksPerIp: OperationLimit;
  operations: OperationLimits;
  /** Set: counted in Redis, shared by every replica using the same prefix. */
  redisUrl?: string | undefined;
  keyPrefix: string;
}

export const rateLimitSettings = (config: Config): RateLimitSettings => ({
  perIp: { points: config.RATE_LIMIT_PER_IP, durationSeconds: config.RATE_LIMIT_WINDOW_S },
  perPrincipal: { points: config.RATE_LIMIT_PER_PRINCIPAL, durationSeconds: config.RATE_LIMIT_WINDOW_S },
  webhooksPerIp: { points: config.RATE_LIMIT_WEBHOOKS_PER_IP, durationSeconds: config.RATE_LIMIT_WINDOW_S },
  operations: OPERATION_LIMITS,
  redisUrl: config.REDIS_URL,
  keyPrefix: `${config.BULLMQ_PREFIX}:rate-limit`,
});

/** Ids only (no names): the key of a principal's counters. */
const principalKey = (principal: Principal): string => `${principal.tenantId}:${principal.kind}:${principal.id}`;

const fieldName = (coordinate: string): string => coordinate.slice(coordinate.indexOf('.') + 1);

export class RateLimits {
  private readonly ip: RateLimiterAbstract;
  private readonly principal: RateLimiterAbstract;
  private readonly webhooks: RateLimiterAbstract;
  private readonly operations: ReadonlyMap<string, RateLimiterAbstract>;

  private constructor(
    settings: RateLimitSettings,
    private readonly redis: IORedis | null,
  ) {
    const limiter = (name: string, limit: OperationLimit): RateLimiterAbstract => {
      const options = { keyPrefix: `${settings.keyPrefix}:${name}`, points: limit.points, duration: limit.durationSeconds };
      if (!redis) return new RateLimiterMemory(options);
      // not ready (starting, reconnecting) or failing: counted in this process meanwhile
      return new RateLimiterRedis({ ...options, storeClient: redis, rejectIfRedisNotReady: true, insuranceLimiter: new RateLimiterMemory(options) });
    };
    this.ip = limiter('ip', settings.perIp);
    this.principal = limiter('principal', settings.perPrincipal);
    this.webhooks = limiter('webhook-ip', settings.webhooksPerIp);
    this.operations = new Map(Object.entries(settings.operations).map(([coordinate, limit]) => [coordinate, limiter(`op:${coordinate}`, limit)]));
  }

  /** With Redis, waits (up to 2 s) for the connection, so that replicas share counts from their first request. */
  static async open(settings: RateLimitSettings, logger: Logger): Promise<RateLimits> {
    if (!settings.redisUrl) return new RateLimits(settings, null);
    // no offline queue and a short command timeout: while Redis is away, a request is counted by
    // the in-memory insurance at once instead of waiting on a reconnect
    const redis = new IORedis(settings.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 1000, connectTimeout: 2000 });
    let down = false;
    redis.on('error', (error: Error) => {
      if (!down) logger.warn({ err: error }, 'rate limits: Redis unreachable, counting in this process until it is back');
      down = true;
    });
    redis.on('ready', () => {
      if (down) logger.info('rate limits: Redis reachable again');
      down = false;
    });
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 2000);
      redis.once('ready', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!ready) logger.warn('rate limits: Redis not ready at start, counting in this process until it is');
    return new RateLimits(settings, redis);
  }

  /** One GraphQL request over HTTP, or one WebSocket connection attempt, from this address, before anything else is done with it. */
  consumeIp(ip: string): Promise<void> {
    return take(this.ip, ip, 1, (retry) => new RateLimited('PER_IP', `Too many requests from this address; retry in ${retry} s`, retry));
  }

  /** One webhook request from this address, before its signature is checked. */
  consumeWebhook(ip: string): Promise<void> {
    return take(this.webhooks, ip, 1, (retry) => new RateLimited('PER_IP', `Too many requests from this address; retry in ${retry} s`, retry));
  }

  /** One GraphQL request (or subscribe) by this principal. */
  consumePrincipal(principal: Principal): Promise<void> {
    return take(this.principal, principalKey(principal), 1, (retry) => new RateLimited('PER_PRINCIPAL', `Too many requests; retry in ${retry} s`, retry));
  }

  /** The expensive fields a document asks for, by coordinate and occurrences (aliases count); other coordinates are free. */
  async consumeOperations(principal: Principal, occurrences: ReadonlyMap<string, number>): Promise<void> {
    for (const [coordinate, count] of occurrences) {
      const limiter = this.operations.get(coordinate);
      if (!limiter) continue;
      await take(
        limiter,
        principalKey(principal),
        count,
        (retry) => new RateLimited('PER_OPERATION', `Too many ${fieldName(coordinate)} requests; retry in ${retry} s`, retry),
      );
    }
  }

  /** Whether the Redis the limits count in answers a PING now (null: no REDIS_URL, nothing to reach); /health/ready asks it. */
  async redisReachable(): Promise<boolean | null> {
    if (!this.redis) return null;
    return this.redis.ping().then(
      () => true,
      () => false,
    );
  }

  async close(): Promise<void> {
    if (this.redis && this.redis.status !== 'end') await this.redis.quit().catch(() => this.redis?.disconnect());
  }
}

/** Consumes `points`; over the limit, throws the refusal with the seconds until the window ends. A store failure the insurance did not absorb is rethrown. */
const take = async (limiter: RateLimiterAbstract, key: string, points: number, refusal: (retryAfterSeconds: number) => RateLimited): Promise<void> => {
  try {
    await limiter.consume(key, points);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw refusal(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
    throw rejection;
  }
};
