import type { Config } from '@rolebook/config';
import type { QueueSettings, WorkerTiming } from '@rolebook/jobs';

export const queueSettings = (config: Config): QueueSettings => ({ redisUrl: config.REDIS_URL!, prefix: config.BULLMQ_PREFIX });

export const workerTiming = (config: Config): WorkerTiming => ({ lockDurationMs: config.JOB_LOCK_MS, stalledIntervalMs: config.JOB_STALLED_INTERVAL_MS });
