// npm run rebuild-read-model [-- --read-model NAME]: refolds the API's read model (or the named
// one under DATA_DIR) from the first event, printing progress. Stop the service first. Events are
// read through the data keys, as the service reads them (erased people read as placeholders).
import { openDataKeyStore, openEventStore, sealingStore, sqliteEventsFile } from '@rolebook/runtime';
import { createLogger, loadConfigOrExit } from '@rolebook/config';
import { openReadModelDb, rebuildReadModel } from '@rolebook/projections';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { positionProgress } from './log-progress';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const { values } = parseArgs({ options: { 'read-model': { type: 'string', default: 'read-model' } } });
  const name = values['read-model'];
  if (!/^[a-z0-9.-]+$/.test(name)) throw new Error('--read-model must be a file name without extension');
  if (config.EVENT_STORE === 'sqlite' && !existsSync(sqliteEventsFile(config))) {
    console.error(`No event store at ${sqliteEventsFile(config)}`);
    process.exit(1);
  }
  const logger = createLogger(config.LOG_LEVEL);
  const keys = await openDataKeyStore(config);
  const { store } = sealingStore(await openEventStore(config, logger), keys);
  const db = openReadModelDb(join(config.DATA_DIR, `${name}.db`));
  console.log(`Rebuilding ${name} from the ${config.EVENT_STORE} event store (the service must be stopped)`);
  const done = await rebuildReadModel(store, db, (p) => console.log(`  ${p.applied} events, ${positionProgress(p)}, ${p.eventsPerSecond} events/s`));
  console.log(`Rebuilt ${name}: ${done.applied} events up to position ${done.position}`);
  logger.info({ readModel: name, events: done.applied }, 'read model rebuilt');
  db.close();
  await store.close();
  await keys.close();
}

void main();
