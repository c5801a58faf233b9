// The effective-time timeline of one entity: its events folded in effective order (ties in
// recorded order) into segments [from, to) each holding the state in force over it.
import type { Effective } from '@rolebook/domain';

export interface TimelineEvent<E> {
  position: number;
  event: Effective<E>;
}

export interface Segment<S> {
  from: string;
  to: string | null;
  state: S;
}

/**
 * @param base the state in force just before the earliest of `events` (default: the initial
 * state, with `events` then being the entity's whole history)
 */
export const timeline = <E, S>(
  evolve: (state: S, event: Effective<E>) => S,
  initialState: () => S,
  events: readonly TimelineEvent<E>[],
  base: S = initialState(),
): Segment<S>[] => {
  const ordered = [...events].sort((a, b) =>
    a.event.effectiveAt === b.event.effectiveAt ? a.position - b.position : a.event.effectiveAt < b.event.effectiveAt ? -1 : 1,
  );
  const segments: Segment<S>[] = [];
  let state = base;
  for (const { event } of ordered) {
    state = evolve(state, event);
    const last = segments[segments.length - 1];
    if (last && last.from === event.effectiveAt) last.state = state;
    else {
      if (last) last.to = event.effectiveAt;
      segments.push({ from: event.effectiveAt, to: null, state });
    }
  }
  return segments;
};
