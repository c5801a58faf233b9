// Upgrades an embedded event log written before personal data was sealed. Stored events are never
// rewritten in place, and an UPDATE would leave the old bytes in freed pages and in the WAL: the
// log is copied instead into a new file, event by event, in order, with the same positions, ids,
// streams, revisions, types and recorded times (so read models and "as known at" answers do not
// move) and with every personal field still in plain text sealed under its person's key. A person
// erased before the copy gets placeholders, as the log reads for them. Fields already sealed are
// copied as they are.
//
// Resumable: the target's events must be a prefix of the source's (same ids at the same
// positions); a run continues after that prefix. Swapping the files is the caller's (the CLI).
import { SqliteEventStore, type RecordedEvent, type SqliteEventRow } from '@rolebook/event-store';
import { PersonalDataProtector, sealForCopy, type DataKeyStore } from '@rolebook/privacy';
import Database from 'better-sqlite3';

export interface SealProgress {
  /** Events copied by this run. */
  copied: number;
  /** Events already in the target from an earlier run. */
  alreadyThere: number;
  /** Events whose subject was erased before the copy: their personal fields were written as placeholders. */
  erased: number;
  position: number;
  head: number;
}

export class SealDiverged extends Error {
  constructor(readonly position: number) {
    super(`The target's event at position ${position} is not the source's: it holds another history; nothing was copied`);
    this.name = 'SealDiverged';
  }
}

const PAGE = 500;

export const sealSqliteLog = async (
  sourceFile: string,
  targetFile: string,
  keys: DataKeyStore,
  onProgress: (progress: SealProgress) => void = () => undefined,
): Promise<SealProgress> => {
  const protector = new PersonalDataProtector(keys);
  await new SqliteEventStore({ filename: targetFile }).close(); // the log's schema
  const source = new Database(sourceFile, { readonly: true, fileMustExist: true });
  const target = new Database(targetFile);
  target.pragma('journal_mode = WAL');
  target.pragma('synchronous = FULL');
  try {
    const page = source.prepare<[number, number], SqliteEventRow>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?');
    const sourceAt = source.prepare<[number], { event_id: string }>('SELECT event_id FROM events WHERE position = ?');
    const last = target.prepare<[], { position: number; event_id: string }>('SELECT position, event_id FROM events ORDER BY position DESC LIMIT 1').get();
    if (last && sourceAt.get(last.position)?.event_id !== last.event_id) throw new SealDiverged(last.position);
    const alreadyThere = target.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM events').get()!.n;
    const head = source.prepare<[], { p: number | null }>('SELECT MAX(position) AS p FROM events').get()!.p ?? 0;
    const progress: SealProgress = { copied: 0, alreadyThere, erased: 0, position: last?.position ?? 0, head };
    const insert = target.prepare(
      'INSERT INTO events (position, event_id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const write = target.transaction((rows: { row: SqliteEventRow; event: { data: unknown; metadata: Record<string, unknown> } }[]) => {
      for (const { row, event } of rows)
        insert.run(row.position, row.event_id, row.stream, row.revision, row.type, JSON.stringify(event.data), JSON.stringify(event.metadata), row.recorded_at);
    });

    for (let rows = page.all(progress.position, PAGE); rows.length > 0; rows = page.all(progress.position, PAGE)) {
      const sealed = [];
      for (const row of rows) {
        const event = {
          id: row.event_id,
          type: row.type,
          data: JSON.parse(row.data) as unknown,
          metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
        };
        const copy = await sealForCopy(protector, row.stream, event);
        sealed.push({ row, event: copy.event });
        if (copy.erased) progress.erased += 1;
      }
      write(sealed);
      progress.copied += rows.length;
      progress.position = rows[rows.length - 1]!.position;
      onProgress({ ...progress });
    }
    target.pragma('wal_checkpoint(TRUNCATE)');
    return progress;
  } finally {
    source.close();
    target.close();
  }
};
