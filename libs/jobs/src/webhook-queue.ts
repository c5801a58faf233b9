// HRIS deliveries on BullMQ (Redis). The delivery itself (its body, personal data) stays in the
// durable inbox; a job names it by inbox sequence number only. A job id is fixed per delivery and
// replay, so enqueuing again is a no-op while the job exists: the API enqueues once recorded, and
// the worker's sweep enqueues again whatever Redis lost or never got.
import { Queue } from 'bullmq';
import type IORedis from 'ioredis';
import { connect, JOB_RETENTION, jobState, type JobState, type QueueSettings } from './queue-worker';

export const WEBHOOK_QUEUE = 'hris-deliveries';

export interface WebhookJob {
  tenantId: string;
  seq: number;
}

export interface QueuedDelivery {
  tenantId: string;
  seq: number;
  replays: number;
}

export const webhookJobId = (d: QueuedDelivery): string => `delivery-${d.seq}-${d.replays}`;

// Retries here are for failures of Redis itself (the worker delays a job whose inbox or event store
// is unreachable, without spending an attempt); a delivery's own retries (an employee not known
// yet, the HRIS API down) are the inbox's, by delaying the job.
const JOB_OPTIONS = { attempts: 5, backoff: { type: 'exponential', delay: 1000 }, ...JOB_RETENTION } as const;

export class WebhookQueue {
  private readonly connection: IORedis;
  private readonly queue: Queue<WebhookJob>;

  constructor(settings: QueueSettings) {
    this.connection = connect(settings.redisUrl);
    this.queue = new Queue<WebhookJob>(WEBHOOK_QUEUE, { connection: this.connection, prefix: settings.prefix, defaultJobOptions: JOB_OPTIONS });
  }

  async enqueue(d: QueuedDelivery): Promise<void> {
    await this.enqueueMany([d]);
  }

  /** Several at once, in one round trip to Redis (addBulk). */
  async enqueueMany(ds: readonly QueuedDelivery[]): Promise<void> {
    await this.queue.addBulk(ds.map((d) => ({ name: 'delivery', data: { tenantId: d.tenantId, seq: d.seq }, opts: { jobId: webhookJobId(d) } })));
  }

  /** Whether Redis still holds the delivery's job, and whether BullMQ gave up on it. */
  stateOf(d: QueuedDelivery): Promise<JobState> {
    return jobState(this.queue, webhookJobId(d));
  }

  async close(): Promise<void> {
    await this.queue.close();
    await this.connection.quit();
  }
}
