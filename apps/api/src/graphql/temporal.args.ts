import type { Type } from '@nestjs/common';
import { ArgsType, Field } from '@nestjs/graphql';
import { queryInstant } from '@rolebook/domain';
import type { At } from '@rolebook/projections';
import { DateTime } from './scalars';

export interface Temporal {
  asOf?: Date | null;
  knownAt?: Date | null;
}

/** Adds `asOf` and `knownAt` to an args type: reads of org state take both. */
export const WithTemporal = <T extends Type<object>>(Base: T) => {
  @ArgsType()
  class TemporalMixin extends Base implements Temporal {
    @Field(() => DateTime, {
      nullable: true,
      description: 'Valid time: the org as in effect at this instant (effectiveAt axis; default: now; 1900-01-01 to 2200-12-31).',
    })
    asOf?: Date | null;

    @Field(() => DateTime, {
      nullable: true,
      description: 'Record time: only what Rolebook had recorded by this instant (recordedAt axis; default: everything recorded so far).',
    })
    knownAt?: Date | null;
  }
  return TemporalMixin;
};

@ArgsType()
export class TemporalArgs extends WithTemporal(class {}) {}

/** The instants of a read; either out of range (1900-01-01..2200-12-31, as in commands) is refused. */
export const atOf = (args: Temporal, now: Date): At => ({
  asOf: args.asOf ? queryInstant(args.asOf, 'asOf') : now.toISOString(),
  knownAt: args.knownAt ? queryInstant(args.knownAt, 'knownAt') : null,
});
