// Opens a Rolebook on the configured event store and data key store. Each process keeps its own
// read model file under DATA_DIR (readModelName): one projector per read model, many per event log.
// A process that does work on the read model at once waits until it has caught up with the log;
// an API replica whose work is on the workers (REDIS_URL) listens at once instead and reports not
// ready (/health/ready) until its lag is under READY_MAX_PROJECTION_LAG, however long the log.
// A read model rebuilt beside the live one (rolebook rebuild --beside) is switched to as soon as
// it is asked for (read-model-files.ts), or at start when it was asked for while none ran.
import type { Config } from '@rolebook/config';
import { openReadModelDb, useCursorSecret } from '@rolebook/projections';
import type { Logger } from 'pino';
import { composeRolebook, type Rolebook } from './compose';
import { ReadModelFiles } from './read-model-files';
import { openDataKeyStore } from './open-data-key-store';
import { installationSecret } from './installation-secret';
import { openEventStore } from './open-event-store';
import { loadSourceTexts } from './source-texts';

/** How often a process looks for a read model rebuilt beside its own, to switch to. */
export const SWITCH_POLL_MS = 500;

/** Switches to a rebuilt read model when NAME.switch asks for one; answers the function that stops looking. */
const switchWhenAsked = (files: ReadModelFiles, rolebook: Rolebook, logger: Logger, pollMs: number): (() => void) => {
  let switching = false;
  let stopped = false;
  const switchTo = async (file: string): Promise<void> => {
    const replaced = files.live();
    logger.info({ readModel: file }, 'switching to the read model rebuilt beside');
    let previousClosed: Promise<void>;
    try {
      ({ previousClosed } = await rolebook.switchReadModel(openReadModelDb(files.filePath(file))));
    } catch (error) {
      // stopped mid-switch: the request stays, and the next start switches
      if (stopped) return logger.info({ readModel: file }, 'stopped before switching to the rebuilt read model: it is switched to at the next start');
      logger.error({ err: error, readModel: file }, 'could not switch to the rebuilt read model; still serving the one in use');
      return files.dropRequest();
    }
    try {
      files.switched(file);
      logger.info({ readModel: file, position: rolebook.projector.projectedPosition }, 'read model switched');
      await previousClosed;
      files.remove(replaced);
    } catch (error) {
      // serving the new file; if it was not recorded, the request stays and the next start switches to it again
      logger.error({ err: error, readModel: file, replaced }, 'switched to the rebuilt read model, but could not record it or delete the replaced file');
    }
  };
  const timer = setInterval(() => {
    if (switching) return;
    const file = files.requested();
    if (file === null) return;
    switching = true;
    void switchTo(file).finally(() => (switching = false));
  }, pollMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
};

export const openRolebook = async (
  config: Config,
  logger: Logger,
  readModelName: string,
  { catchUp, switchPollMs = SWITCH_POLL_MS }: { catchUp: 'before-opening' | 'in-background'; switchPollMs?: number } = { catchUp: 'before-opening' },
): Promise<Rolebook> => {
  if (config.CURSOR_SECRET) useCursorSecret(config.CURSOR_SECRET);
  const sources = loadSourceTexts(config.SEEDS_DIR);
  if (sources.files === 0) logger.info('no seed texts in SEEDS_DIR: a published reference model may cite only what the built-in model cites');
  const store = await openEventStore(config, logger);
  const keys = await openDataKeyStore(config).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const files = new ReadModelFiles(config.DATA_DIR, readModelName);
  const rolebook = composeRolebook({
    secret: installationSecret(config),
    store,
    keys,
    readModelDb: openReadModelDb(files.switchAtStart()),
    onProjectionFailure: (error) => logger.fatal({ err: error }, 'projection stopped'),
    sourceTexts: sources.texts,
  });
  if (catchUp === 'before-opening') {
    await rolebook.projector.catchUp(120_000);
    rolebook.queries.warmCounts();
    rolebook.queries.warmDiffs();
  } else logger.info({ projected: rolebook.projector.projectedPosition }, 'read model catching up with the log in the background');
  const stopSwitching = switchWhenAsked(files, rolebook, logger, switchPollMs);
  return {
    ...rolebook,
    close: () => {
      stopSwitching();
      return rolebook.close();
    },
  };
};
