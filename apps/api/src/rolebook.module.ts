// Provides the process's Rolebook (the configured event store and a read model under DATA_DIR),
// caught up before the app serves, how drift checks run (the runtime chooses: in this process,
// or through BullMQ to the worker when REDIS_URL is set), and who may ask (the access stores,
// the authenticator, the open subscription connections, the rate limits). Everything is closed on shutdown.
import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '@rolebook/config';
import { openAccess, openDriftChecks, openRolebook, type Access, type DriftChecks, type Rolebook } from '@rolebook/runtime';
import type { Logger } from 'pino';
import { LiveConnections } from './auth/live-connections';
import { authenticateWith, type Authenticate } from './graphql/request-context';
import { createMetrics, METRICS } from './health/metrics';
import { RateLimits, rateLimitSettings } from './rate-limits/rate-limits';
import { ACCESS, AUTHENTICATE, CONFIG, DRIFT_CHECKS, LOGGER, RATE_LIMITS, ROLEBOOK } from './rolebook.providers';

@Global()
@Module({})
export class RolebookModule implements OnApplicationShutdown {
  constructor(
    @Inject(ROLEBOOK) private readonly rolebook: Rolebook,
    @Inject(DRIFT_CHECKS) private readonly drift: DriftChecks,
    @Inject(ACCESS) private readonly access: Access,
    private readonly connections: LiveConnections,
    @Inject(RATE_LIMITS) private readonly rateLimits: RateLimits,
  ) {}

  static forRoot(config: Config, logger: Logger): DynamicModule {
    return {
      module: RolebookModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        {
          provide: ROLEBOOK,
          // with REDIS_URL the work that needs a caught-up read model is on the workers: a fresh replica listens
          // at once and is not ready until it has caught up; in embedded mode this process does that work itself
          useFactory: () => openRolebook(config, logger, 'read-model', { catchUp: config.REDIS_URL ? 'in-background' : 'before-opening' }),
        },
        { provide: DRIFT_CHECKS, inject: [ROLEBOOK], useFactory: (rolebook: Rolebook) => openDriftChecks(config, logger, rolebook) },
        { provide: METRICS, inject: [ROLEBOOK], useFactory: createMetrics },
        { provide: ACCESS, useFactory: () => openAccess(config) },
        { provide: RATE_LIMITS, useFactory: () => RateLimits.open(rateLimitSettings(config), logger) },
        {
          provide: AUTHENTICATE,
          inject: [ACCESS],
          useFactory: (access: Access): Authenticate => authenticateWith(config.AUTH === 'on' ? access.authenticator : null, config.DEFAULT_TENANT),
        },
        {
          provide: LiveConnections,
          inject: [AUTHENTICATE],
          useFactory: (authenticate: Authenticate) => {
            const connections = new LiveConnections(authenticate, logger, config.WS_MAX_CONNECTIONS_PER_PRINCIPAL);
            connections.startChecking(config.WS_RECHECK_MS);
            return connections;
          },
        },
      ],
      exports: [CONFIG, LOGGER, ROLEBOOK, DRIFT_CHECKS, METRICS, ACCESS, AUTHENTICATE, LiveConnections, RATE_LIMITS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.connections.stop();
    await this.drift.stop();
    await this.rolebook.close();
    await this.access.close();
    await this.rateLimits.close();
  }
}
