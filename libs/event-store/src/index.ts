export * from './port';
export { SqliteEventStore, DuplicateEventId, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
