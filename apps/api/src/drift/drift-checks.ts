// How the API has a drift check run: in this process (embedded mode), or through the BullMQ
// queue a worker takes it from (REDIS_URL set). Either way it answers once the run is recorded.
import type { Rolebook } from '@rolebook/application';
import type { DriftQueue } from '@rolebook/jobs';
import type { RunView } from '@rolebook/projections';

export const DRIFT_CHECKS = Symbol('DRIFT_CHECKS');

export interface DriftChecks {
  run(tenantId: string, runId: string, actor: string): Promise<RunView>;
}

export const inProcessDriftChecks = (rolebook: Rolebook): DriftChecks => ({
  run: (tenantId, runId, actor) => rolebook.drift.runCheck(tenantId, 'manual', runId, actor),
});

/** A worker records the run in the shared log; this instance then waits to have projected it. */
export const queuedDriftChecks = (rolebook: Rolebook, queue: DriftQueue): DriftChecks => ({
  run: async (tenantId, runId, actor) => {
    await queue.runNow(tenantId, runId, actor);
    for (let attempt = 0; attempt < 100; attempt++) {
      await rolebook.projector.catchUp();
      const run = rolebook.driftQueries.run(tenantId, runId);
      if (run) return run;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the drift run was recorded but is not visible yet');
  },
});
