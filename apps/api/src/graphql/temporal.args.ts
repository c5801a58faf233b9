import { ArgsType, Field } from '@nestjs/graphql';
import type { At } from '@rolebook/projections';
import { DateTime } from './scalars';

@ArgsType()
export class TemporalArgs {
  @Field(() => DateTime, { nullable: true, description: 'The org as it was in effect at this instant (default: now).' })
  asOf?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'As it was recorded by this instant (default: everything recorded so far).' })
  knownAt?: Date | null;
}

export const atOf = (args: TemporalArgs, now: Date): At => ({
  asOf: (args.asOf ?? now).toISOString(),
  knownAt: args.knownAt ? args.knownAt.toISOString() : null,
});
