// Provides the process's Rolebook (embedded SQLite store and read model under DATA_DIR),
// caught up before the app serves, and how drift checks run: in this process (embedded mode)
// or through BullMQ to the worker (REDIS_URL set). Everything is closed on shutdown.
import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { InProcessDriftRunner, openRolebook, type Rolebook } from '@rolebook/application';
import type { Config } from '@rolebook/config';
import { DriftQueue, queueSettings } from '@rolebook/jobs';
import type { Logger } from 'pino';
import { DRIFT_CHECKS, inProcessDriftChecks, queuedDriftChecks } from './drift/drift-checks';
import { createMetrics, METRICS } from './health/metrics';
import { CONFIG, LOGGER, ROLEBOOK } from './rolebook.providers';

/** Whatever runs or enqueues drift checks for this process, stopped on shutdown. */
const DRIFT_LIFECYCLE = Symbol('DRIFT_LIFECYCLE');
const DRIFT_QUEUE = Symbol('DRIFT_QUEUE');

interface Stoppable {
  stop(): Promise<void>;
}

const queuedDrift = (config: Config): Provider[] => [
  { provide: DRIFT_QUEUE, useFactory: () => new DriftQueue(queueSettings(config), { debounceMs: 0, scheduleMs: 0 }) },
  { provide: DRIFT_LIFECYCLE, inject: [DRIFT_QUEUE], useFactory: (queue: DriftQueue): Stoppable => ({ stop: () => queue.close() }) },
  { provide: DRIFT_CHECKS, inject: [ROLEBOOK, DRIFT_QUEUE], useFactory: queuedDriftChecks },
];

const embeddedDrift = (config: Config, logger: Logger): Provider[] => [
  {
    provide: DRIFT_LIFECYCLE,
    inject: [ROLEBOOK],
    useFactory: (rolebook: Rolebook): Stoppable => {
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
];

@Global()
@Module({})
export class RolebookModule implements OnApplicationShutdown {
  constructor(
    @Inject(ROLEBOOK) private readonly rolebook: Rolebook,
    @Inject(DRIFT_LIFECYCLE) private readonly drift: Stoppable,
  ) {}

  static forRoot(config: Config, logger: Logger): DynamicModule {
    return {
      module: RolebookModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: ROLEBOOK, useFactory: () => openRolebook(config, logger, 'read-model') },
        ...(config.REDIS_URL ? queuedDrift(config) : embeddedDrift(config, logger)),
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
