// The worker process's work: drift checks, HRIS deliveries and HRIS sync runs from BullMQ, on a read model of
// its own of the shared event log. It shares the API's DATA_DIR for the delivery inbox.
import type { Config } from '@rolebook/config';
import type { Logger } from 'pino';
import { startDriftWorker } from './drift/drift-worker';
import { startHrisSyncWorker } from './hris/hris-sync-worker';
import { startWebhookWorker } from './hris/webhook-worker';
import { openRolebook } from './open-rolebook';

export const startWorker = async (config: Config, logger: Logger): Promise<{ stop(): Promise<void> }> => {
  const rolebook = await openRolebook(config, logger, 'read-model.worker');
  const parts = [startDriftWorker(config, logger, rolebook), startWebhookWorker(config, logger, rolebook), startHrisSyncWorker(config, logger, rolebook)];
  return {
    stop: async () => {
      for (const part of parts) await part.stop();
      await rolebook.close();
    },
  };
};
