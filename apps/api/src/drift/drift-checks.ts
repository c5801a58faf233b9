// How the API has a drift check run: in this process (embedded mode), or through the BullMQ
// queue a worker takes it from (REDIS_URL set). Either way it answers once the run is recorded.
import type { Rolebook } from '@rolebook/application';
import type { RunView } from '@rolebook/projections';

export const DRIFT_CHECKS = Symbol('DRIFT_CHECKS');

export interface DriftChecks {
  run(tenantId: string, runId: string, actor: string): Promise<RunView>;
}

export const inProcessDriftChecks = (rolebook: Rolebook): DriftChecks => ({
  run: (tenantId, runId, actor) => rolebook.drift.runCheck(tenantId, 'manual', runId, actor),
});
