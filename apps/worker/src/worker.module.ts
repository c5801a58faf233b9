// The worker process: drift checks and HRIS deliveries from BullMQ. It keeps its own read model
// of the shared event log for both to read, and shares the API's DATA_DIR for the delivery inbox.
// Requires REDIS_URL: without Redis, the API does both in its own process and there is nothing
// for a worker to do.
import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { openRolebook } from '@rolebook/application';
import type { Config } from '@rolebook/config';
import type { Logger } from 'pino';
import { startDriftProcessing } from './drift-processing';
import { startWebhookProcessing } from './webhook-processing';

const PROCESSING = Symbol('PROCESSING');

interface Processing {
  stop(): Promise<void>;
}

const startProcessing = async (config: Config, logger: Logger): Promise<Processing> => {
  const rolebook = await openRolebook(config, logger, 'read-model.worker');
  const parts = [startDriftProcessing(config, logger, rolebook), startWebhookProcessing(config, logger, rolebook)];
  return {
    stop: async () => {
      for (const part of parts) await part.stop();
      await rolebook.close();
    },
  };
};

@Module({})
export class WorkerModule implements OnApplicationShutdown {
  constructor(@Inject(PROCESSING) private readonly processing: Processing) {}

  static forRoot(config: Config, logger: Logger): DynamicModule {
    return { module: WorkerModule, providers: [{ provide: PROCESSING, useFactory: () => startProcessing(config, logger) }] };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.processing.stop();
  }
}
