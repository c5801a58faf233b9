// rolebook migrate-to-kurrentdb: copies the embedded store's history (DATA_DIR/events.db) into the
// KurrentDB at KURRENTDB_CONNECTION_STRING (with EVENT_STORE=kurrentdb), in order, printing
// progress. Safe to re-run: it continues after what an earlier run copied. Stop writers first.
// Personal fields still in plain text in the embedded log are sealed on the way (with the keys of
// DATA_DIR/keys.db, or DATABASE_URL's), and a person erased meanwhile is copied as erased:
// KurrentDB only ever receives ciphertext or placeholders.
import { PersonalDataProtector, sealForCopy } from '@rolebook/privacy';
import { openDataKeyStore, openEventStore, sqliteEventsFile } from '@rolebook/runtime';
import { createLogger, type Config } from '@rolebook/config';
import { migrateIntoKurrentDb, SqliteEventStore } from '@rolebook/event-store';
import { existsSync } from 'node:fs';
import { CliError } from '../cli-error';
import { positionProgress } from './log-progress';

export async function migrateToKurrentDb(config: Config): Promise<void> {
  if (config.EVENT_STORE !== 'kurrentdb') throw new CliError('Set EVENT_STORE=kurrentdb and KURRENTDB_CONNECTION_STRING to the target server');
  const eventsFile = sqliteEventsFile(config);
  if (!existsSync(eventsFile)) throw new CliError(`No embedded event store at ${eventsFile} (DATA_DIR)`);
  const logger = createLogger(config.LOG_LEVEL, 1, config.LOG_FORMAT);
  const source = new SqliteEventStore({ filename: eventsFile });
  const keys = await openDataKeyStore(config);
  const target = await openEventStore(config, logger);
  const protector = new PersonalDataProtector(keys);
  console.log(`Copying ${eventsFile} into KurrentDB`);
  try {
    const done = await migrateIntoKurrentDb(
      source,
      target,
      (p) => console.log(`  ${p.copied} copied, ${p.alreadyThere} already there, ${positionProgress(p)}`),
      undefined,
      // sealed as the sealing copy does: a person erased before the migration is copied as erased
      async (event) => (await sealForCopy(protector, event.stream, event)).event,
    );
    console.log(`Migrated: ${done.copied} events copied, ${done.alreadyThere} were already there`);
    logger.info({ copied: done.copied, alreadyThere: done.alreadyThere }, 'migration to KurrentDB done');
  } finally {
    await source.close();
    await target.close();
    await keys.close();
  }
}
