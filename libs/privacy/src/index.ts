export { DataKey } from './data-key';
export type { DataKeyStore } from './data-key-store';
export { SqliteDataKeyStore } from './sqlite/sqlite-data-key-store';
export { PostgresDataKeyStore } from './postgres/postgres-data-key-store';
export { seal, open, type SealContext } from './cipher';
export { isSealed, type SealedValue, type SealableValue } from './sealed-value';
export { PersonalDataProtector, ERASED, DEFAULT_PLACEHOLDERS, type PersonalDataProtectorOptions, type WithSealed } from './personal-data';
export { UnreadableSealedValue, NotSealable, SubjectErased, MissingDataKey, type UnreadableReason } from './errors';
