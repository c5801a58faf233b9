// The queue settings every process reads from its configuration, one way.
import type { Config } from '@rolebook/config';
import type { QueueSettings, WorkerTiming } from './queue-worker';

/** Only for a process configured with REDIS_URL. */
export const queueSettings = (config: Config): QueueSettings => ({ redisUrl: config.REDIS_URL!, prefix: config.BULLMQ_PREFIX });

export const workerTiming = (config: Config): WorkerTiming => ({ lockDurationMs: config.JOB_LOCK_MS, stalledIntervalMs: config.JOB_STALLED_INTERVAL_MS });
