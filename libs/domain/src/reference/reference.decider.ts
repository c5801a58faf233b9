// A tenant's published reference models: each publication is a new version, in force from its
// effectiveAt. Version 1 is the built-in model; a tenant's first publication is version 2.
import { referenceModelSchema, type ReferenceModel } from '@rolebook/reference-model';
import { z } from 'zod';
import { assertNever, type Decider, type Effective } from '../shared/decider';
import type { DomainEvent } from '../shared/events';
import { instant } from '../shared/validation';

export type ReferenceModelPublished = DomainEvent<'ReferenceModelPublished', { version: number; model: ReferenceModel }>;
export type ReferenceEvent = ReferenceModelPublished;

export const publishReferenceModelSchema = z.object({
  type: z.literal('PublishReferenceModel'),
  effectiveAt: instant,
  model: referenceModelSchema,
});
export type PublishReferenceModel = z.output<typeof publishReferenceModelSchema>;
export type ReferenceCommand = PublishReferenceModel;

export const BUILT_IN_VERSION = 1;

export interface References {
  status: 'Active';
  /** Every published version, in the order published, with the instant it takes effect. */
  published: { version: number; effectiveAt: string; model: ReferenceModel }[];
}

export const initialState = (): References => ({ status: 'Active', published: [] });

export const evolve = (state: References, event: Effective<ReferenceEvent>): References => {
  switch (event.type) {
    case 'ReferenceModelPublished':
      return { ...state, published: [...state.published, { version: event.data.version, effectiveAt: event.effectiveAt, model: event.data.model }] };
    default:
      return assertNever(event.type);
  }
};

export const decide = (command: ReferenceCommand, state: References): ReferenceEvent[] => {
  const version = Math.max(BUILT_IN_VERSION, ...state.published.map((p) => p.version)) + 1;
  return [{ type: 'ReferenceModelPublished', data: { version, model: { ...command.model, version } } }];
};

export const referenceDecider: Decider<ReferenceCommand, ReferenceEvent, References> = { initialState, evolve, decide };

/** The published version in force at `at` (the latest effective by then, ties to the later publication), if any. */
export const inForce = (state: References, at: string) =>
  state.published
    .map((p, order) => ({ ...p, order }))
    .filter((p) => p.effectiveAt <= at)
    .sort((a, b) => (a.effectiveAt === b.effectiveAt ? a.order - b.order : a.effectiveAt < b.effectiveAt ? -1 : 1))
    .pop() ?? null;
