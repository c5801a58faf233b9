// given / when / then for deciders (see STYLE.md). Given events default to effect at T0.
import type { Decider, Effective } from '../shared/decider';
import type { DomainError } from '../shared/errors';

export const T0 = '2026-01-01T00:00:00.000Z';

type Given<E> = E | Effective<E>;

export const deciderSpec =
  <C, E, S>(decider: Decider<C, E, S>) =>
  (given: Given<E>[]) => {
    const state = given.map((e) => ({ effectiveAt: T0, ...e })).reduce(decider.evolve, decider.initialState());
    return {
      when: (command: C) => ({
        then: (expected: E[]) => expect(decider.decide(command, state)).toEqual(expected),
        thenThrows: (errorClass: new (...args: never[]) => DomainError, reason: string) => {
          let thrown: unknown;
          try {
            decider.decide(command, state);
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(errorClass);
          expect((thrown as DomainError).reason).toBe(reason);
        },
      }),
    };
  };
