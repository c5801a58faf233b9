// The worker process: drift checks and HRIS deliveries from BullMQ (the runtime's startWorker).
// Requires REDIS_URL: without Redis, the API does both in its own process and there is nothing
// for a worker to do.
import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '@rolebook/config';
import { startWorker } from '@rolebook/runtime';
import type { Logger } from 'pino';

const PROCESSING = Symbol('PROCESSING');

interface Processing {
  stop(): Promise<void>;
}

@Module({})
export class WorkerModule implements OnApplicationShutdown {
  constructor(@Inject(PROCESSING) private readonly processing: Processing) {}

  static forRoot(config: Config, logger: Logger): DynamicModule {
    return { module: WorkerModule, providers: [{ provide: PROCESSING, useFactory: () => startWorker(config, logger) }] };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.processing.stop();
  }
}
