// rolebook rebuild [--read-model NAME] [--beside [--wait SECONDS]]: refolds the API's read model
// (or the named one under DATA_DIR) from the first event, printing progress. Without --beside the
// service must be stopped: the live file is emptied and refolded in place. With --beside the
// service keeps serving: a new file is built next to the live one, caught up with the log, then
// the process reading it is asked to switch (read-model-files.ts); it brings the new file up to
// its own position and switches between two requests, or at its next start if none runs.
// Events are read through the data keys, as the service reads them (erased people read as placeholders).
import { openDataKeyStore, openEventStore, ReadModelFiles, RebuildInProgress, sealingStore, sqliteEventsFile } from '@rolebook/runtime';
import { createLogger, type Config } from '@rolebook/config';
import type { EventStore } from '@rolebook/event-store';
import { catchUpReadModel, openReadModelDb, rebuildReadModel, type RebuildProgress } from '@rolebook/projections';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { CliError } from '../cli-error';
import { positionProgress } from './log-progress';

/** A read model's file name under DATA_DIR, without `.db`. */
export const READ_MODEL_NAME = /^[a-z0-9.-]+$/;

export interface RebuildOptions {
  readModel: string;
  /** Build beside the live read model while the service serves, then have it switch. */
  beside?: boolean;
  /** How long to wait for the service to switch (--beside), in seconds. */
  wait: number;
}

const progress = (p: RebuildProgress) => console.log(`  ${p.applied} events, ${positionProgress(p)}, ${p.eventsPerSecond} events/s`);

/** Empties the live file and refolds it: nothing may be reading it. */
const rebuildInPlace = async (store: EventStore, files: ReadModelFiles): Promise<RebuildProgress> => {
  const live = files.switchAtStart(); // a switch asked for while nothing ran: this is the start it waited for
  const release = files.lockForRebuild();
  try {
    const db = openReadModelDb(live);
    try {
      console.log(`Rebuilding ${files.name} (${files.live()}) in place (the service must be stopped)`);
      return await rebuildReadModel(store, db, { onProgress: progress });
    } finally {
      db.close();
    }
  } finally {
    release();
  }
};

/** Builds a new file beside the live one and asks for the switch; answers the new file's name. */
const rebuildBeside = async (store: EventStore, files: ReadModelFiles): Promise<string> => {
  const release = files.lockForRebuild();
  try {
    for (const leftover of files.leftovers()) {
      files.remove(leftover);
      console.log(`Deleted ${leftover} (replaced, or a rebuild that stopped half way)`);
    }
    const file = files.newFile();
    const db = openReadModelDb(files.filePath(file));
    try {
      console.log(`Rebuilding ${files.name} into ${file}, beside the live ${files.live()} (the service keeps serving)`);
      const built = await rebuildReadModel(store, db, { onProgress: progress });
      // building the indexes took a while: what was written meanwhile, so the service has little left to apply
      const tail = await catchUpReadModel(store, db);
      console.log(`Built ${file}: ${built.applied + tail.applied} events up to position ${tail.position ?? built.position}`);
    } catch (error) {
      db.close();
      files.remove(file);
      throw error;
    }
    db.close();
    files.requestSwitch(file);
    return file;
  } finally {
    release();
  }
};

/** Waits until the process reading the read model has switched to `file`, refused to, or `seconds` have passed. */
const awaitSwitch = async (files: ReadModelFiles, file: string, seconds: number): Promise<void> => {
  console.log(`Asked the service to switch to ${file} (${files.request})`);
  for (const deadline = Date.now() + seconds * 1000; Date.now() < deadline; await sleep(200)) {
    if (files.live() === file) {
      console.log(`Switched: the service reads ${file}; the replaced file is deleted once closed`);
      return;
    }
    if (files.requested() !== file) throw new CliError(`The service did not switch to ${file} (its log says why); it still reads ${files.live()}`);
  }
  console.log(`No process has switched within ${seconds} s: the one reading ${files.name} switches to ${file} as soon as it runs (or at its start)`);
};

export async function rebuild(config: Config, options: RebuildOptions): Promise<void> {
  const files = new ReadModelFiles(config.DATA_DIR, options.readModel);
  if (config.EVENT_STORE === 'sqlite' && !existsSync(sqliteEventsFile(config))) throw new CliError(`No event store at ${sqliteEventsFile(config)}`);
  const logger = createLogger(config.LOG_LEVEL, 1, config.LOG_FORMAT);
  const keys = await openDataKeyStore(config);
  let switchTo: string | null = null;
  try {
    const { store } = sealingStore(await openEventStore(config, logger), keys);
    try {
      if (options.beside === true) switchTo = await rebuildBeside(store, files);
      else {
        const done = await rebuildInPlace(store, files);
        console.log(`Rebuilt ${files.name}: ${done.applied} events up to position ${done.position}`);
      }
      logger.info({ readModel: files.name, beside: options.beside === true }, 'read model rebuilt');
    } catch (error) {
      if (error instanceof RebuildInProgress) throw new CliError(error.message);
      throw error;
    } finally {
      await store.close();
    }
  } finally {
    await keys.close();
  }
  if (switchTo !== null) await awaitSwitch(files, switchTo, options.wait);
}
