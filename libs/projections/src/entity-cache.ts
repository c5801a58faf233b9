// What the read model keeps in memory of the entities it changed last: each one's versions known
// now and, once a change needed them (a back-dated change refolds, a team's membership), its
// events (as stored, parsed, in position order), so that the next change reads neither back from
// SQL. Bounded by the number of versions and events held; the least recently used entities go
// first, and are read back from SQL when needed.
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
  /** All its events, in position order; null until a change needs them (most only evolve the last version's state). */
  events: TimelineEvent<EffectiveOrgEvent>[] | null;
  versions: OpenVersion[];
  /** A team's member events by person, in position order: gathered from `events` when first needed, then kept up to date by the read model. */
  members?: Map<string, TimelineEvent<EffectiveOrgEvent>[]>;
}

/** The default bound: about 200 MB of parsed events at most. */
export const DEFAULT_CACHED_EVENTS = 200_000;

/** What an entity holds in memory, counted as the bound counts it: its versions and the events loaded. */
const weightOf = (entity: CachedEntity): number => entity.versions.length + (entity.events?.length ?? 0);

export class EntityCache {
  private readonly entries = new Map<string, { entity: CachedEntity; weight: number }>();
  private held = 0;

  /** @param capacity versions and events held at most */
  constructor(private readonly capacity: number = DEFAULT_CACHED_EVENTS) {}

  /** The entity under `key`, read with `load` when it is not held; marks it the most recently used. */
  get(key: string, load: () => CachedEntity): CachedEntity {
    const held = this.entries.get(key);
    if (held) {
      this.entries.delete(key);
      this.entries.set(key, held);
      return held.entity;
    }
    const entity = load();
    const weight = weightOf(entity);
    this.entries.set(key, { entity, weight });
    this.held += weight;
    return entity;
  }

  /** Counts again what the entity under `key` holds, after a change to its versions or events. */
  reweigh(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    const weight = weightOf(entry.entity);
    this.held += weight - entry.weight;
    entry.weight = weight;
  }

  /** Drops the least recently used entities until at most `capacity` versions and events are held. */
  trim(): void {
    for (const [key, { weight }] of this.entries) {
      if (this.held <= this.capacity) return;
      this.entries.delete(key);
      this.held -= weight;
    }
  }

  clear(): void {
    this.entries.clear();
    this.held = 0;
  }
}
