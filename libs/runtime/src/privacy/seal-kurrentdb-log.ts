// Upgrades a KurrentDB log written before personal data was sealed. KurrentDB events cannot be
// rewritten, so the log is copied into another KurrentDB database (a new one, or a fresh server)
// by migrateIntoKurrentDb: same order, ids, streams, revisions, types, metadata and recordedAt
// (events appended together stay one append), with every personal field still in plain text
// sealed under its person's key. A person erased before the copy gets placeholders, as the log
// reads for them; fields sealed already are copied as they are. The operator then points the
// service at the copy and deletes the old database and its backups (the CLI says so).
//
// Resumable, and a no-op when re-run (migrateIntoKurrentDb's prefix check); a target holding
// another history is refused, and so is a target that is the source itself under another name:
// an event written to a probe stream of the target (outside Rolebook's prefix, which every read
// of the log filters on) must not be readable from the source.
import { migrateIntoKurrentDb, type EventStore, type MigrationProgress } from '@rolebook/event-store';
import { PersonalDataProtector, sealForCopy, type DataKeyStore } from '@rolebook/privacy';
import { randomUUID } from 'node:crypto';

export interface KurrentDbSealProgress extends MigrationProgress {
  /** Events copied whose subject was erased before the copy: their personal fields were written as placeholders. */
  erased: number;
}

export class SealTargetIsSource extends Error {
  constructor() {
    super('The target is the source database itself (an event written to the target was read back from the source): give a new KurrentDB database');
    this.name = 'SealTargetIsSource';
  }
}

/** Outside Rolebook's stream prefix: the service never reads it. */
export const SEAL_PROBE_STREAM = 'rolebook-sealing-copy-probe';

const refuseSameDatabase = async (source: EventStore, target: EventStore, clock: () => Date): Promise<void> => {
  const last = (await target.readStream(SEAL_PROBE_STREAM)).at(-1);
  const id = randomUUID();
  await target.append(
    SEAL_PROBE_STREAM,
    [{ id, type: 'SealingCopyStarted', data: { at: clock().toISOString() }, metadata: {} }],
    last ? last.revision : 'no_stream',
  );
  if ((await source.readStream(SEAL_PROBE_STREAM)).some((e) => e.id === id)) throw new SealTargetIsSource();
};

/**
 * Copies `source` (read as it is stored, not through a SealingEventStore) into `target` (written
 * as it is: the events arrive sealed) with the keys of `keys`, the service's key store.
 */
export const sealKurrentDbLog = async (
  source: EventStore,
  target: EventStore,
  keys: DataKeyStore,
  onProgress: (progress: KurrentDbSealProgress) => void = () => undefined,
  progressEvery = 1000,
  clock: () => Date = () => new Date(),
): Promise<KurrentDbSealProgress> => {
  await refuseSameDatabase(source, target, clock);
  const protector = new PersonalDataProtector(keys);
  let erased = 0;
  const done = await migrateIntoKurrentDb(
    source,
    target,
    (progress) => onProgress({ ...progress, erased }),
    progressEvery,
    async (event) => {
      const copy = await sealForCopy(protector, event.stream, event);
      if (copy.erased) erased += 1;
      return copy.event;
    },
  );
  return { ...done, erased };
};
