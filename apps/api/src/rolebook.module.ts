// Provides the process's Rolebook (embedded SQLite store and read model under DATA_DIR),
// caught up before the app serves, and closed on shutdown.
import { Global, Module, type OnApplicationShutdown, Inject, type DynamicModule } from '@nestjs/common';
import { composeRolebook, type Rolebook } from '@rolebook/application';
import type { Config } from '@rolebook/config';
import { SqliteEventStore } from '@rolebook/event-store';
import { openReadModelDb } from '@rolebook/projections';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { CONFIG, LOGGER, ROLEBOOK } from './rolebook.providers';

export const openEmbeddedRolebook = async (config: Config, logger: Logger): Promise<Rolebook> => {
  mkdirSync(config.DATA_DIR, { recursive: true });
  const rolebook = composeRolebook({
    store: new SqliteEventStore({ filename: join(config.DATA_DIR, 'events.db') }),
    readModelDb: openReadModelDb(join(config.DATA_DIR, 'read-model.db')),
    onProjectionFailure: (error) => logger.fatal({ err: error }, 'projection stopped'),
  });
  await rolebook.projector.catchUp(120_000);
  return rolebook;
};

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
        { provide: ROLEBOOK, useFactory: () => openEmbeddedRolebook(config, logger) },
      ],
      exports: [CONFIG, LOGGER, ROLEBOOK],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rolebook.close();
  }
}
