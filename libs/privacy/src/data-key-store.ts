// The DataKeyStore port: one data key per (tenant, subject), kept apart from the event log.
// Every adapter passes the contract suite in testing/data-key-store.contract.ts.
import type { DataKey } from './data-key';
import { SubjectErased } from './errors';

export interface DataKeyStore {
  /**
   * The subject's key, created on first use. Processes asking at once for a new subject all get
   * the one key that was stored first. Throws SubjectErased once the key was destroyed: a new key
   * would open none of the old values, and writing new personal data about an erased subject
   * must be a decision of the caller, not a side effect.
   */
  keyFor(tenantId: string, subjectId: string): Promise<DataKey>;
  /** keyFor for many subjects at once (the embedded store: one transaction, one sync to disk); an erased subject answers 'erased'. */
  keysFor(tenantId: string, subjectIds: readonly string[]): Promise<Map<string, DataKey | 'erased'>>;
  /**
   * The subject's key; 'erased' once destroyed (a tombstone, told apart from "never had a key");
   * null when it never had one. Never creates a key.
   */
  find(tenantId: string, subjectId: string): Promise<DataKey | 'erased' | null>;
  /**
   * Deletes the subject's key bytes for good and leaves a tombstone recording `now` (ISO-8601).
   * Idempotent (the first erasure's time stays); a subject that never had a key gets a tombstone too.
   */
  destroy(tenantId: string, subjectId: string, now: string): Promise<void>;
  close(): Promise<void>;
}

/** keysFor as keyFor after keyFor, for stores where that costs little more. */
export const keysOneByOne = async (
  store: Pick<DataKeyStore, 'keyFor'>,
  tenantId: string,
  subjectIds: readonly string[],
): Promise<Map<string, DataKey | 'erased'>> => {
  const keys = new Map<string, DataKey | 'erased'>();
  for (const subjectId of subjectIds) {
    keys.set(
      subjectId,
      await store.keyFor(tenantId, subjectId).catch((error: unknown) => {
        if (error instanceof SubjectErased) return 'erased' as const;
        throw error;
      }),
    );
  }
  return keys;
};
