// The worker process's work: drift checks, HRIS deliveries and HRIS sync runs from BullMQ, on a read model of
// its own of the shared event log. The delivery inbox and HRIS sync runs are the API's: in PostgreSQL
// with DATABASE_URL (any host), else in the DATA_DIR it shares with the API (one host).
import type { Config } from '@rolebook/config';
import type { Logger } from 'pino';
import { startDriftWorker } from './drift/drift-worker';
import { startHrisSyncWorker } from './hris/hris-sync-worker';
import { startWebhookWorker } from './hris/webhook-worker';
import { openRolebook } from './open-rolebook';

export const startWorker = async (config: Config, logger: Logger): Promise<{ stop(): Promise<void> }> => {
  const rolebook = await openRolebook(config, logger, 'read-model.worker');
  const parts = [
    startDriftWorker(config, logger, rolebook),
    await startWebhookWorker(config, logger, rolebook),
    await startHrisSyncWorker(config, logger, rolebook),
  ];
  return {
    stop: async () => {
      for (const part of parts) await part.stop();
      await rolebook.close();
    },
  };
};
