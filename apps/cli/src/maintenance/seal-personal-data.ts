// rolebook seal-personal-data [--delete-plaintext]: upgrades an embedded event log written
// before personal data was sealed. Copies DATA_DIR/events.db into DATA_DIR/events.sealing.db with
// every plain personal field sealed (same positions, ids and recorded times), then swaps the
// files: the old log is kept as DATA_DIR/events.plaintext.db until you delete it (or at once with
// --delete-plaintext). Stop the API and the worker first. Resumable: an interrupted run continues
// where it stopped. Read models need no rebuild (positions do not change).
//
// KurrentDB logs are not upgraded in place (its events cannot be rewritten): rolebook
// seal-kurrentdb-log copies one into a new KurrentDB database, sealed; rolebook
// migrate-to-kurrentdb seals a plain embedded log on its way into KurrentDB.
import { createLogger, type Config } from '@rolebook/config';
import { openDataKeyStore, sealSqliteLog, sqliteEventsFile } from '@rolebook/runtime';
import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from '../cli-error';
import { positionProgress } from './log-progress';

const removeSqliteFile = (file: string) => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
};

export async function sealPersonalData(config: Config, options: { deletePlaintext: boolean }): Promise<void> {
  if (config.EVENT_STORE !== 'sqlite')
    throw new CliError(
      'EVENT_STORE=kurrentdb: events in KurrentDB cannot be rewritten in place; copy the log sealed into a new database with rolebook seal-kurrentdb-log --to <connection string>',
    );
  const events = sqliteEventsFile(config);
  const sealing = join(config.DATA_DIR, 'events.sealing.db');
  const plaintext = join(config.DATA_DIR, 'events.plaintext.db');
  if (!existsSync(events)) throw new CliError(`No event store at ${events}`);
  if (existsSync(plaintext))
    throw new CliError(
      `${plaintext} exists: an earlier run swapped the files already. Delete it once the service runs on the sealed log, then run again if needed.`,
    );
  const logger = createLogger(config.LOG_LEVEL, 1, config.LOG_FORMAT);
  // everything the WAL holds into events.db, so the copy and the swap see the whole log
  const checkpoint = new Database(events);
  checkpoint.pragma('wal_checkpoint(TRUNCATE)');
  checkpoint.close();
  const keys = await openDataKeyStore(config);
  console.log(`Sealing the personal data of ${events} into ${sealing} (the API and the worker must be stopped)`);
  try {
    const done = await sealSqliteLog(events, sealing, keys, (p) =>
      console.log(`  ${p.copied + p.alreadyThere} events, ${positionProgress({ position: p.position, head: p.head })}`),
    );
    console.log(`Sealed: ${done.copied} events copied, ${done.alreadyThere} were already there, ${done.erased} of erased people written as placeholders`);
    logger.info({ copied: done.copied, alreadyThere: done.alreadyThere, erased: done.erased }, 'personal data of the event log sealed');
  } finally {
    await keys.close();
  }
  removeSqliteFile(plaintext);
  renameSync(events, plaintext);
  rmSync(`${events}-wal`, { force: true });
  rmSync(`${events}-shm`, { force: true });
  renameSync(sealing, events);
  rmSync(`${sealing}-wal`, { force: true });
  rmSync(`${sealing}-shm`, { force: true });
  if (options.deletePlaintext) {
    removeSqliteFile(plaintext);
    console.log(`${events} is the sealed log; the plain-text log was deleted.`);
  } else {
    console.log(`${events} is the sealed log. The plain-text log is kept as ${plaintext}: delete it once the service runs,`);
    console.log('and delete or expire the backups of events.db made before now: they hold the plain text too.');
  }
}
