// rolebook rebuild [--read-model NAME]: refolds the API's read model (or the named one under
// DATA_DIR) from the first event, printing progress. Stop the service first. Events are read
// through the data keys, as the service reads them (erased people read as placeholders).
import { openDataKeyStore, openEventStore, sealingStore, sqliteEventsFile } from '@rolebook/runtime';
import { createLogger, type Config } from '@rolebook/config';
import { openReadModelDb, rebuildReadModel } from '@rolebook/projections';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from '../cli-error';
import { positionProgress } from './log-progress';

/** A read model's file name under DATA_DIR, without `.db`. */
export const READ_MODEL_NAME = /^[a-z0-9.-]+$/;

export async function rebuild(config: Config, options: { readModel: string }): Promise<void> {
  const name = options.readModel;
  if (config.EVENT_STORE === 'sqlite' && !existsSync(sqliteEventsFile(config))) throw new CliError(`No event store at ${sqliteEventsFile(config)}`);
  const logger = createLogger(config.LOG_LEVEL, 1, config.LOG_FORMAT);
  const keys = await openDataKeyStore(config);
  try {
    const { store } = sealingStore(await openEventStore(config, logger), keys);
    try {
      const db = openReadModelDb(join(config.DATA_DIR, `${name}.db`));
      try {
        console.log(`Rebuilding ${name} from the ${config.EVENT_STORE} event store (the service must be stopped)`);
        const done = await rebuildReadModel(store, db, {
          onProgress: (p) => console.log(`  ${p.applied} events, ${positionProgress(p)}, ${p.eventsPerSecond} events/s`),
        });
        console.log(`Rebuilt ${name}: ${done.applied} events up to position ${done.position}`);
        logger.info({ readModel: name, events: done.applied }, 'read model rebuilt');
      } finally {
        db.close();
      }
    } finally {
      await store.close();
    }
  } finally {
    await keys.close();
  }
}
