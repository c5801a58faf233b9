// Provides the process's Rolebook (embedded SQLite store and read model under DATA_DIR),
// caught up before the app serves, and closed on shutdown.
import { Global, Module, type OnApplicationShutdown, Inject, type DynamicModule } from '@nestjs/common';
import { openEmbeddedRolebook, type Rolebook } from '@rolebook/application';
import type { Config } from '@rolebook/config';
import type { Logger } from 'pino';
import { CONFIG, LOGGER, ROLEBOOK } from './rolebook.providers';

@Global()
@Module({})
export class RolebookModule implements OnApplicationShutdown {
  constructor(@Inject(ROLEBOOK) private readonly rolebook: Rolebook) {}

  static forRoot(config: Config, logger: Logger): DynamicModule {
    return {
      module: RolebookModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: ROLEBOOK, useFactory: () => openEmbeddedRolebook(config, logger, 'read-model') },
      ],
      exports: [CONFIG, LOGGER, ROLEBOOK],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rolebook.close();
  }
}
