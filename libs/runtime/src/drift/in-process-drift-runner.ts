// Runs drift checks inside this process (embedded mode, no Redis): one check per tenant a
// while after its org changes (bursts coalesce into one run), and every tenant on a schedule.
// The worker's BullMQ processor calls the same DriftService.runCheck.
import { tenantChangedBy, type DriftService } from '@rolebook/application';
import type { DriftTrigger } from '@rolebook/domain';
import type { RecordedEvent } from '@rolebook/event-store';
import type { OrgQueries, Projector } from '@rolebook/projections';

export interface DriftRunnerOptions {
  debounceMs: number;
  /** 0 disables the schedule. */
  intervalMs: number;
  onError: (error: unknown, tenantId: string) => void;
}

export class InProcessDriftRunner {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<unknown>>();
  private schedule: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly drift: DriftService,
    private readonly projector: Projector,
    private readonly queries: OrgQueries,
    private readonly options: DriftRunnerOptions,
  ) {}

  start(): void {
    this.unsubscribe = this.projector.onApplied((_, event) => this.changed(event));
    if (this.options.intervalMs > 0) {
      this.schedule = setInterval(() => this.queries.tenants().forEach((t) => this.run(t, 'schedule')), this.options.intervalMs);
    }
  }

  private changed(event: RecordedEvent): void {
    const tenantId = tenantChangedBy(event);
    if (!tenantId) return;
    clearTimeout(this.pending.get(tenantId));
    this.pending.set(
      tenantId,
      setTimeout(() => {
        this.pending.delete(tenantId);
        this.run(tenantId, 'change');
      }, this.options.debounceMs),
    );
  }

  private run(tenantId: string, trigger: Exclude<DriftTrigger, 'manual'>): void {
    const check = this.drift.runCheck(tenantId, trigger).catch((error: unknown) => this.options.onError(error, tenantId));
    this.running.add(check);
    void check.finally(() => this.running.delete(check));
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    if (this.schedule) clearInterval(this.schedule);
    this.pending.forEach((timer) => clearTimeout(timer));
    this.pending.clear();
    await Promise.all(this.running);
  }
}
