// HRIS sync runs on BullMQ (Redis). A run is a record of the sync-run store; its job names it by
// id (job id = run id, so enqueuing again is a no-op while the job exists). Scheduled syncs are one
// job scheduler per tenant and provider under a stable key: every worker upserts the same one, and
// BullMQ makes one job per interval whatever the number of workers.
import { Queue } from 'bullmq';
import type IORedis from 'ioredis';
import { connect, JOB_RETENTION, jobState, whenReady, type JobState, type QueueSettings } from './queue-worker';

export const HRIS_SYNC_QUEUE = 'hris-syncs';

/** A run to run (`runId`), or a scheduled sync whose run the worker records (`runId` absent). */
export interface HrisSyncJob {
  tenantId: string;
  provider: string;
  runId?: string;
}

// a run's own failures are recorded on the run; retries here are for the machinery's (the store, Redis)
const JOB_OPTIONS = { attempts: 3, backoff: { type: 'exponential', delay: 1000 }, ...JOB_RETENTION } as const;

export const hrisSyncSchedulerKey = (tenantId: string, provider: string): string => `hris-sync-${tenantId}-${provider}`;

export class HrisSyncQueue {
  private readonly connection: IORedis;
  private readonly queue: Queue<HrisSyncJob>;

  constructor(settings: QueueSettings) {
    this.connection = connect(settings.redisUrl);
    this.queue = new Queue<HrisSyncJob>(HRIS_SYNC_QUEUE, { connection: this.connection, prefix: settings.prefix, defaultJobOptions: JOB_OPTIONS });
  }

  async enqueue(run: { id: string; tenantId: string; provider: string }): Promise<void> {
    await this.queue.add('hris-sync', { tenantId: run.tenantId, provider: run.provider, runId: run.id }, { jobId: run.id });
  }

  /** Whether Redis still holds the run's job (job id = run id), and whether BullMQ gave up on it. */
  stateOf(runId: string): Promise<JobState> {
    return jobState(this.queue, runId);
  }

  /** Calls `listener` once connected and after each reconnection, when the schedules must be made again (see whenReady). */
  onReady(listener: () => void): void {
    whenReady(this.connection, listener);
  }

  /** Makes sure the tenant's provider is synced every `everyMs` (idempotent, shared by every worker). */
  async schedule(tenantId: string, provider: string, everyMs: number): Promise<void> {
    await this.queue.upsertJobScheduler(hrisSyncSchedulerKey(tenantId, provider), { every: everyMs }, { name: 'hris-sync', data: { tenantId, provider } });
  }

  /** Removes a schedule no longer configured (interval 0, or the integration gone). */
  async unschedule(tenantId: string, provider: string): Promise<void> {
    await this.queue.removeJobScheduler(hrisSyncSchedulerKey(tenantId, provider));
  }

  async close(): Promise<void> {
    await this.queue.close();
    await this.connection.quit();
  }
}
