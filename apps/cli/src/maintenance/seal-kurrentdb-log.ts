// rolebook seal-kurrentdb-log --to <connection string>: upgrades a KurrentDB log written before
// personal data was sealed. KurrentDB events cannot be rewritten, so the log at
// KURRENTDB_CONNECTION_STRING (EVENT_STORE=kurrentdb) is copied into a new KurrentDB database with
// every plain personal field sealed, with the keys of DATA_DIR/keys.db (or DATABASE_URL's); the
// operator then points the service at the new database and deletes the old one and its backups.
// Stop the API and the worker first. Resumable; a no-op when run again; a target holding another
// history, or the source itself, is refused. Connection strings are never printed (they may hold
// a password).
import { createLogger, type Config } from '@rolebook/config';
import { STREAM_PREFIX } from '@rolebook/domain';
import { KurrentDbEventStore, MigrationDiverged } from '@rolebook/event-store';
import { openDataKeyStore, openEventStore, SealTargetIsSource, sealKurrentDbLog as sealingCopy } from '@rolebook/runtime';
import { CliError, EXIT } from '../cli-error';
import { positionProgress } from './log-progress';

const openTarget = async (connectionString: string): Promise<KurrentDbEventStore> => {
  const target = new KurrentDbEventStore({ connectionString, streamPrefix: STREAM_PREFIX });
  try {
    await target.headPosition();
    return target;
  } catch (error) {
    await target.close().catch(() => undefined);
    throw new CliError(`The target KurrentDB (--to) cannot be reached: ${error instanceof Error ? error.message : String(error)}`);
  }
};

export async function sealKurrentDbLog(config: Config, options: { to: string }): Promise<void> {
  if (config.EVENT_STORE !== 'kurrentdb' || !config.KURRENTDB_CONNECTION_STRING)
    throw new CliError('Set EVENT_STORE=kurrentdb and KURRENTDB_CONNECTION_STRING to the KurrentDB log to seal (the source); --to names the new database');
  if (options.to.trim() === config.KURRENTDB_CONNECTION_STRING.trim())
    throw new CliError('--to is KURRENTDB_CONNECTION_STRING: KurrentDB events cannot be rewritten in place; give a new KurrentDB database', EXIT.usage);
  const logger = createLogger(config.LOG_LEVEL, 1, config.LOG_FORMAT);
  const keys = await openDataKeyStore(config);
  try {
    // the source as it is stored (plain text included), not through the service's sealing store
    const source = await openEventStore(config, logger);
    try {
      const target = await openTarget(options.to);
      try {
        console.log('Copying the KurrentDB log (KURRENTDB_CONNECTION_STRING) into --to, sealing personal data (the API and the worker must be stopped)');
        const done = await sealingCopy(source, target, keys, (p) =>
          console.log(`  ${p.copied} copied, ${p.alreadyThere} already there, ${p.erased} of erased people as placeholders, ${positionProgress(p)}`),
        );
        console.log(
          `Sealed copy: ${done.copied} events copied, ${done.alreadyThere} were already there, ${done.erased} of erased people written as placeholders`,
        );
        console.log('Next: set KURRENTDB_CONNECTION_STRING to the new database, rebuild the read models (rolebook rebuild, and');
        console.log('rolebook rebuild --read-model read-model.worker), start the service, then delete the old database and its backups:');
        console.log('they hold the plain text.');
        logger.info({ copied: done.copied, alreadyThere: done.alreadyThere, erased: done.erased }, 'sealing copy of the KurrentDB log done');
      } catch (error) {
        if (error instanceof MigrationDiverged)
          throw new CliError(`${error.message}. --to must be a new KurrentDB database, or one an earlier run of this command copied into`);
        if (error instanceof SealTargetIsSource) throw new CliError(error.message);
        throw error;
      } finally {
        await target.close();
      }
    } finally {
      await source.close();
    }
  } finally {
    await keys.close();
  }
}
