// The API's side of HRIS sync runs: recording a run and handing it on, to BullMQ for the worker
// when REDIS_URL is set (job id = run id), else to a runner in this process that also keeps the
// schedule.
import type { Config } from '@rolebook/config';
import type { Provider, SyncRun, SyncRunStore } from '@rolebook/hris';
import { HrisSyncQueue, queueSettings } from '@rolebook/jobs';
import type { Logger } from 'pino';
import type { Rolebook } from '../compose';
import { hrisSyncRuns, openSyncRunStore, syncableIntegrations } from './hris-sync-runs';
import { InProcessSyncRunner } from './in-process-sync-runner';

export interface SyncStart {
  /** The run's id: a retried start with the same id answers the same run. */
  id: string;
  tenantId: string;
  provider: Provider;
  dryRun: boolean;
  startedBy: string;
}

export interface HrisSyncs {
  runs: SyncRunStore;
  /** Records a run and hands it on; while one is unfinished for the tenant and provider, answers that one. */
  start(start: SyncStart): Promise<SyncRun>;
  stop(): Promise<void>;
}

export const openHrisSyncs = async (config: Config, logger: Logger, rolebook: Rolebook): Promise<HrisSyncs> => {
  const store = await openSyncRunStore(config);
  const syncs = hrisSyncRuns(config, logger, rolebook, store);

  if (config.REDIS_URL) {
    const queue = new HrisSyncQueue(queueSettings(config));
    return {
      runs: store,
      start: async (start) => {
        const { run } = await syncs.enqueue(start);
        // again for an unfinished run too: a no-op while its job exists, a recovery when Redis lost it
        if (run.status === 'QUEUED' || run.status === 'RUNNING') await queue.enqueue(run);
        return run;
      },
      stop: async () => {
        await queue.close();
        await store.close();
      },
    };
  }

  const runner = new InProcessSyncRunner(syncs, logger);
  runner.start(config.HRIS_SYNC_INTERVAL_MS, () => syncableIntegrations(config));
  return {
    runs: store,
    start: async (start) => {
      const { run, created } = await syncs.enqueue(start);
      if (created) runner.run(run.id);
      return run;
    },
    stop: async () => {
      await runner.stop();
      await store.close();
    },
  };
};
