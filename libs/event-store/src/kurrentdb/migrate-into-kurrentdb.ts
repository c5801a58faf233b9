// Copies an event history (the embedded SQLite store) into KurrentDB: same order, ids, streams,
// revisions, types, data and metadata, and the original recordedAt (kept in the reserved
// metadata key RECORDED_AT_KEY, which the adapter reads back as recordedAt), so "as known at"
// answers do not move to the day of the migration.
//
// Safe to re-run and to resume after a crash: the target's Rolebook events must be a prefix of
// the source's (same ids, same order); the copy continues after that prefix. A target that holds
// anything else is refused before anything is written.
//
// `transform` rewrites the data and metadata of each event as it is copied (the runtime seals
// personal fields with it); ids, streams, revisions, types and order are the source's. It is
// applied only to the events copied, never to those the prefix check reads.
import type { EventStore, NewEvent, RecordedEvent } from '../port';
import { readAllPages } from '../read-all-pages';
import { RECORDED_AT_KEY } from './recorded-at';

export interface MigrationProgress {
  copied: number;
  /** Events already in the target from an earlier run. */
  alreadyThere: number;
  position: number;
  head: number;
}

export class MigrationDiverged extends Error {
  constructor(readonly index: number) {
    super(`The target's event #${index + 1} is not the source's: it holds a different history; nothing was copied`);
    this.name = 'MigrationDiverged';
  }
}

const PAGE = 500;

/** What an event becomes in the target: its data and metadata (the rest is the source's). */
export type MigrationTransform = (event: RecordedEvent) => Promise<Pick<RecordedEvent, 'data' | 'metadata'>>;

async function* allEvents(store: EventStore, after: number | null = null): AsyncGenerator<RecordedEvent> {
  for await (const page of readAllPages(store, PAGE, after)) yield* page;
}

/** How many of the source's first events the target already holds, in order, and the source position of the last of them. */
const sharedPrefix = async (source: EventStore, target: EventStore): Promise<{ count: number; position: number | null }> => {
  const sourceEvents = allEvents(source);
  let count = 0;
  let position: number | null = null;
  for await (const existing of allEvents(target)) {
    const next = await sourceEvents.next();
    if (next.done || next.value.id !== existing.id) throw new MigrationDiverged(count);
    count += 1;
    position = next.value.position;
  }
  await sourceEvents.return(undefined);
  return { count, position };
};

/** Consecutive events of one stream with consecutive revisions: appended together, as they were. */
const sameAppend = (batch: RecordedEvent[], event: RecordedEvent): boolean => {
  const last = batch[batch.length - 1];
  return !!last && last.stream === event.stream && last.revision + 1 === event.revision && last.recordedAt === event.recordedAt;
};

export const migrateIntoKurrentDb = async (
  source: EventStore,
  target: EventStore,
  onProgress: (progress: MigrationProgress) => void = () => undefined,
  progressEvery = 1000,
  transform: MigrationTransform = (event) => Promise.resolve(event),
): Promise<MigrationProgress> => {
  const head = (await source.headPosition()) ?? 0;
  const prefix = await sharedPrefix(source, target);
  const progress: MigrationProgress = { copied: 0, alreadyThere: prefix.count, position: prefix.position ?? 0, head };
  let batch: RecordedEvent[] = [];
  let reported = 0;

  const flush = async () => {
    const first = batch[0];
    if (!first) return;
    const events: NewEvent[] = [];
    for (const e of batch) {
      const { data, metadata } = await transform(e);
      events.push({ id: e.id, type: e.type, data, metadata: { ...metadata, [RECORDED_AT_KEY]: e.recordedAt } });
    }
    await target.append(first.stream, events, first.revision === 0 ? 'no_stream' : first.revision - 1);
    progress.copied += batch.length;
    progress.position = batch[batch.length - 1]!.position;
    batch = [];
    if (progress.copied - reported >= progressEvery) {
      reported = progress.copied;
      onProgress({ ...progress });
    }
  };

  // the copy continues after the prefix the target holds already
  for await (const event of allEvents(source, prefix.position)) {
    if (!sameAppend(batch, event)) await flush();
    batch.push(event);
  }
  await flush();
  onProgress({ ...progress });
  return progress;
};
