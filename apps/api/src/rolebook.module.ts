// Provides the process's Rolebook (embedded SQLite store and read model under DATA_DIR),
// caught up before the app serves, and closed on shutdown.
import { Global, Module, type OnApplicationShutdown, Inject, type DynamicModule } from '@nestjs/common';
import { InProcessDriftRunner, openEmbeddedRolebook, type Rolebook } from '@rolebook/application';
import type { Config } from '@rolebook/config';
import type { Logger } from 'pino';
import { DRIFT_CHECKS, inProcessDriftChecks } from './drift/drift-checks';
import { CONFIG, LOGGER, ROLEBOOK } from './rolebook.providers';

const DRIFT_RUNNER = Symbol('DRIFT_RUNNER');

@Global()
@Module({})
export class RolebookModule implements OnApplicationShutdown {
  constructor(
    @Inject(ROLEBOOK) private readonly rolebook: Rolebook,
    @Inject(DRIFT_RUNNER) private readonly driftRunner: InProcessDriftRunner,
  ) {}

  static forRoot(config: Config, logger: Logger): DynamicModule {
    return {
      module: RolebookModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: ROLEBOOK, useFactory: () => openEmbeddedRolebook(config, logger, 'read-model') },
        // embedded mode: drift checks run in this process, after changes and on a schedule
        {
          provide: DRIFT_RUNNER,
          inject: [ROLEBOOK],
          useFactory: (rolebook: Rolebook) => {
            const runner = new InProcessDriftRunner(rolebook.drift, rolebook.projector, rolebook.queries, {
              debounceMs: config.DRIFT_DEBOUNCE_MS,
              intervalMs: config.DRIFT_SCHEDULE_MS,
              onError: (err, tenantId) => logger.error({ err, tenantId }, 'drift check failed'),
            });
            runner.start();
            return runner;
          },
        },
        { provide: DRIFT_CHECKS, inject: [ROLEBOOK], useFactory: inProcessDriftChecks },
      ],
      exports: [CONFIG, LOGGER, ROLEBOOK, DRIFT_CHECKS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.driftRunner.stop();
    await this.rolebook.close();
  }
}
