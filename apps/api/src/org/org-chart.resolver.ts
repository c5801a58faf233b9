import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import type { Rolebook } from '@rolebook/runtime';
import type { GqlContext } from '../graphql/request-context';
import { atOf, TemporalArgs } from '../graphql/temporal.args';
import { InjectRolebook } from '../rolebook.providers';
import { OrgChartType } from './org-chart.types';

@Resolver(() => OrgChartType)
export class OrgChartResolver {
  constructor(@InjectRolebook() private readonly rolebook: Rolebook) {}

  @Query(() => OrgChartType, {
    description: 'The whole org at an instant as an org chart draws it, in one answer (one read of the read model, whatever the size of the org).',
  })
  orgChart(@Args() temporal: TemporalArgs, @Context() ctx: GqlContext): OrgChartType {
    const at = atOf(temporal, new Date());
    return { asOf: at.asOf, knownAt: at.knownAt, ...this.rolebook.chart.chart(ctx.tenantId, at) };
  }
}
