// HRIS sync runs in this process (embedded mode, no Redis): a run started is run at once in the
// background; runs left QUEUED or RUNNING by a crash are taken up again at start (the run's
// idempotency keys make what was already recorded a no-op); every HRIS_SYNC_INTERVAL_MS each
// tenant's provider with API credentials gets a scheduled run.
import type { HrisSyncRuns } from '@rolebook/application';
import type { ApiProvider } from '@rolebook/hris';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';

export class InProcessSyncRunner {
  private readonly running = new Set<Promise<unknown>>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly syncs: HrisSyncRuns,
    private readonly logger: Logger,
  ) {}

  /** Takes up unfinished runs, and schedules a run per integration every `everyMs` (0: none). */
  start(everyMs: number, integrations: () => { tenantId: string; provider: ApiProvider }[]): void {
    this.track(
      this.syncs.runs.unfinished().then((runs) => {
        for (const run of runs) this.run(run.id);
      }),
    );
    if (everyMs > 0) this.timer = setInterval(() => this.scheduled(integrations()), everyMs);
  }

  /** Runs a recorded run in the background. */
  run(id: string): void {
    if (!this.stopped) this.track(this.syncs.run(id));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.allSettled([...this.running]);
  }

  private scheduled(integrations: { tenantId: string; provider: ApiProvider }[]): void {
    for (const { tenantId, provider } of integrations)
      this.track(
        this.syncs.enqueue({ id: randomUUID(), tenantId, provider, dryRun: false, startedBy: 'schedule' }).then(({ run, created }) => {
          if (created) this.run(run.id);
        }),
      );
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch((err: unknown) => this.logger.error({ err }, 'HRIS sync run could not be run')).finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }
}
