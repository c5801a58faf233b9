// The GraphQL shape of HRIS sync runs (issue #15 part 4). Employees are named by id only: a dry
// run's plan never carries a name or an email.
import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { SYNC_RUN_STATUSES, type PlannedChange, type Provider, type SyncCounts, type SyncRun, type SyncRunStatus } from '@rolebook/hris';
import { ConnectionType, PageArgs } from '../graphql/pagination';
import { enumOf } from '../graphql/enums';
import { WebhookProvider } from '../webhooks/webhooks.types';

const HrisSyncStatus = enumOf(SYNC_RUN_STATUSES, 'HrisSyncStatus', 'Where an HRIS sync run stands.', {
  QUEUED: 'Waiting for a runner (the worker with REDIS_URL, else the API process).',
  RUNNING: 'Reading the HRIS directory and recording the differences.',
  SUCCEEDED: 'Reconciled (a dry run: planned); see counts.',
  FAILED: 'Stopped without finishing; see error.',
});

@ObjectType('HrisSyncCounts', { description: 'Employees of the directory by what the run did to them (a dry run: would do).' })
export class HrisSyncCountsType implements SyncCounts {
  @Field(() => Int, { description: 'New people registered.' })
  created!: number;
  @Field(() => Int, { description: 'People whose details, manager, role or team changed.' })
  updated!: number;
  @Field(() => Int, { description: 'People the directory says have left, terminated.' })
  terminated!: number;
  @Field(() => Int, { description: 'People already as the directory states them.' })
  unchanged!: number;
  @Field(() => Int, { description: 'Employees Rolebook refused (an unknown manager, a reporting cycle, a bad date, ...): see the plan of a dry run.' })
  failed!: number;
}

@ObjectType('HrisSyncChange', { description: "One employee's change in a dry run's plan, by id: never a name or an email." })
export class HrisSyncChangeType {
  @Field({ description: "The employee's id in the HRIS." })
  employeeId!: string;
  @Field(() => ID, {
    nullable: true,
    description: "The person's Rolebook id (derived from the provider and the employee id); null when refused before one could be derived.",
  })
  personId!: string | null;
  @Field({ description: 'What the run would do to the employee: created, updated, terminated or failed.' })
  outcome!: string;
  @Field(() => [String], { description: 'What changes: created, name, email, title, manager, role, team, terminated.' })
  changes!: string[];
  @Field(() => String, { nullable: true, description: "The tenant role the employee's title maps to." })
  role!: string | null;
  @Field(() => String, { nullable: true, description: 'Why Rolebook refuses the employee (failed): a reason code such as UNKNOWN_MANAGER or REPORTING_CYCLE.' })
  reason!: string | null;
}

@ObjectType('HrisSyncRun', {
  description: "One full reconciliation of the tenant's org with a provider's employee directory, read through the provider's API.",
})
export class HrisSyncRunType {
  @Field(() => ID, { description: 'The run id: the correlation and causation id of every change it recorded.' })
  id!: string;
  @Field(() => WebhookProvider, { description: 'The HRIS whose directory was read.' })
  provider!: Provider;
  @Field({ description: 'A dry run reports what would change (`plan`) and changes nothing.' })
  dryRun!: boolean;
  @Field(() => HrisSyncStatus, { description: 'Where the run stands.' })
  status!: SyncRunStatus;
  @Field({ description: 'Who started it: the actor (`key:<name>`, `user:<sub>`), or `schedule` (HRIS_SYNC_INTERVAL_MS).' })
  startedBy!: string;
  @Field({ description: 'When it was started (queued).' })
  queuedAt!: string;
  @Field(() => String, { nullable: true, description: 'When it began reading the directory; changes of people already known take effect then.' })
  startedAt!: string | null;
  @Field(() => String, { nullable: true, description: 'When it succeeded or failed (ISO-8601, UTC); null while queued or running.' })
  finishedAt!: string | null;
  @Field(() => HrisSyncCountsType, { nullable: true, description: 'Null until it succeeded.' })
  counts!: HrisSyncCountsType | null;
  @Field(() => [HrisSyncChangeType], {
    nullable: true,
    description: 'A dry run: each employee it would change or refuses (unchanged ones are left out). Null for a real run.',
  })
  plan!: HrisSyncChangeType[] | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Why it failed: API_NOT_CONFIGURED (no API credentials for the provider in HRIS_INTEGRATIONS), VENDOR_API_FAILED (the HRIS API kept failing, or answered not as documented), INTERRUPTED (the worker job gave up on the run; the next run takes up the rest), UNEXPECTED (logged with the run id).',
  })
  error!: string | null;
}

const toChange = (c: PlannedChange): HrisSyncChangeType => ({ ...c });

export const toSyncRunType = (r: SyncRun): HrisSyncRunType => ({
  id: r.id,
  provider: r.provider,
  dryRun: r.dryRun,
  status: r.status,
  startedBy: r.startedBy,
  queuedAt: r.queuedAt,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
  counts: r.counts,
  plan: r.plan?.map(toChange) ?? null,
  error: r.error,
});

@ObjectType({ description: 'A page of HRIS sync runs, newest first, with the total count.' })
export class HrisSyncRunConnection extends ConnectionType(HrisSyncRunType, 'HrisSyncRun') {}

@ArgsType()
export class HrisSyncRunsArgs extends PageArgs {
  @Field(() => WebhookProvider, { nullable: true, description: "Only this provider's runs." })
  provider?: Provider | null;
}

@ArgsType()
export class StartHrisSyncArgs {
  @Field(() => WebhookProvider, { description: 'The HRIS to read (one with a directory API: not `standard`).' })
  provider!: Provider;
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: "Report what would change (the run's `plan`) and change nothing." })
  dryRun?: boolean | null;
  @Field(() => String, { nullable: true, description: 'A retried start with the same key answers the same run and starts nothing.' })
  idempotencyKey?: string | null;
}
