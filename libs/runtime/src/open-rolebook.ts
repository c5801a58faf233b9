// Opens a Rolebook on the configured event store and data key store. Each process keeps its own
// read model file under DATA_DIR (readModelName): one projector per read model, many per event log.
import type { Config } from '@rolebook/config';
import { openReadModelDb } from '@rolebook/projections';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { composeRolebook, type Rolebook } from './compose';
import { openDataKeyStore } from './open-data-key-store';
import { openEventStore } from './open-event-store';

export const openRolebook = async (config: Config, logger: Logger, readModelName: string): Promise<Rolebook> => {
  const store = await openEventStore(config, logger);
  const keys = await openDataKeyStore(config).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const rolebook = composeRolebook({
    store,
    keys,
    readModelDb: openReadModelDb(join(config.DATA_DIR, `${readModelName}.db`)),
    onProjectionFailure: (error) => logger.fatal({ err: error }, 'projection stopped'),
  });
  await rolebook.projector.catchUp(120_000);
  return rolebook;
};
