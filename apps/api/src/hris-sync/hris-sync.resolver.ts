// startHrisSync, hrisSyncRuns and hrisSyncRun: a full sync of the tenant's org with a provider's
// employee directory, started now (run by the worker on BullMQ, or in this process), and the runs.
import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { derivedId } from '@rolebook/application';
import type { Config } from '@rolebook/config';
import { fetchSize, parsePositionCursor, positionCursor, toPage } from '@rolebook/projections';
import type { HrisSyncs } from '@rolebook/runtime';
import { pageRequest, toConnection } from '../graphql/pagination';
import type { GqlContext } from '../graphql/request-context';
import { HRIS_SYNCS, InjectConfig } from '../rolebook.providers';
import { HrisSyncRunConnection, HrisSyncRunsArgs, HrisSyncRunType, StartHrisSyncArgs, toSyncRunType } from './hris-sync.types';

@Resolver()
export class HrisSyncResolver {
  constructor(
    @InjectConfig() private readonly config: Config,
    @Inject(HRIS_SYNCS) private readonly syncs: HrisSyncs,
  ) {}

  @Query(() => HrisSyncRunConnection, { description: "The tenant's HRIS sync runs, newest first." })
  async hrisSyncRuns(@Args() args: HrisSyncRunsArgs, @Context() ctx: GqlContext): Promise<HrisSyncRunConnection> {
    const request = pageRequest(args, this.config.MAX_PAGE_SIZE);
    const filter = { provider: args.provider ?? undefined };
    const rows = await this.syncs.runs.list(ctx.tenantId, filter, request.after === null ? null : parsePositionCursor(request.after), fetchSize(request));
    const total = await this.syncs.runs.count(ctx.tenantId, filter);
    const page = toPage(
      rows,
      request,
      (r) => ({ cursor: positionCursor(r.seq), node: r.run }),
      () => total,
    );
    return toConnection(page, toSyncRunType);
  }

  @Query(() => HrisSyncRunType, { nullable: true, description: 'One HRIS sync run of the tenant, by id; null when there is none.' })
  async hrisSyncRun(@Args('id', { type: () => ID, description: 'The run id.' }) id: string, @Context() ctx: GqlContext): Promise<HrisSyncRunType | null> {
    const run = await this.syncs.runs.get(id);
    return run && run.tenantId === ctx.tenantId ? toSyncRunType(run) : null;
  }

  @Mutation(() => HrisSyncRunType, {
    description:
      "Starts a full sync of the tenant's org with the provider's employee directory (read through its API) and answers the run, QUEUED: poll hrisSyncRun until it SUCCEEDED or FAILED. While a run of the provider is unfinished, answers that one and starts nothing.",
  })
  async startHrisSync(@Args() args: StartHrisSyncArgs, @Context() ctx: GqlContext): Promise<HrisSyncRunType> {
    const id = derivedId(args.idempotencyKey ?? null, ctx.tenantId, 'hris-sync');
    const run = await this.syncs.start({ id, tenantId: ctx.tenantId, provider: args.provider, dryRun: args.dryRun ?? false, startedBy: ctx.actor });
    return toSyncRunType(run);
  }
}
