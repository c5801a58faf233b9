// Opens a Rolebook on the embedded SQLite store under a data directory. Each process keeps its
// own read model file (readModelName): one projector per read model, many per event log.
import type { Config } from '@rolebook/config';
import { SqliteEventStore } from '@rolebook/event-store';
import { openReadModelDb } from '@rolebook/projections';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { composeRolebook, type Rolebook } from './compose';

export const openEmbeddedRolebook = async (config: Config, logger: Logger, readModelName: string): Promise<Rolebook> => {
  mkdirSync(config.DATA_DIR, { recursive: true });
  const rolebook = composeRolebook({
    store: new SqliteEventStore({ filename: join(config.DATA_DIR, 'events.db') }),
    readModelDb: openReadModelDb(join(config.DATA_DIR, `${readModelName}.db`)),
    onProjectionFailure: (error) => logger.fatal({ err: error }, 'projection stopped'),
  });
  await rolebook.projector.catchUp(120_000);
  return rolebook;
};
