// An aggregate is a decider: pure functions over discriminated unions (see STYLE.md).
// `decide` returns bare events; once recorded, each carries the instant it takes effect,
// which `evolve` reads. evolve is total (never throws), so the read side can fold the same
// events in effective-time order and get the org as it was at any instant.
import type { Instant } from './time';

export type Effective<Event> = Event & { effectiveAt: Instant };

export interface Decider<Command, Event, State> {
  initialState: () => State;
  evolve: (state: State, event: Effective<Event>) => State;
  decide: (command: Command, state: State) => Event[];
  /**
   * Folds many events at once, as `events.reduce(evolve, state)` would, without changing `state`.
   * A decider whose state grows with its stream gives one, so that a fold costs the events folded
   * and not the events times the state (it may mutate a copy it made itself).
   */
  evolveAll?: (state: State, events: readonly Effective<Event>[]) => State;
}

/** Folds `events` onto `from` (the initial state unless given), without changing `from`. */
export const fold = <Event, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve' | 'evolveAll'>,
  events: readonly Effective<Event>[],
  from: State = decider.initialState(),
): State => (decider.evolveAll ? decider.evolveAll(from, events) : events.reduce(decider.evolve, from));

export const assertNever = (value: never): never => {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
};
