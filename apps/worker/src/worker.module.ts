// The worker process: background processors over the same event log as the API. It keeps its
// own read model caught up for them. No processors are registered yet (drift checks and HRIS
// ingestion arrive with their issues), so today it only projects.
import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { openEmbeddedRolebook, type Rolebook } from '@rolebook/application';
import type { Config } from '@rolebook/config';
import type { Logger } from 'pino';

const ROLEBOOK = Symbol('ROLEBOOK');

@Module({})
export class WorkerModule implements OnApplicationShutdown {
  constructor(@Inject(ROLEBOOK) private readonly rolebook: Rolebook) {}

  static forRoot(config: Config, logger: Logger): DynamicModule {
    return {
      module: WorkerModule,
      providers: [{ provide: ROLEBOOK, useFactory: () => openEmbeddedRolebook(config, logger, 'read-model.worker') }],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rolebook.close();
  }
}
