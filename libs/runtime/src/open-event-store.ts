// Opens the configured event store: the embedded SQLite file under DATA_DIR, or KurrentDB.
// A process refuses to start on a store it cannot read.
import type { Config } from '@rolebook/config';
import { STREAM_PREFIX } from '@rolebook/domain';
import { KurrentDbEventStore, SqliteEventStore, type EventStore } from '@rolebook/event-store';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';

export class EventStoreUnreachable extends Error {
  constructor(kind: string, cause: unknown) {
    super(`The event store (EVENT_STORE=${kind}) cannot be reached: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'EventStoreUnreachable';
  }
}

export const sqliteEventsFile = (config: Config): string => join(config.DATA_DIR, 'events.db');

/** The configured store, checked reachable: a process refuses to start on a store it cannot read. */
export const openEventStore = async (config: Config, logger: Logger): Promise<EventStore> => {
  mkdirSync(config.DATA_DIR, { recursive: true });
  const store =
    config.EVENT_STORE === 'kurrentdb'
      ? new KurrentDbEventStore({
          connectionString: config.KURRENTDB_CONNECTION_STRING!,
          streamPrefix: STREAM_PREFIX,
          onReconnect: (attempt, err) => logger.warn({ attempt, err }, 'KurrentDB subscription dropped; reconnecting'),
        })
      : new SqliteEventStore({ filename: sqliteEventsFile(config) });
  try {
    await store.headPosition();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw new EventStoreUnreachable(config.EVENT_STORE, error);
  }
  return store;
};
