// Opens a Rolebook on the configured event store and data key store. Each process keeps its own
// read model file under DATA_DIR (readModelName): one projector per read model, many per event log.
// A process that does work on the read model at once waits until it has caught up with the log;
// an API replica whose work is on the workers (REDIS_URL) listens at once instead and reports not
// ready (/health/ready) until its lag is under READY_MAX_PROJECTION_LAG, however long the log.
import type { Config } from '@rolebook/config';
import { openReadModelDb, useCursorSecret } from '@rolebook/projections';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { composeRolebook, type Rolebook } from './compose';
import { openDataKeyStore } from './open-data-key-store';
import { installationSecret } from './installation-secret';
import { openEventStore } from './open-event-store';
import { loadSourceTexts } from './source-texts';

export const openRolebook = async (
  config: Config,
  logger: Logger,
  readModelName: string,
  { catchUp }: { catchUp: 'before-opening' | 'in-background' } = { catchUp: 'before-opening' },
): Promise<Rolebook> => {
  if (config.CURSOR_SECRET) useCursorSecret(config.CURSOR_SECRET);
  const sources = loadSourceTexts(config.SEEDS_DIR);
  if (sources.files === 0) logger.info('no seed texts in SEEDS_DIR: a published reference model may cite only what the built-in model cites');
  const store = await openEventStore(config, logger);
  const keys = await openDataKeyStore(config).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const rolebook = composeRolebook({
    secret: installationSecret(config),
    store,
    keys,
    readModelDb: openReadModelDb(join(config.DATA_DIR, `${readModelName}.db`)),
    onProjectionFailure: (error) => logger.fatal({ err: error }, 'projection stopped'),
    sourceTexts: sources.texts,
  });
  if (catchUp === 'before-opening') {
    await rolebook.projector.catchUp(120_000);
    rolebook.queries.warmCounts();
    rolebook.queries.warmDiffs();
  } else logger.info({ projected: rolebook.projector.projectedPosition }, 'read model catching up with the log in the background');
  return rolebook;
};
