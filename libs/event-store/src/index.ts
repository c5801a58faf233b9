export * from './port';
export { SqliteEventStore, DuplicateEventId, type SqliteEventRow, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { eventStoreSchema } from './sqlite/schema';
export { KurrentDbEventStore, type KurrentDbEventStoreOptions } from './kurrentdb/kurrentdb-event-store';
export { UnsupportedPosition } from './kurrentdb/positions';
export { migrateIntoKurrentDb, MigrationDiverged, type MigrationProgress, type MigrationTransform } from './kurrentdb/migrate-into-kurrentdb';
export { readAllPages } from './read-all-pages';
