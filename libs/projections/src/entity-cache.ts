// What the read model keeps in memory of the entities it changed last: each one's events (as
// stored, parsed, in position order) and its versions known now, so that a new event refolds
// from memory instead of re-reading and re-parsing them from SQL. Bounded by the number of
// events held; the least recently used entities go first, and are read back from SQL when needed.
import type { EffectiveOrgEvent } from '@rolebook/domain';
import type { TimelineEvent } from './timeline';

/** A version known now (recorded_to IS NULL): its row id, effective interval and state as stored (JSON). */
export interface OpenVersion {
  id: number;
  from: string;
  to: string | null;
  state: string;
}

export interface CachedEntity {
  events: TimelineEvent<EffectiveOrgEvent>[];
  versions: OpenVersion[];
  /** A team's member events by person, in position order: gathered from `events` when first needed, then kept up to date by the read model. */
  members?: Map<string, TimelineEvent<EffectiveOrgEvent>[]>;
}

/** The default bound: about 200 MB of parsed events at most. */
export const DEFAULT_CACHED_EVENTS = 200_000;

export class EntityCache {
  private readonly entries = new Map<string, CachedEntity>();
  private held = 0;

  constructor(private readonly capacity: number = DEFAULT_CACHED_EVENTS) {}

  /** The entity under `key`, read with `load` when it is not held; marks it the most recently used. */
  get(key: string, load: () => CachedEntity): CachedEntity {
    const held = this.entries.get(key);
    if (held) {
      this.entries.delete(key);
      this.entries.set(key, held);
      return held;
    }
    const loaded = load();
    this.entries.set(key, loaded);
    this.held += loaded.events.length;
    return loaded;
  }

  /** The entity under `key` when it is held, without reading it. */
  peek(key: string): CachedEntity | undefined {
    return this.entries.get(key);
  }

  addEvent(entity: CachedEntity, event: TimelineEvent<EffectiveOrgEvent>): void {
    entity.events.push(event);
    this.held++;
  }

  /** Drops the least recently used entities until at most `capacity` events are held. */
  trim(): void {
    for (const [key, entity] of this.entries) {
      if (this.held <= this.capacity) return;
      this.entries.delete(key);
      this.held -= entity.events.length;
    }
  }

  clear(): void {
    this.entries.clear();
    this.held = 0;
  }
}
