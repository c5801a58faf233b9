// HRIS deliveries in the worker: each BullMQ job names a delivery of the inbox the API recorded
// it in (PostgreSQL, or the same host's DATA_DIR/webhooks.db). Up to GROUP jobs are taken at once,
// and the deliveries of those taken while a group runs are processed together as the next group
// (one claim, shared commits, one outcome write), each employee's in delivery order. A delivery to be retried later (an employee not known
// yet, the HRIS API down) delays its own job until the inbox says it is due; one that is done
// or dead completes it. A sweep enqueues again pending deliveries that have no job (Redis lost
// it, or the API could not reach Redis when it recorded the delivery) and marks dead those whose
// job BullMQ gave up on. A worker that dies mid-delivery leaves its job stalled: another worker
// (or this one, restarted) takes it up once the lock lapses, and per-change idempotency keys make
// the changes already made no-ops; while the first still holds the delivery's claim, the job waits
// for the claim to lapse (of two workers, exactly one processes a delivery at a time). A job that
// cannot run (the inbox or the event store unreachable) waits and runs again, however long the
// outage: a delivery's own attempts are counted in the inbox, and BullMQ's attempts are left to
// failures of Redis itself.
import type { Config } from '@rolebook/config';
import type { Delivery } from '@rolebook/hris';
import { queueSettings, startQueueWorker, WEBHOOK_QUEUE, webhookJobId, WebhookQueue, workerTiming, type WebhookJob } from '@rolebook/jobs';
import { DelayedError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Rolebook } from '../compose';
import { startPeriodicSweep } from './periodic-sweep';
import { serialGroups } from './serial-groups';
import { deliveryProcessor, openDeliveryInbox } from './webhook-processing';

/** Jobs taken at once (BullMQ concurrency): the most deliveries one group holds. */
const GROUP = 100;

/** How soon a job that could not run (a store unreachable) runs again. */
const STORE_RETRY_MS = 5_000;

export const startWebhookWorker = async (config: Config, logger: Logger, rolebook: Rolebook): Promise<{ stop(): Promise<void> }> => {
  const inbox = await openDeliveryInbox(config);
  const processor = deliveryProcessor(config, logger, rolebook, inbox);
  const queue = new WebhookQueue(queueSettings(config));

  // the jobs taken while a group runs make the next group: their deliveries are claimed, applied
  // and settled together (DeliveryProcessor.processMany); 'skipped' for a job whose delivery was
  // replayed since (a newer job has it) or finished by an earlier run of this job
  const inGroup = serialGroups(async (jobs: readonly { seq: number; jobId: string | undefined }[]): Promise<(Delivery | null | 'skipped')[]> => {
    const found = await Promise.all(jobs.map((j) => inbox.get(j.seq)));
    const runnable = found.filter((d, i): d is Delivery => d !== null && d.status === 'PENDING' && webhookJobId(d) === jobs[i]!.jobId);
    if (runnable.length === 0) return jobs.map(() => 'skipped');
    await rolebook.projector.catchUp();
    const after = await processor.processMany(runnable);
    return found.map((d) => {
      const i = d ? runnable.indexOf(d) : -1;
      return i === -1 ? 'skipped' : after[i]!;
    });
  });

  const handle = async (job: Job<WebhookJob>, token?: string): Promise<string> => {
    const after = await inGroup({ seq: job.data.seq, jobId: job.id });
    if (after === 'skipped') return after;
    if (!after) {
      // another worker holds it (this job stalled and was taken up again): look again once its claim lapses
      if ((await inbox.get(job.data.seq))?.status !== 'PENDING') return 'skipped';
      await job.moveToDelayed(Date.now() + config.WEBHOOK_CLAIM_MS, token);
      throw new DelayedError();
    }
    if (after.status === 'PENDING' && after.nextAttemptAt) {
      await job.moveToDelayed(Date.parse(after.nextAttemptAt), token);
      throw new DelayedError();
    }
    return after.status;
  };
  const worker = startQueueWorker<WebhookJob>(WEBHOOK_QUEUE, queueSettings(config), workerTiming(config), GROUP, async (job, token) => {
    try {
      return await handle(job, token);
    } catch (error) {
      if (error instanceof DelayedError) throw error;
      logger.warn({ err: error, jobId: job.id }, `webhook delivery job could not run; again in ${STORE_RETRY_MS / 1000} s`);
      await job.moveToDelayed(Date.now() + STORE_RETRY_MS, token);
      throw new DelayedError();
    }
  });
  worker.worker.on('failed', (job, err) => logger.warn({ err, jobId: job?.id, attempts: job?.attemptsMade }, 'webhook delivery job failed'));

  const sweepOne = async (delivery: Delivery): Promise<void> => {
    const state = await queue.stateOf(delivery);
    if (state === 'missing') {
      await queue.enqueue(delivery);
      logger.info({ tenantId: delivery.tenantId, delivery: delivery.seq }, 'webhook delivery enqueued by the sweep');
    } else if (state === 'failed') await processor.giveUp(delivery, 'PROCESSING_FAILED');
  };
  const sweep = startPeriodicSweep(
    config.WEBHOOK_SWEEP_MS,
    async () => {
      for (const delivery of await inbox.due(new Date().toISOString(), 500)) await sweepOne(delivery);
    },
    (err) => logger.error({ err }, 'webhook sweep failed'),
  );

  return {
    stop: async () => {
      await sweep.stop();
      await worker.close();
      await queue.close();
      await inbox.close();
    },
  };
};
