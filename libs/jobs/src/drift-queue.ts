// Drift checks on BullMQ (Redis): the producer side (manual runs that wait for their result,
// debounced checks after changes, a schedule per tenant) and the worker that runs them.
// A job's run id is stable across retries and stalled-job recovery, so a check recorded by a
// worker that died before acknowledging it is not recorded twice.
import type { DriftTrigger } from '@rolebook/domain';
import { Queue, QueueEvents, type Job } from 'bullmq';
import type IORedis from 'ioredis';
import { connect, JOB_RETENTION, whenReady, type QueueSettings } from './queue-worker';

export const DRIFT_QUEUE = 'drift-checks';

export interface DriftJob {
  tenantId: string;
  trigger: DriftTrigger;
  /** Set for manual runs; otherwise derived from the job id. */
  runId?: string;
  actor?: string;
}

export const runIdOf = (job: Job<DriftJob>): string => job.data.runId ?? `job-${job.id}`;

const JOB_OPTIONS = { attempts: 3, backoff: { type: 'exponential', delay: 1000 }, ...JOB_RETENTION } as const;

export class DriftQueue {
  private readonly connection: IORedis;
  private readonly queue: Queue<DriftJob>;
  private events: { events: QueueEvents; connection: IORedis } | null = null;
  private readonly scheduled = new Set<string>();

  constructor(
    private readonly settings: QueueSettings,
    private readonly timing: { debounceMs: number; scheduleMs: number },
  ) {
    this.connection = connect(settings.redisUrl);
    this.queue = new Queue<DriftJob>(DRIFT_QUEUE, { connection: this.connection, prefix: settings.prefix, defaultJobOptions: JOB_OPTIONS });
  }

  /** Enqueues a manual check and resolves once a worker has recorded it. */
  async runNow(tenantId: string, runId: string, actor: string, timeoutMs = 60_000): Promise<void> {
    if (!this.events) {
      // BullMQ never closes a connection it is given: this one is closed in close()
      const connection = this.connection.duplicate();
      this.events = { connection, events: new QueueEvents(DRIFT_QUEUE, { connection, prefix: this.settings.prefix }) };
    }
    await this.events.events.waitUntilReady();
    const job = await this.queue.add('drift-check', { tenantId, trigger: 'manual', runId, actor }, { jobId: `run-${runId}` });
    await job.waitUntilFinished(this.events.events, timeoutMs);
  }

  /** One check a while after the last of a burst of changes (BullMQ debounce: the delay restarts). */
  async changed(tenantId: string): Promise<void> {
    const ttl = this.timing.debounceMs;
    await this.queue.add(
      'drift-check',
      { tenantId, trigger: 'change' },
      { delay: ttl, deduplication: { id: `change-${tenantId}`, ttl, extend: true, replace: true } },
    );
  }

  /** Calls `listener` once connected and after each reconnection, when the schedules must be made again (see whenReady). */
  onReady(listener: () => void): void {
    whenReady(this.connection, () => {
      this.scheduled.clear();
      listener();
    });
  }

  /** Makes sure the tenant has its scheduled full check (idempotent, shared by every worker). */
  async schedule(tenantId: string): Promise<void> {
    if (this.timing.scheduleMs <= 0 || this.scheduled.has(tenantId)) return;
    await this.queue.upsertJobScheduler(
      `schedule-${tenantId}`,
      { every: this.timing.scheduleMs },
      { name: 'drift-check', data: { tenantId, trigger: 'schedule' } },
    );
    this.scheduled.add(tenantId);
  }

  async close(): Promise<void> {
    await this.events?.events.close();
    await this.events?.connection.quit();
    await this.queue.close();
    await this.connection.quit();
  }
}
