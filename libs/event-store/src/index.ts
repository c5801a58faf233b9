export * from './port';
export { SqliteEventStore, DuplicateEventId, type SqliteEventRow, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { eventStoreSchema } from './sqlite/schema';
export { KurrentDbEventStore, type KurrentDbEventStoreOptions } from './kurrentdb/kurrentdb-event-store';
export { UnsupportedPosition } from './kurrentdb/positions';
export { EventTooLarge, StreamTombstoned, SubscriptionRefused, type RefusalReason } from './kurrentdb/kurrentdb-errors';
export { DEFAULT_MAX_APPEND_SIZE } from './kurrentdb/append-size';
export { migrateIntoKurrentDb, MigrationDiverged, type MigrationProgress, type MigrationTransform } from './kurrentdb/migrate-into-kurrentdb';
export { readAllPages } from './read-all-pages';
