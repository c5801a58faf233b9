// A bounded, least-recently-used cache of subjects' keys for one process. A key expires after a
// while, so a process that was not told of an erasure made elsewhere stops using the key within
// that time; an erasure is never forgotten once seen (keys are never issued again), and a key
// fetched before an erasure cannot replace the erasure in the cache.
import type { DataKey } from './data-key';

interface Entry {
  value: DataKey | 'erased';
  expiresAt: number;
}

export interface KeyCacheOptions {
  maxEntries: number;
  ttlMs: number;
  /** Milliseconds, e.g. Date.now. */
  clock: () => number;
}

const slot = (tenantId: string, subjectId: string): string => JSON.stringify([tenantId, subjectId]);

export class KeyCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: KeyCacheOptions) {}

  get(tenantId: string, subjectId: string): DataKey | 'erased' | undefined {
    const key = slot(tenantId, subjectId);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.options.clock()) return undefined;
    this.entries.set(key, entry); // most recently used last
    return entry.value;
  }

  /** Holds `value` and answers what is now held: 'erased' when the subject was erased meanwhile. */
  remember(tenantId: string, subjectId: string, value: DataKey | 'erased'): DataKey | 'erased' {
    const key = slot(tenantId, subjectId);
    if (this.entries.get(key)?.value === 'erased') return 'erased';
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: value === 'erased' ? Infinity : this.options.clock() + this.options.ttlMs });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.options.maxEntries) break;
      this.entries.delete(oldest);
    }
    return value;
  }
}
