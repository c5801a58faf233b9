// Rebuilds a read model from position zero: empties it, then folds the whole log in batches.
// The result is exactly what the live projector holds after the same events (the same code
// applies them in the same order). Run it while no projector is using this read model (a rebuild
// beside the live one builds a new file, then hands it to the projector: Projector.switchTo).
// The indexes that only queries read are dropped meanwhile and built once at the end: sorting
// each index once costs far less than growing it row by row.
import { readAllPages, type EventStore } from '@rolebook/event-store';
import { OrgReadModel } from './org-read-model';
import { resetReadModel, type ReadModelDb } from './read-model-db';
import { DEFAULT_CACHED_EVENTS } from './entity-cache';
import { entityIndexes, readModelSchema, writePathIndexes } from './schema';

/**
 * SQLite's page cache while rebuilding: the pages of the indexes the writer reads (an entity's
 * events and versions) stay in memory as they grow, and each page is written once per batch, not
 * evicted and read back; the default (2 MB) held a fraction of them at 10,000 people. 64 MB
 * and 2,000 events per transaction rebuild as fast as 128 MB and 10,000 did, with 130-180 MB
 * less peak RSS (158,218 and 528,571 events, measured side by side).
 */
const REBUILD_CACHE_KIB = 64 * 1024;

export interface RebuildProgress {
  applied: number;
  /** Position of the newest event when the rebuild started. */
  head: number;
  position: number;
  eventsPerSecond: number;
}

export interface RebuildOptions {
  onProgress?: (progress: RebuildProgress) => void;
  /** Events read and applied per transaction: every page a transaction changes is written once at its commit. */
  batchSize?: number;
  /** The bound of the read model's in-memory cache of entities (events held). */
  cachedEvents?: number;
}

export const rebuildReadModel = async (
  store: EventStore,
  db: ReadModelDb,
  { onProgress = () => undefined, batchSize = 2_000, cachedEvents }: RebuildOptions = {},
): Promise<RebuildProgress> => {
  resetReadModel(db);
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  db.pragma(`cache_size = -${REBUILD_CACHE_KIB}`);
  // no sync at the checkpoints while rebuilding (a machine crash midway means rebuilding again);
  // the checkpoint at the end, with the setting restored, syncs what was written
  db.pragma('synchronous = OFF');
  try {
    const head = (await store.headPosition()) ?? 0;
    // when the whole log fits in the entity cache's bound, every entity stays in memory and none
    // is read back: the indexes that find an entity's rows are built at the end with the others
    // (grown row by row, they were most of the pages each batch wrote, more as the log went on)
    const fromEmpty = cachedEvents === undefined && head <= DEFAULT_CACHED_EVENTS;
    const kept = fromEmpty ? writePathIndexes.filter((name) => !entityIndexes.names.includes(name)) : writePathIndexes;
    const deferred = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
      .all()
      .filter(({ name }) => !kept.includes(name));
    for (const { name } of deferred) db.exec(`DROP INDEX ${name}`);
    const readModel = new OrgReadModel(db, { cachedEvents, fromEmpty });
    const started = Date.now();
    let progress: RebuildProgress = { applied: 0, head, position: 0, eventsPerSecond: 0 };
    for await (const batch of readAllPages(store, batchSize)) {
      readModel.applyAll(batch);
      const applied = progress.applied + batch.length;
      const position = batch[batch.length - 1]!.position;
      progress = { applied, head, position, eventsPerSecond: Math.round(applied / Math.max((Date.now() - started) / 1000, 0.001)) };
      onProgress(progress);
    }
    db.exec(readModelSchema); // the indexes dropped above
    db.pragma('optimize');
    return progress;
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma('wal_checkpoint(PASSIVE)');
  }
};

/** Folds what the log holds after the read model's checkpoint: a rebuilt model catching up with what was written meanwhile. */
export const catchUpReadModel = async (store: EventStore, db: ReadModelDb, batchSize = 1000): Promise<{ applied: number; position: number | null }> => {
  const readModel = new OrgReadModel(db);
  let position = readModel.checkpoint();
  let applied = 0;
  for await (const batch of readAllPages(store, batchSize, position)) {
    readModel.applyAll(batch);
    applied += batch.length;
    position = batch[batch.length - 1]!.position;
  }
  return { applied, position };
};
