import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Rolebook } from '@rolebook/runtime';
import type { Config } from '@rolebook/config';
import type { Logger } from 'pino';
import { CONFIG, HRIS, LOGGER, ROLEBOOK } from '../rolebook.providers';
import { openHris, type Hris } from '@rolebook/runtime';
import { WebhooksController } from './webhooks.controller';

@Module({})
export class WebhooksModule implements OnApplicationShutdown {
  constructor(@Inject(HRIS) private readonly hris: Hris) {}

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
      ],
      exports: [HRIS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.hris.stop();
  }
}
