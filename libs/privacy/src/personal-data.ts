// Seals and opens the personal fields of an event's data for one subject (the person the data is
// about). Opening a field whose key was destroyed answers a stable placeholder, the same on every
// read and every rebuild; plain values written before sealing existed pass through unchanged.
import { open, seal } from './cipher';
import type { DataKey } from './data-key';
import type { DataKeyStore } from './data-key-store';
import { MissingDataKey, SubjectErased } from './errors';
import { KeyCache } from './key-cache';
import { isSealed, type SealableValue, type SealedValue } from './sealed-value';

/** What an erased personal field reads as. */
export const ERASED = '[erased]';

/**
 * Fields whose erased value is not ERASED. An erased email reads as null (as "no email"), not
 * '[erased]': the field is typed `string | null` and whatever reads it as an address (mail, format
 * checks, an email scalar) must not meet a string that is not one. That a person was erased is
 * told by the PersonalDataErased event, not by the email field.
 */
export const DEFAULT_PLACEHOLDERS: Readonly<Record<string, SealableValue>> = { email: null };

export interface PersonalDataProtectorOptions {
  /** Placeholders by field name, over DEFAULT_PLACEHOLDERS; any other field reads as ERASED. */
  placeholders?: Readonly<Record<string, SealableValue>>;
  /** Most subjects' keys held in memory at once (default 1000). */
  cacheSize?: number;
  /** How long a key is used from memory before the store is asked again (default 60 s). */
  keyTtlMs?: number;
  clock?: () => number;
}

/** `T` with the fields `F` replaced by their sealed form (still absent where they were absent). */
export type WithSealed<T, F extends keyof T> = { [K in keyof T]: K extends F ? (undefined extends T[K] ? SealedValue | undefined : SealedValue) : T[K] };

export class PersonalDataProtector {
  private readonly cache: KeyCache;
  private readonly placeholders: Readonly<Record<string, SealableValue>>;

  constructor(
    private readonly store: DataKeyStore,
    options: PersonalDataProtectorOptions = {},
  ) {
    this.cache = new KeyCache({ maxEntries: options.cacheSize ?? 1000, ttlMs: options.keyTtlMs ?? 60_000, clock: options.clock ?? Date.now });
    this.placeholders = { ...DEFAULT_PLACEHOLDERS, ...options.placeholders };
  }

  /**
   * `data` with the named fields sealed under the subject's key (created on first use). Absent
   * fields stay absent ("not changed" in an update event); null is sealed like any value, so the
   * log does not tell who has an email. Throws SubjectErased for an erased subject, NotSealable
   * for a field that is not a string, null or an array of strings (a sealed value included).
   */
  async seal<T extends object, F extends keyof T & string>(tenantId: string, subjectId: string, data: T, fields: readonly F[]): Promise<WithSealed<T, F>> {
    const sealed = { ...data } as Record<string, unknown>;
    const present = fields.filter((field) => sealed[field] !== undefined);
    if (present.length > 0) {
      const key = await this.keyFor(tenantId, subjectId);
      for (const field of present) sealed[field] = seal(key, { tenantId, subjectId, field }, sealed[field] as SealableValue);
    }
    return sealed as WithSealed<T, F>;
  }

  /**
   * `data` with every sealed field opened, or replaced by its placeholder once the subject was
   * erased. Throws UnreadableSealedValue for an altered or misplaced value, MissingDataKey when the
   * store has no trace of the subject (a lost key store must be noticed, not read as an erasure).
   */
  async open(tenantId: string, subjectId: string, data: Readonly<Record<string, unknown>>): Promise<Record<string, unknown>> {
    const fields = Object.keys(data).filter((field) => isSealed(data[field]));
    if (fields.length === 0) return { ...data };
    const key = await this.find(tenantId, subjectId);
    if (key === null) throw new MissingDataKey(tenantId, subjectId);
    const opened: Record<string, unknown> = { ...data };
    for (const field of fields) opened[field] = key === 'erased' ? this.placeholderFor(field) : open(key, { tenantId, subjectId, field }, data[field]);
    return opened;
  }

  /** Fetches (creating them where missing) the keys of many subjects at once, so sealing their data asks the store nothing more. */
  async prepareKeys(tenantId: string, subjectIds: readonly string[]): Promise<void> {
    const missing = [...new Set(subjectIds)].filter((id) => this.cache.get(tenantId, id) === undefined);
    if (missing.length === 0) return;
    for (const [subjectId, key] of await this.store.keysFor(tenantId, missing)) this.cache.remember(tenantId, subjectId, key);
  }

  /** Destroys the subject's key (idempotent); this process reads the subject as erased at once. */
  async destroyKey(tenantId: string, subjectId: string, now: string): Promise<void> {
    await this.store.destroy(tenantId, subjectId, now);
    this.cache.remember(tenantId, subjectId, 'erased');
  }

  /**
   * Tells this process of an erasure made by another one (say, on reading PersonalDataErased), so
   * it stops using a key it still holds in memory before that key would expire.
   */
  noteErased(tenantId: string, subjectId: string): void {
    this.cache.remember(tenantId, subjectId, 'erased');
  }

  /** What an erased field reads as; for read models that scrub what they hold when a person is erased. */
  placeholderFor(field: string): SealableValue {
    return Object.hasOwn(this.placeholders, field) ? this.placeholders[field]! : ERASED;
  }

  private async keyFor(tenantId: string, subjectId: string): Promise<DataKey> {
    const cached = this.cache.get(tenantId, subjectId);
    if (cached === 'erased') throw new SubjectErased(tenantId, subjectId);
    if (cached) return cached;
    const key = await this.store.keyFor(tenantId, subjectId).catch((error: unknown) => {
      if (error instanceof SubjectErased) this.cache.remember(tenantId, subjectId, 'erased');
      throw error;
    });
    // an erasure made in this process while the store answered wins over the key it answered
    if (this.cache.remember(tenantId, subjectId, key) === 'erased') throw new SubjectErased(tenantId, subjectId);
    return key;
  }

  private async find(tenantId: string, subjectId: string): Promise<DataKey | 'erased' | null> {
    const cached = this.cache.get(tenantId, subjectId);
    if (cached) return cached;
    const found = await this.store.find(tenantId, subjectId);
    return found === null ? null : this.cache.remember(tenantId, subjectId, found);
  }
}
