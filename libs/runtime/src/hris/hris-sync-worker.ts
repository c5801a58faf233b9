// HRIS sync runs in the worker: each BullMQ job names a run the API recorded (job id = run id), or
// is a scheduled sync (one job scheduler per tenant and provider, upserted by every worker under a
// stable key), for which the worker records the run itself, its id derived from the job's so that a
// retried or recovered job runs the same run. A worker that dies mid-run leaves its job stalled;
// another takes it up and the run's idempotency keys make what was recorded a no-op. A sweep hands
// BullMQ again the runs left unfinished without a job (the API could not reach Redis), and fails
// (INTERRUPTED) those whose job BullMQ gave up on, so that no run blocks its tenant's next ones.
import { derivedId } from '@rolebook/application';
import type { Config } from '@rolebook/config';
import { hasApi, isProvider } from '@rolebook/hris';
import { HRIS_SYNC_QUEUE, HrisSyncQueue, queueSettings, startQueueWorker, workerTiming, type HrisSyncJob } from '@rolebook/jobs';
import type { Logger } from 'pino';
import type { Rolebook } from '../compose';
import { startPeriodicSweep } from './periodic-sweep';
import { hrisSyncRuns, openSyncRunStore, syncableIntegrations } from './hris-sync-runs';

export const startHrisSyncWorker = async (config: Config, logger: Logger, rolebook: Rolebook): Promise<{ stop(): Promise<void> }> => {
  const store = await openSyncRunStore(config);
  const syncs = hrisSyncRuns(config, logger, rolebook, store);
  const queue = new HrisSyncQueue(queueSettings(config));
  /** The run a job runs: named by the job, or a scheduled sync's, derived from the job's id. */
  const runIdOf = (job: { id?: string | undefined; data: HrisSyncJob }) => job.data.runId ?? derivedId(job.id ?? null, job.data.tenantId, 'hris-sync-schedule');
  /** Fails a run whose job BullMQ gave up on; a finished or unknown run stays as it is. */
  const interrupt = async (runId: string) => {
    const run = await store.get(runId);
    if (run && (run.status === 'QUEUED' || run.status === 'RUNNING')) await store.fail(runId, new Date().toISOString(), 'INTERRUPTED');
  };
  const syncable = (tenantId: string, provider: string) =>
    config.HRIS_SYNC_INTERVAL_MS > 0 && syncableIntegrations(config).some((i) => i.tenantId === tenantId && i.provider === provider);

  const worker = startQueueWorker<HrisSyncJob>(HRIS_SYNC_QUEUE, queueSettings(config), workerTiming(config), 1, async (job) => {
    const { tenantId, provider } = job.data;
    await rolebook.projector.catchUp();
    let runId = job.data.runId;
    if (runId === undefined) {
      if (!isProvider(provider) || !hasApi(provider) || !syncable(tenantId, provider)) {
        await queue.unschedule(tenantId, provider);
        return 'unscheduled';
      }
      const id = runIdOf(job);
      const { run } = await syncs.enqueue({ id, tenantId, provider, dryRun: false, startedBy: 'schedule' });
      // another run of the tenant's provider is unfinished: this interval's sync is that one
      if (run.id !== id) return 'skipped';
      runId = id;
    }
    const run = await syncs.run(runId);
    if (run) logger.info({ tenantId, provider, syncRun: run.id, status: run.status, counts: run.counts, error: run.error }, 'HRIS sync run');
    return run?.status ?? 'unknown';
  });
  worker.worker.on('failed', (job, err) => {
    logger.warn({ err, jobId: job?.id, attempts: job?.attemptsMade }, 'HRIS sync job failed');
    // BullMQ gave up (the store or Redis kept failing, or the job stalled too often): the run must
    // not stay unfinished, blocking the next ones; the sweep does it if this cannot
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
      const runId = runIdOf(job);
      void interrupt(runId).catch((e: unknown) => logger.error({ err: e, syncRun: runId }, 'HRIS sync run could not be failed'));
    }
  });

  const keepSchedules = async () => {
    for (const { tenantId, provider } of syncableIntegrations(config))
      await (config.HRIS_SYNC_INTERVAL_MS > 0 ? queue.schedule(tenantId, provider, config.HRIS_SYNC_INTERVAL_MS) : queue.unschedule(tenantId, provider));
  };
  // at start and again whenever Redis comes back (it may have lost the schedules)
  queue.onReady(() => void keepSchedules().catch((err: unknown) => logger.error({ err }, 'HRIS sync schedules could not be set')));
  const sweep = startPeriodicSweep(
    config.WEBHOOK_SWEEP_MS,
    async () => {
      for (const run of await store.unfinished()) {
        const state = await queue.stateOf(run.id);
        if (state === 'missing') await queue.enqueue(run);
        else if (state === 'failed') await interrupt(run.id);
      }
    },
    (err) => logger.error({ err }, 'HRIS sync sweep failed'),
  );

  return {
    stop: async () => {
      await sweep.stop();
      await worker.close();
      await queue.close();
      await store.close();
    },
  };
};
