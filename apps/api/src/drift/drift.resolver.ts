import { Inject } from '@nestjs/common';
import { Args, ArgsType, Context, Field, InputType, Int, Mutation, ObjectType, Query, Resolver, Subscription, registerEnumType } from '@nestjs/graphql';
import { derivedId, type ReferenceModelVersion } from '@rolebook/application';
import type { DriftChecks, Rolebook } from '@rolebook/runtime';
import type { Config } from '@rolebook/config';
import { NotFound, queryInstant } from '@rolebook/domain';
import { mapFeed, type FindingView, type HistoryEntry, type RunView } from '@rolebook/projections';
import { mustExist, mutate, payloadFields } from '../graphql/mutate';
import { isoInstant } from '../graphql/mutation.input';
import { MutationPayload } from '../graphql/mutation.payload';
import { PageArgs, pageRequest, toConnection } from '../graphql/pagination';
import { tenantFeed } from '../graphql/tenant-feed';
import type { GqlContext } from '../graphql/request-context';
import { DRIFT_CHECKS, InjectConfig, InjectRolebook } from '../rolebook.providers';

import {
  DriftFindingConnection,
  DriftFindingsArgs,
  DriftFindingType,
  DriftRunConnection,
  DriftRunType,
  PublishReferenceModelInput,
  ReferenceModelType,
  RunDriftCheckInput,
  WaiveDriftFindingInput,
} from './drift.types';

const toReferenceModel = ({ version, effectiveAt, model }: ReferenceModelVersion): ReferenceModelType => ({
  version,
  name: model.name,
  effectiveAt,
  roles: model.roles,
  rules: model.rules,
  document: model,
});

@ObjectType({ description: 'What publishReferenceModel did: the model in force after it, the stream version and position, and whether anything changed.' })
export class ReferenceModelPayload extends MutationPayload {
  @Field(() => ReferenceModelType, { description: "The model in force at the publication's effectiveAt (or now, if that is earlier)." })
  referenceModel!: ReferenceModelType;
}

export enum FindingChange {
  DETECTED = 'DriftDetected',
  RESOLVED = 'DriftResolved',
  WAIVED = 'DriftWaived',
}
registerEnumType(FindingChange, {
  name: 'FindingChange',
  description: 'What happened to a drift finding.',
  valuesMap: {
    DETECTED: { description: 'A check found it (DriftDetected).' },
    RESOLVED: { description: 'A check no longer found it (DriftResolved).' },
    WAIVED: { description: 'It was accepted as an exception (DriftWaived).' },
  },
});

@ObjectType('DriftFindingChanged', { description: 'One change of a drift finding, pushed by driftFindingChanged.' })
export class DriftFindingChangedType {
  @Field(() => FindingChange, { description: 'Detected, resolved or waived.' })
  change!: FindingChange;

  @Field({ description: 'Global position; pass it as `after` to resume.' })
  position!: string;

  @Field(() => DriftFindingType, { description: 'The finding as it stood after the change.' })
  finding!: DriftFindingType;
}

@InputType({ description: 'Which finding changes a subscription receives; every field given must match.' })
class DriftFindingChangedFilterInput {
  @Field(() => [FindingChange], { nullable: true, description: 'Only these kinds of change (default: all three).' })
  changes?: FindingChange[] | null;

  @Field(() => String, { nullable: true, description: 'Only findings of this rule (default: any).' })
  ruleId?: string | null;
}

@ArgsType()
class DriftFindingChangedArgs {
  @Field(() => String, { nullable: true, description: 'Resume after this position; absent: from now on.' })
  after?: string | null;

  @Field(() => DriftFindingChangedFilterInput, { nullable: true, description: 'Which changes to receive (default: all).' })
  filter?: DriftFindingChangedFilterInput | null;
}

const FINDING_EVENTS = ['DriftDetected', 'DriftResolved', 'DriftWaived'];

@Resolver()
export class DriftResolver {
  constructor(
    @InjectRolebook() private readonly rolebook: Rolebook,
    @InjectConfig() private readonly config: Config,
    @Inject(DRIFT_CHECKS) private readonly checks: DriftChecks,
  ) {}

  @Query(() => ReferenceModelType, { description: 'A reference model version (1 is the built-in one); default: the one in force now.' })
  async referenceModel(
    @Args('version', { type: () => Int, nullable: true, description: 'The version (1: the built-in model); absent: the one in force now.' })
    version: number | null,
    @Context() ctx: GqlContext,
  ): Promise<ReferenceModelType> {
    if (version == null) return toReferenceModel(await this.rolebook.drift.modelAt(ctx.tenantId, new Date().toISOString()));
    const found = await this.rolebook.drift.modelVersion(ctx.tenantId, version);
    if (!found) throw new NotFound('reference model version', 'version');
    return toReferenceModel(found);
  }

