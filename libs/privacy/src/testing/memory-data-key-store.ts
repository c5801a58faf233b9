// An in-memory DataKeyStore for pure tests; it passes the same contract as the real adapters.
import { DataKey } from '../data-key';
import { keysOneByOne, type DataKeyStore } from '../data-key-store';
import { SubjectErased } from '../errors';

export class MemoryDataKeyStore implements DataKeyStore {
  /** Keyed by [tenant, subject]; 'erased' is the tombstone. Shared by every connect() of one store. */
  constructor(readonly keys = new Map<string, DataKey | 'erased'>()) {}

  async keyFor(tenantId: string, subjectId: string): Promise<DataKey> {
    const slot = JSON.stringify([tenantId, subjectId]);
    if (!this.keys.has(slot)) this.keys.set(slot, DataKey.generate());
    const key = this.keys.get(slot)!;
    if (key === 'erased') throw new SubjectErased(tenantId, subjectId);
    return key;
  }

  keysFor(tenantId: string, subjectIds: readonly string[]): Promise<Map<string, DataKey | 'erased'>> {
    return keysOneByOne(this, tenantId, subjectIds);
  }

  async find(tenantId: string, subjectId: string): Promise<DataKey | 'erased' | null> {
    return this.keys.get(JSON.stringify([tenantId, subjectId])) ?? null;
  }

  async destroy(tenantId: string, subjectId: string): Promise<void> {
    this.keys.set(JSON.stringify([tenantId, subjectId]), 'erased');
  }

  async close(): Promise<void> {}
}
