import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Rolebook } from '@rolebook/runtime';
import type { Config } from '@rolebook/config';
import type { Logger } from 'pino';
import { CONFIG, HRIS, HRIS_SYNCS, LOGGER, ROLEBOOK } from '../rolebook.providers';
import { openHris, openHrisSyncs, type Hris, type HrisSyncs } from '@rolebook/runtime';
import { WebhooksController } from './webhooks.controller';

@Module({})
export class WebhooksModule implements OnApplicationShutdown {
  constructor(
    @Inject(HRIS) private readonly hris: Hris,
    @Inject(HRIS_SYNCS) private readonly syncs: HrisSyncs,
  ) {}

  static forRoot(): DynamicModule {
    return {
      module: WebhooksModule,
      controllers: [WebhooksController],
      providers: [
        {
          provide: HRIS,
          inject: [CONFIG, LOGGER, ROLEBOOK],
          useFactory: (config: Config, logger: Logger, rolebook: Rolebook) => openHris(config, logger, rolebook),
        },
        {
          provide: HRIS_SYNCS,
          inject: [CONFIG, LOGGER, ROLEBOOK],
          useFactory: (config: Config, logger: Logger, rolebook: Rolebook) => openHrisSyncs(config, logger, rolebook),
        },
      ],
      exports: [HRIS, HRIS_SYNCS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.syncs.stop();
    await this.hris.stop();
  }
}
