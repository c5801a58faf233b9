// How the API has drift checks run: in this process (embedded mode: on demand, debounced after
// changes and on a schedule), or through the BullMQ queue a worker takes them from (REDIS_URL
// set). Either way a check on demand answers once the run is recorded and projected here.
import type { Config } from '@rolebook/config';
import { DriftQueue, queueSettings } from '@rolebook/jobs';
import type { RunView } from '@rolebook/projections';
import type { Logger } from 'pino';
import type { Rolebook } from '../compose';
import { InProcessDriftRunner } from './in-process-drift-runner';

export interface DriftChecks {
  run(tenantId: string, runId: string, actor: string): Promise<RunView>;
  stop(): Promise<void>;
}

const inProcess = (config: Config, logger: Logger, rolebook: Rolebook): DriftChecks => {
  const runner = new InProcessDriftRunner(rolebook.drift, rolebook.projector, rolebook.queries, {
    debounceMs: config.DRIFT_DEBOUNCE_MS,
    intervalMs: config.DRIFT_SCHEDULE_MS,
    onError: (err, tenantId) => logger.error({ err, tenantId }, 'drift check failed'),
  });
  runner.start();
  return {
    run: (tenantId, runId, actor) => rolebook.drift.runCheck(tenantId, 'manual', runId, actor),
    stop: () => runner.stop(),
  };
};

/** A worker records the run in the shared log; this process then waits to have projected it. */
const queued = (config: Config, rolebook: Rolebook): DriftChecks => {
  // the worker debounces and schedules; this side only asks for checks on demand
  const queue = new DriftQueue(queueSettings(config), { debounceMs: 0, scheduleMs: 0 });
  return {
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
    stop: () => queue.close(),
  };
};

export const openDriftChecks = (config: Config, logger: Logger, rolebook: Rolebook): DriftChecks =>
  config.REDIS_URL ? queued(config, rolebook) : inProcess(config, logger, rolebook);
