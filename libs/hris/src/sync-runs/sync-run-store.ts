// HRIS sync runs (issue #15 part 4: a full reconciliation of a tenant's org with a provider's
// employee directory) as records every process agrees on: the API that starts one, the worker
// that runs it, and whoever lists them. The port; the SQLite adapter shares the delivery inbox's
// file (DATA_DIR/webhooks.db), the PostgreSQL one its database (DATABASE_URL), both held to one
// contract suite (testing/sync-run-store.contract.ts).
import type { ApiProvider } from '../clients';
import type { Provider } from '../providers';

export const SYNC_RUN_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED'] as const;

export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];

/** What a run did (or, dry, would do): one count per employee listed. `failed`: refused with a reason. */
export interface SyncCounts {
  created: number;
  updated: number;
  terminated: number;
  unchanged: number;
  failed: number;
}

/** One employee's planned change, naming no personal data: ids, what changes, the role name, a reason code. */
export interface PlannedChange {
  employeeId: string;
  personId: string | null;
  outcome: 'created' | 'updated' | 'terminated' | 'unchanged' | 'failed';
  changes: string[];
  role: string | null;
  /** Why the employee was refused (a stable code), for `failed`. */
  reason: string | null;
}

export interface SyncRun {
  id: string;
  tenantId: string;
  provider: ApiProvider;
  dryRun: boolean;
  status: SyncRunStatus;
  /** The actor who started it (`key:<name>`, `user:<sub>`) or `schedule`. */
  startedBy: string;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Null until it finished. */
  counts: SyncCounts | null;
  /** Dry runs: what would change, per employee listed (only employees with a change or a refusal). */
  plan: PlannedChange[] | null;
  /** Why it failed: a reason code (API_NOT_CONFIGURED, VENDOR_API_FAILED, INTERRUPTED, UNEXPECTED), never input values. */
  error: string | null;
}

export interface NewSyncRun {
  id: string;
  tenantId: string;
  provider: ApiProvider;
  dryRun: boolean;
  startedBy: string;
  queuedAt: string;
}

export interface SyncRunFilter {
  provider?: Provider;
}

export interface SyncRunStore {
  /**
   * Records a QUEUED run, unless the tenant already has one QUEUED or RUNNING for the provider:
   * then answers that one, `created: false` (one run per tenant and provider at a time).
   */
  enqueue(run: NewSyncRun): Promise<{ run: SyncRun; created: boolean }>;
  get(id: string): Promise<SyncRun | null>;
  /** QUEUED (or RUNNING, left so by a process that died) becomes RUNNING; null when the run is finished or unknown. */
  begin(id: string, at: string): Promise<SyncRun | null>;
  succeed(id: string, at: string, counts: SyncCounts, plan: PlannedChange[] | null): Promise<SyncRun>;
  /** An unfinished run FAILED with a reason code; a finished one is answered as it is. */
  fail(id: string, at: string, error: string): Promise<SyncRun>;
  /** The start of the tenant's last successful real (not dry) run with the provider, or null. */
  lastSucceededStart(tenantId: string, provider: ApiProvider): Promise<string | null>;
  /** Runs not finished (QUEUED or RUNNING), oldest first: after a crash, the in-process runner takes them up again. */
  unfinished(): Promise<SyncRun[]>;
  /** Newest first; `after` is the seq cursor of the last run of the previous page. */
  list(tenantId: string, filter: SyncRunFilter, after: number | null, first: number): Promise<{ seq: number; run: SyncRun }[]>;
  count(tenantId: string, filter: SyncRunFilter): Promise<number>;
  close(): Promise<void>;
}
