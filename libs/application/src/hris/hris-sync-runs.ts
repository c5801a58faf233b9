// HRIS reconciliation runs (issue #15 part 4): webhooks get lost, so a full sync reads a provider's
// employee directory through its API and reconciles the tenant's org with it, through the same
// Reconciler `rolebook import` uses. Every command it records carries `source: hris:PROVIDER`,
// actor `hris:PROVIDER` (as a delivery's) and the run id as correlation and causation; idempotency
// keys derived from the run make a run taken up again after a crash record nothing twice, and a
// second run with no HRIS change plans nothing. A dry run records the plan on the run and changes
// nothing. Merge lists only employees modified after the last clean run's start (successful and
// refusing nobody), so an employee refused is listed again until a run takes them.
import { InvalidInput } from '@rolebook/domain';
import {
  hasApi,
  ProviderApiError,
  ProviderApiNotConfigured,
  type ApiProvider,
  type DirectoryEmployee,
  type PlannedChange,
  type Provider,
  type SyncCounts,
  type SyncRun,
  type SyncRunStore,
} from '@rolebook/hris';
import { countsOf, type Plan, type ReconcileRun } from '../org/reconcile/employee-record';
import { recordOfDirectoryEmployee } from '../org/reconcile/directory-records';
import type { Reconciler } from '../org/reconcile/reconciler';

/** A tenant's directory at a provider; throws ProviderApiNotConfigured without credentials. */
export type DirectoryLister = (tenantId: string, provider: ApiProvider, options: { modifiedAfter?: string }) => AsyncIterable<DirectoryEmployee>;

/** Reason codes a failed run records (never a vendor's answer or personal data). */
export type SyncFailure = 'API_NOT_CONFIGURED' | 'VENDOR_API_FAILED' | 'UNEXPECTED';

export const failureOf = (error: unknown): SyncFailure =>
  error instanceof ProviderApiNotConfigured ? 'API_NOT_CONFIGURED' : error instanceof ProviderApiError ? 'VENDOR_API_FAILED' : 'UNEXPECTED';

/** A plan's counts as a run reports them: refused records are `failed`. */
export const syncCountsOf = (plan: Plan): SyncCounts => {
  const { refused, ...rest } = countsOf(plan.records);
  return { ...rest, failed: refused };
};

/** What a dry run shows: the employees with a change or a refusal, by id (no names, no emails). */
export const plannedChangesOf = (plan: Plan): PlannedChange[] =>
  plan.records
    .filter((r) => r.outcome !== 'unchanged')
    .map((r) => ({
      employeeId: r.employeeId,
      personId: r.personId,
      outcome: r.outcome === 'refused' ? 'failed' : r.outcome,
      changes: [...r.changes],
      role: r.role,
      reason: r.refusal?.reason ?? null,
    }));

export class HrisSyncRuns {
  constructor(
    readonly runs: SyncRunStore,
    private readonly reconciler: Reconciler,
    private readonly list: DirectoryLister,
    private readonly clock: () => Date = () => new Date(),
    /** Told of a failure that is not the vendor's or the configuration's (a bug, a store down), with the run; the run is FAILED with UNEXPECTED. */
    private readonly onUnexpected: (error: unknown, run: SyncRun) => void = () => undefined,
  ) {}

  /**
   * Records a QUEUED run (`id` chosen by the caller: a retried start with the same id answers the
   * same run); while the tenant has one unfinished for the provider, answers that one instead.
   */
  async enqueue(start: { id: string; tenantId: string; provider: Provider; dryRun: boolean; startedBy: string }): Promise<{ run: SyncRun; created: boolean }> {
    const { provider } = start;
    if (!hasApi(provider)) throw new InvalidInput('NO_PROVIDER_API', `${provider} has no employee directory API to sync from`, 'provider');
    return this.runs.enqueue({ ...start, provider, queuedAt: this.now() });
  }

  /** Runs a queued run (or one left RUNNING by a process that died) to its end; a finished one is answered as it is. */
  async run(id: string): Promise<SyncRun | null> {
    const run = await this.runs.begin(id, this.now());
    if (!run) return this.runs.get(id);
    try {
      const plan = await this.plan(run);
      const done = run.dryRun ? plan : await this.reconciler.apply(plan);
      return await this.runs.succeed(id, this.now(), syncCountsOf(done), run.dryRun ? plannedChangesOf(done) : null);
    } catch (error) {
      const failure = failureOf(error);
      if (failure === 'UNEXPECTED') this.onUnexpected(error, run);
      return this.runs.fail(id, this.now(), failure);
    }
  }

  private async plan(run: SyncRun): Promise<Plan> {
    const now = run.startedAt ?? this.now();
    const modifiedAfter = run.provider === 'merge' ? await this.runs.lastCleanStart(run.tenantId, run.provider) : null;
    const records = [];
    for await (const employee of this.list(run.tenantId, run.provider, modifiedAfter ? { modifiedAfter } : {}))
      records.push(recordOfDirectoryEmployee(employee, now));
    const reconcile: ReconcileRun = {
      tenantId: run.tenantId,
      source: `hris:${run.provider}`,
      directory: run.provider,
      runId: run.id,
      actor: `hris:${run.provider}`,
      now,
    };
    return this.reconciler.plan(reconcile, records);
  }

  private now(): string {
    return this.clock().toISOString();
  }
}
