// What the BullMQ queues share: the Redis connection settings and a worker with the timing that
// decides how soon a job abandoned by a dead worker (stalled) is taken up again.
import { Worker, type Job, type Queue } from 'bullmq';
import IORedis from 'ioredis';

export interface QueueSettings {
  redisUrl: string;
  prefix: string;
}

/** BullMQ needs maxRetriesPerRequest: null on connections a worker blocks on. */
export const connect = (url: string) => new IORedis(url, { maxRetriesPerRequest: null });

/**
 * Calls `listener` once `connection` is ready and again each time it reconnects: a Redis that
 * restarted without persistence has lost the job schedulers, which are then made again.
 */
export const whenReady = (connection: IORedis, listener: () => void): void => {
  connection.on('ready', listener);
  if (connection.status === 'ready') listener();
};

/** What a sweep needs to know of a job: gone from Redis, given up on by BullMQ, or still there. */
export type JobState = 'missing' | 'failed' | 'in-queue';

export const jobState = async (queue: Queue, jobId: string): Promise<JobState> => {
  const job = await queue.getJob(jobId);
  if (!job) return 'missing';
  return (await job.getState()) === 'failed' ? 'failed' : 'in-queue';
};

/** How long finished jobs are kept in Redis, for both queues. */
export const JOB_RETENTION = {
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

export interface WorkerTiming {
  /** How long a job's lock lasts without renewal; a worker that dies leaves it for this long. */
  lockDurationMs: number;
  /** How often workers look for jobs whose lock expired (stalled) and put them back. */
  stalledIntervalMs: number;
}

/** `concurrency` jobs at a time from `queue`; close() waits for the jobs in progress, then disconnects. */
export const startQueueWorker = <T>(
  queue: string,
  settings: QueueSettings,
  timing: WorkerTiming,
  concurrency: number,
  process: (job: Job<T>, token?: string) => Promise<unknown>,
) => {
  const connection = connect(settings.redisUrl);
  const worker = new Worker<T>(queue, process, {
    connection,
    prefix: settings.prefix,
    concurrency,
    lockDuration: timing.lockDurationMs,
    stalledInterval: timing.stalledIntervalMs,
    maxStalledCount: 3,
  });
  return {
    worker,
    close: async () => {
      await worker.close();
      await connection.quit();
    },
  };
};
