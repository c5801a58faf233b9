import { Field, InputType, Int } from '@nestjs/graphql';
import { DateTime } from './scalars';

/** Fields every mutation input takes besides its command's own. */
@InputType({ isAbstract: true })
export abstract class MutationInput {
  @Field(() => String, { nullable: true, description: 'A retried request with the same key (on the same entity) is a no-op.' })
  idempotencyKey?: string | null;

  @Field(() => Int, { nullable: true, description: 'The entity version the caller last saw; a mismatch is a CONFLICT.' })
  expectedVersion?: number | null;

  @Field(() => DateTime, { nullable: true, description: 'When the change takes effect (default now; past and future allowed).' })
  effectiveAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the change is made; kept in the audit trail.' })
  reason?: string | null;
}

/** A DateTime argument as the ISO instant commands take; absent and null stay so. */
export const isoInstant = (value: Date | null | undefined): string | null | undefined => (value == null ? value : value.toISOString());

/** The instant a mutation's result is shown at: the change's effective time, or now if that is past. */
export const shownAt = (input: MutationInput, now: Date): { asOf: string; knownAt: null } => {
  const effective = input.effectiveAt ?? now;
  return { asOf: (effective > now ? effective : now).toISOString(), knownAt: null };
};
