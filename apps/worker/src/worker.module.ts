// The worker process: runs drift checks from BullMQ, enqueues a debounced check when a tenant's
// org changes, and keeps each tenant's scheduled full check. It keeps its own read model of the
// shared event log for the checks to read. Requires REDIS_URL: without Redis, the API runs
// drift checks in its own process and there is nothing for a worker to do.
import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { openRolebook, tenantChangedBy, type Rolebook } from '@rolebook/application';
import type { Config } from '@rolebook/config';
import { DriftQueue, runIdOf, startDriftWorker } from '@rolebook/jobs';
import type { Logger } from 'pino';

const DRIFT = Symbol('DRIFT');

interface DriftProcessing {
  rolebook: Rolebook;
  stop(): Promise<void>;
}

const startDrift = async (config: Config, logger: Logger): Promise<DriftProcessing> => {
  const rolebook = await openRolebook(config, logger, 'read-model.worker');
  const settings = { redisUrl: config.REDIS_URL!, prefix: config.BULLMQ_PREFIX };
  const queue = new DriftQueue(settings, { debounceMs: config.DRIFT_DEBOUNCE_MS, scheduleMs: config.DRIFT_SCHEDULE_MS });
  const worker = startDriftWorker(settings, { lockDurationMs: config.DRIFT_JOB_LOCK_MS, stalledIntervalMs: config.DRIFT_STALLED_INTERVAL_MS }, async (job) => {
    // the check reads this worker's read model: bring it up to the log first
    await rolebook.projector.catchUp();
    const run = await rolebook.drift.runCheck(job.data.tenantId, job.data.trigger, runIdOf(job), job.data.actor);
    logger.info({ tenantId: job.data.tenantId, runId: run.id, trigger: run.trigger, open: run.open }, 'drift check recorded');
    return { runId: run.id };
  });
  worker.worker.on('failed', (job, err) => logger.warn({ err, jobId: job?.id, attempts: job?.attemptsMade }, 'drift check failed'));
  const enqueue = (tenantId: string, what: Promise<void>) => what.catch((err: unknown) => logger.error({ err, tenantId }, 'could not enqueue a drift check'));
  for (const tenantId of rolebook.queries.tenants()) void enqueue(tenantId, queue.schedule(tenantId));
  const unsubscribe = rolebook.projector.onApplied((_, event) => {
    const tenantId = tenantChangedBy(event);
    if (!tenantId) return;
    void enqueue(tenantId, queue.changed(tenantId));
    void enqueue(tenantId, queue.schedule(tenantId));
  });
  return {
    rolebook,
    stop: async () => {
      unsubscribe();
      await worker.close();
      await queue.close();
      await rolebook.close();
    },
  };
};

@Module({})
export class WorkerModule implements OnApplicationShutdown {
  constructor(@Inject(DRIFT) private readonly drift: DriftProcessing) {}

  static forRoot(config: Config, logger: Logger): DynamicModule {
    return { module: WorkerModule, providers: [{ provide: DRIFT, useFactory: () => startDrift(config, logger) }] };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.drift.stop();
  }
}