  @Mutation(() => ReferenceModelPayload, { description: 'Publishes a tenant reference model: validated, recorded and versioned.' })
  async publishReferenceModel(
    @Args('input', { description: 'The model document and when it comes into force.' }) input: PublishReferenceModelInput,
    @Context() ctx: GqlContext,
  ): Promise<ReferenceModelPayload> {
    const { result, at } = await mutate(input, ctx, this.rolebook.drift.publishReferenceModel, {
      model: input.model,
      effectiveAt: isoInstant(input.effectiveAt),
    });
    const model = await this.rolebook.drift.modelAt(ctx.tenantId, at.asOf);
    return { referenceModel: toReferenceModel(model), ...payloadFields(result) };
  }

  @Query(() => DriftFindingConnection, { description: "The tenant's drift findings as they stood at asOf, by id." })
  driftFindings(@Args() args: DriftFindingsArgs, @Context() ctx: GqlContext): DriftFindingConnection {
    const f = args.filter ?? {};
    const asOf = args.asOf ? queryInstant(args.asOf, 'asOf') : new Date().toISOString();
    const filter = { statuses: f.status ?? undefined, severity: f.severity ?? undefined, ruleId: f.ruleId ?? undefined, subjectId: f.subjectId ?? undefined };
    return toConnection(this.rolebook.driftQueries.findings(ctx.tenantId, asOf, filter, pageRequest(args, this.config.MAX_PAGE_SIZE)), (x: FindingView) => x);
  }

  @Query(() => DriftRunConnection, { description: 'Drift checks, newest first.' })
  driftRuns(@Args() args: PageArgs, @Context() ctx: GqlContext): DriftRunConnection {
    return toConnection(this.rolebook.driftQueries.runs(ctx.tenantId, pageRequest(args, this.config.MAX_PAGE_SIZE)), (x: RunView) => x);
  }

  @Mutation(() => DriftRunType, { description: 'Runs a drift check now and answers when it is recorded.' })
  runDriftCheck(
    @Args('input', { type: () => RunDriftCheckInput, nullable: true, description: 'Options (default: none).' }) input: RunDriftCheckInput | null,
    @Context() ctx: GqlContext,
  ): Promise<RunView> {
    const runId = derivedId(input?.idempotencyKey ?? null, ctx.tenantId, 'RunDriftCheck');
    return this.checks.run(ctx.tenantId, runId, ctx.actor);
  }

  @Mutation(() => DriftFindingType, { description: 'Accepts a finding as an exception, with a reason and an optional expiry.' })
  async waiveDriftFinding(
    @Args('input', { description: 'The finding, the reason and an optional expiry.' }) input: WaiveDriftFindingInput,
    @Context() ctx: GqlContext,
  ): Promise<FindingView> {
    // the waiver's reason travels as the change's reason (the request context's)
    const { at } = await mutate(input, ctx, this.rolebook.drift.waiveFinding, {
      findingId: input.findingId,
      expiresAt: isoInstant(input.expiresAt),
      effectiveAt: isoInstant(input.effectiveAt),
    });
    return mustExist(this.rolebook.driftQueries.finding(ctx.tenantId, input.findingId, at.asOf), 'finding');
  }

  @Subscription(() => DriftFindingChangedType, {
    description: 'Findings detected, resolved or waived, as checks and waivers are recorded.',
    resolve: (change: DriftFindingChangedType) => change,
  })
  driftFindingChanged(@Args() args: DriftFindingChangedArgs, @Context() ctx: GqlContext): AsyncIterableIterator<DriftFindingChangedType> {
    const changes = args.filter?.changes ?? FINDING_EVENTS;
    const feed = tenantFeed(this.rolebook, ctx.tenantId, args.after, (e) => changes.includes(e.type));
    const ruleId = args.filter?.ruleId;
    return mapFeed(feed, (entry: HistoryEntry) => {
      const finding = this.rolebook.driftQueries.finding(ctx.tenantId, (entry.data as { findingId: string }).findingId, entry.effectiveAt);
      if (!finding || (ruleId && finding.ruleId !== ruleId)) return null;
      return { change: entry.type as FindingChange, position: String(entry.position), finding };
    });
  }
}
