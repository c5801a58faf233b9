import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { DRIFT_TRIGGERS, FINDING_STATUSES, SEVERITIES, type DriftTrigger, type FindingStatus, type Severity, type SubjectType } from '@rolebook/domain';
import { enumOf, spelledOut } from '../graphql/enums';
import { ConnectionType, PageArgs } from '../graphql/pagination';
import { DateTime, JSONScalar } from '../graphql/scalars';

export const FindingStatusEnum = enumOf(FINDING_STATUSES, 'FindingStatus');
export const SeverityEnum = enumOf(SEVERITIES, 'Severity');

@ObjectType()
export class Citation {
  @Field({ description: 'The seed file the passage is taken from.' })
  source!: string;

  @Field()
  passage!: string;
}

@ObjectType()
export class FindingSource {
  @Field({ description: 'The reference model entry, e.g. product-manager.practices.no-campaign-decisions.' })
  entry!: string;

  @Field(() => Citation)
  cite!: Citation;
}

@ObjectType()
export class FindingSubject {
  @Field(() => String)
  type!: SubjectType;

  @Field(() => ID)
  id!: string;
}

@ObjectType()
export class Waiver {
  @Field()
  reason!: string;

  @Field()
  actor!: string;

  @Field(() => DateTime)
  waivedAt!: string;

  @Field(() => DateTime, { nullable: true })
  expiresAt!: string | null;
}

@ObjectType('DriftFinding')
export class DriftFindingType {
  @Field(() => ID)
  id!: string;

  @Field()
  ruleId!: string;

  @Field(() => SeverityEnum)
  severity!: Severity;

  @Field(() => FindingStatusEnum)
  status!: FindingStatus;

  @Field(() => FindingSubject)
  subject!: FindingSubject;

  @Field()
  message!: string;

  @Field(() => JSONScalar)
  evidence!: Record<string, unknown>;

  @Field(() => FindingSource)
  source!: FindingSource;

  @Field(() => DateTime)
  detectedAt!: string;

  @Field(() => DateTime, { nullable: true })
  resolvedAt!: string | null;

  @Field(() => Waiver, { nullable: true })
  waiver!: Waiver | null;
}

@ObjectType()
export class DriftFindingConnection extends ConnectionType(DriftFindingType, 'DriftFinding') {}

@ObjectType('DriftRun')
export class DriftRunType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: `${spelledOut(DRIFT_TRIGGERS)}.` })
  trigger!: DriftTrigger;

  @Field(() => DateTime, { description: 'The instant the org was checked at.' })
  checkedAt!: string;

  @Field(() => DateTime)
  recordedAt!: string;

  @Field(() => Int)
  durationMs!: number;

  @Field(() => Int, { description: 'The reference model version measured against.' })
  modelVersion!: number;

  @Field(() => Int)
  detected!: number;

  @Field(() => Int)
  resolved!: number;

  @Field(() => Int, { description: 'Findings open after the run.' })
  open!: number;
}

@ObjectType()
export class DriftRunConnection extends ConnectionType(DriftRunType, 'DriftRun') {}

@InputType()
export class DriftFindingFilterInput {
  @Field(() => [FindingStatusEnum], { nullable: true, description: 'Default: OPEN and WAIVED.' })
  status?: FindingStatus[] | null;

  @Field(() => SeverityEnum, { nullable: true })
  severity?: Severity | null;

  @Field(() => String, { nullable: true })
  ruleId?: string | null;

  @Field(() => ID, { nullable: true })
  subjectId?: string | null;
}

@ArgsType()
export class DriftFindingsArgs extends PageArgs {
  @Field(() => DriftFindingFilterInput, { nullable: true })
  filter?: DriftFindingFilterInput | null;

  @Field(() => DateTime, { nullable: true, description: 'Findings as they stood at this instant (default now).' })
  asOf?: Date | null;
}

@InputType()
export class WaiveDriftFindingInput {
  @Field(() => ID)
  findingId!: string;

  @Field()
  reason!: string;

  @Field(() => DateTime, { nullable: true, description: 'The finding opens again then; absent: until resolved.' })
  expiresAt?: Date | null;

  @Field(() => DateTime, { nullable: true })
  effectiveAt?: Date | null;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}

@InputType()
export class RunDriftCheckInput {
  @Field(() => String, { nullable: true, description: 'Sent again, the same check is not run twice.' })
  idempotencyKey?: string | null;
}

@ObjectType('ReferenceRole')
export class ReferenceRoleType {
  @Field()
  key!: string;

  @Field()
  title!: string;

  @Field()
  family!: string;

  @Field(() => String, { nullable: true, description: 'strategy, planning or growth.' })
  phase!: string | null;

  @Field(() => Int, { nullable: true, description: 'Level on the product management ladder (1 = associate).' })
  ladder!: number | null;

  @Field()
  individualContributor!: boolean;

  @Field(() => [String])
  aliases!: string[];

  @Field(() => [String])
  reportsTo!: string[];

  @Field(() => JSONScalar, { description: '{ text, cite }' })
  purpose!: unknown;

  @Field(() => JSONScalar, { description: '[{ id, text, core, match, cite }]' })
  responsibilities!: unknown;

  @Field(() => JSONScalar, { description: '[{ id, kind: must | mustNot, text, match, cite }]' })
  practices!: unknown;

  @Field(() => JSONScalar, { nullable: true, description: '{ min, max } direct reports' })
  span!: unknown;

  @Field(() => [Citation])
  cite!: Citation[];
}

@ObjectType('ReferenceModel')
export class ReferenceModelType {
  @Field(() => Int)
  version!: number;

  @Field()
  name!: string;

  @Field(() => DateTime, { nullable: true, description: 'null for the built-in model.' })
  effectiveAt!: string | null;

  @Field(() => [ReferenceRoleType])
  roles!: ReferenceRoleType[];

  @Field(() => JSONScalar, { description: 'Parameters of the drift rules, each with its citation.' })
  rules!: unknown;

  @Field(() => JSONScalar, { description: 'The whole model, as published (the input of publishReferenceModel).' })
  document!: unknown;
}

@InputType()
export class PublishReferenceModelInput {
  @Field(() => JSONScalar, { description: 'A reference model document; see the built-in one (referenceModel(version: 1) { document }).' })
  model!: unknown;

  @Field(() => DateTime, { nullable: true, description: 'When it comes into force (default now).' })
  effectiveAt?: Date | null;

  @Field(() => String, { nullable: true })
  reason?: string | null;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;

  @Field(() => Int, { nullable: true, description: 'The version of the reference stream last seen (number of publications).' })
  expectedVersion?: number | null;
}
