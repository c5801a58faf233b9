// Drift checks in the worker: runs them from BullMQ, enqueues a debounced check when a tenant's
// org changes, and keeps each tenant's scheduled full check.
import { tenantChangedBy } from '@rolebook/application';
import type { Config } from '@rolebook/config';
import { DRIFT_QUEUE, DriftQueue, queueSettings, runIdOf, startQueueWorker, workerTiming, type DriftJob } from '@rolebook/jobs';
import type { Logger } from 'pino';
import type { Rolebook } from '../compose';

export const startDriftWorker = (config: Config, logger: Logger, rolebook: Rolebook): { stop(): Promise<void> } => {
  const queue = new DriftQueue(queueSettings(config), { debounceMs: config.DRIFT_DEBOUNCE_MS, scheduleMs: config.DRIFT_SCHEDULE_MS });
  const worker = startQueueWorker<DriftJob>(DRIFT_QUEUE, queueSettings(config), workerTiming(config), 1, async (job) => {
    // the check reads this worker's read model: bring it up to the log first
    await rolebook.projector.catchUp();
    const run = await rolebook.drift.runCheck(job.data.tenantId, job.data.trigger, runIdOf(job), job.data.actor);
    logger.info({ tenantId: job.data.tenantId, runId: run.id, trigger: run.trigger, open: run.open }, 'drift check recorded');
    return { runId: run.id };
  });
  worker.worker.on('failed', (job, err) => logger.warn({ err, jobId: job?.id, attempts: job?.attemptsMade }, 'drift check failed'));
  const enqueue = (tenantId: string, what: Promise<void>) => what.catch((err: unknown) => logger.error({ err, tenantId }, 'could not enqueue a drift check'));
  // each tenant's schedule, at start and again whenever Redis comes back (it may have lost them)
  queue.onReady(() => {
    for (const tenantId of rolebook.queries.tenants()) void enqueue(tenantId, queue.schedule(tenantId));
  });
  const unsubscribe = rolebook.projector.onApplied((_, event) => {
    const tenantId = tenantChangedBy(event);
    if (!tenantId) return;
    void enqueue(tenantId, queue.changed(tenantId));
    void enqueue(tenantId, queue.schedule(tenantId));
  });
  return {
    stop: async () => {
      unsubscribe();
      await worker.close();
      await queue.close();
    },
  };
};
