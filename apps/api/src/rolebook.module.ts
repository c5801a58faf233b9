// Provides the process's Rolebook (the configured event store and a read model under DATA_DIR),
// caught up before the app serves, and how drift checks run (the runtime chooses: in this
// process, or through BullMQ to the worker when REDIS_URL is set). Everything is closed on shutdown.
import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '@rolebook/config';
import { openDriftChecks, openRolebook, type DriftChecks, type Rolebook } from '@rolebook/runtime';
import type { Logger } from 'pino';
import { createMetrics, METRICS } from './health/metrics';
import { CONFIG, DRIFT_CHECKS, LOGGER, ROLEBOOK } from './rolebook.providers';

@Global()
@Module({})
export class RolebookModule implements OnApplicationShutdown {
  constructor(
    @Inject(ROLEBOOK) private readonly rolebook: Rolebook,
    @Inject(DRIFT_CHECKS) private readonly drift: DriftChecks,
  ) {}

  static forRoot(config: Config, logger: Logger): DynamicModule {
    return {
      module: RolebookModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: ROLEBOOK, useFactory: () => openRolebook(config, logger, 'read-model') },
        { provide: DRIFT_CHECKS, inject: [ROLEBOOK], useFactory: (rolebook: Rolebook) => openDriftChecks(config, logger, rolebook) },
        { provide: METRICS, inject: [ROLEBOOK], useFactory: createMetrics },
      ],
      exports: [CONFIG, LOGGER, ROLEBOOK, DRIFT_CHECKS, METRICS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.drift.stop();
    await this.rolebook.close();
  }
}
