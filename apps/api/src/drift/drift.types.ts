import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { DRIFT_TRIGGERS, FINDING_STATUSES, SEVERITIES, type DriftTrigger, type FindingStatus, type Severity, type SubjectType } from '@rolebook/domain';
import { enumOf, spelledOut } from '../graphql/enums';
import { ConnectionType, PageArgs } from '../graphql/pagination';
import { DateTime, JSONScalar } from '../graphql/scalars';

export const FindingStatusEnum = enumOf(FINDING_STATUSES, 'FindingStatus', 'Where a drift finding stands at the instant read.', {
  OPEN: 'Found by the last check and not waived.',
  WAIVED: 'Accepted as an exception by a waiver in force (until it expires or the finding is resolved).',
  RESOLVED: 'No longer found by a later check.',
});
export const SeverityEnum = enumOf(SEVERITIES, 'Severity', 'How much a drift finding matters.', {
  info: 'Worth knowing; no action expected.',
  warning: 'The org departs from the reference model; worth a look.',
  critical: 'A departure the reference model calls out as harmful; act on it.',
});

@ObjectType({ description: 'A passage of a seed text that a reference model entry rests on.' })
export class Citation {
  @Field({ description: 'The seed file the passage is taken from.' })
  source!: string;

  @Field({ description: 'The passage, verbatim.' })
  passage!: string;
}

@ObjectType({ description: "The reference model entry a finding's rule applies, and its citation." })
export class FindingSource {
  @Field({ description: 'The reference model entry, e.g. product-manager.practices.no-campaign-decisions.' })
  entry!: string;

  @Field(() => Citation, { description: 'The seed passage the entry rests on.' })
  cite!: Citation;
}

@ObjectType({ description: 'What a finding is about.' })
export class FindingSubject {
  @Field(() => String, { description: 'What kind of subject: person, role, team or org.' })
  type!: SubjectType;

  @Field(() => ID, { description: "The person's, role's or team's id (a UUID), or the tenant for org." })
  id!: string;
}

@ObjectType({ description: 'An accepted exception to a finding.' })
export class Waiver {
  @Field({ description: 'Why the finding is accepted.' })
  reason!: string;

  @Field({ description: 'Who waived it (key:<name> or user:<sub>).' })
  actor!: string;

  @Field(() => DateTime, { description: 'When the waiver took effect.' })
  waivedAt!: string;

  @Field(() => DateTime, { nullable: true, description: 'When the finding opens again; null: until it is resolved.' })
  expiresAt!: string | null;
}

@ObjectType('DriftFinding', { description: 'A way the org departs from the reference model, found by a drift check, with the rule and passage it rests on.' })
export class DriftFindingType {
  @Field(() => ID, { description: "The finding's id (rule:subject type:subject id[:detail]): the same departure keeps its id across checks." })
  id!: string;

  @Field({ description: 'The drift rule that found it (e.g. forbidden-responsibility).' })
  ruleId!: string;

  @Field(() => SeverityEnum, { description: 'How much it matters.' })
  severity!: Severity;

  @Field(() => FindingStatusEnum, { description: 'Open, waived or resolved at the instant read.' })
  status!: FindingStatus;

  @Field(() => FindingSubject, { description: 'The person, role, team or org it is about.' })
  subject!: FindingSubject;

  @Field({ description: 'What was found, in a sentence; names people by id only.' })
  message!: string;

  @Field(() => JSONScalar, { description: 'The facts the rule saw (ids, counts, thresholds), by rule.' })
  evidence!: Record<string, unknown>;

  @Field(() => FindingSource, { description: 'The reference model entry and seed passage the rule rests on.' })
  source!: FindingSource;

  @Field(() => DateTime, { description: 'When the check that found it looked at the org.' })
  detectedAt!: string;

  @Field(() => DateTime, { nullable: true, description: 'When a check no longer found it; null while not resolved.' })
  resolvedAt!: string | null;

  @Field(() => Waiver, { nullable: true, description: 'The waiver in force; null: not waived.' })
  waiver!: Waiver | null;
}

@ObjectType({ description: 'A page of drift findings, with the total count.' })
export class DriftFindingConnection extends ConnectionType(DriftFindingType, 'DriftFinding') {}

@ObjectType('DriftRun', { description: 'One drift check: what started it, what it measured against and what it found.' })
export class DriftRunType {
  @Field(() => ID, { description: "The run's id; a retried check carries the same one and is recorded once." })
  id!: string;

  @Field(() => String, { description: `What started it: ${spelledOut(DRIFT_TRIGGERS)}.` })
  trigger!: DriftTrigger;

  @Field(() => DateTime, { description: 'The instant the org was checked at.' })
  checkedAt!: string;

  @Field(() => DateTime, { description: 'When the run was recorded.' })
  recordedAt!: string;

  @Field(() => Int, { description: 'How long the check took, in milliseconds.' })
  durationMs!: number;

  @Field(() => Int, { description: 'The reference model version measured against.' })
  modelVersion!: number;

  @Field(() => Int, { description: 'Findings newly found by the run.' })
  detected!: number;

  @Field(() => Int, { description: 'Findings no longer found by the run.' })
  resolved!: number;

  @Field(() => Int, { description: 'Findings open after the run.' })
  open!: number;
}

@ObjectType({ description: 'A page of drift check runs, with the total count.' })
export class DriftRunConnection extends ConnectionType(DriftRunType, 'DriftRun') {}

@InputType({ description: 'Narrows a list of drift findings; every field given must match.' })
export class DriftFindingFilterInput {
  @Field(() => [FindingStatusEnum], { nullable: true, description: 'Only findings in these statuses (default: OPEN and WAIVED).' })
  status?: FindingStatus[] | null;

  @Field(() => SeverityEnum, { nullable: true, description: 'Only findings of this severity (default: any).' })
  severity?: Severity | null;

  @Field(() => String, { nullable: true, description: 'Only findings of this rule (default: any).' })
  ruleId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only findings about this person, role or team (a UUID).' })
  subjectId?: string | null;
}

@ArgsType()
export class DriftFindingsArgs extends PageArgs {
  @Field(() => DriftFindingFilterInput, { nullable: true, description: 'Which findings to list (default: open and waived ones).' })
  filter?: DriftFindingFilterInput | null;

  @Field(() => DateTime, { nullable: true, description: 'Findings as they stood at this instant (default: now).' })
  asOf?: Date | null;
}

@InputType({ description: 'Accepts a drift finding as an exception, for a reason, until it expires or is resolved.' })
export class WaiveDriftFindingInput {
  @Field(() => ID, { description: 'The finding (DriftFinding.id).' })
  findingId!: string;

  @Field({ description: 'Why the finding is accepted (not empty; recorded in the drift stream).' })
  reason!: string;

  @Field(() => DateTime, { nullable: true, description: 'The finding opens again then; absent: until resolved.' })
  expiresAt?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'When the waiver takes effect (default: now).' })
  effectiveAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'A retried request with the same key is a no-op.' })
  idempotencyKey?: string | null;
}

@InputType({ description: 'Options of a manual drift check.' })
export class RunDriftCheckInput {
  @Field(() => String, { nullable: true, description: 'Sent again, the same check is not run twice.' })
  idempotencyKey?: string | null;
}

@ObjectType('ReferenceRole', { description: 'A role of the reference model (e.g. product manager), as the seed texts describe it.' })
export class ReferenceRoleType {
  @Field({ description: 'Stable key of the role (e.g. product-manager); referenceRoleKey names it.' })
  key!: string;

  @Field({ description: 'Its usual title (e.g. Product Manager).' })
  title!: string;

  @Field({ description: 'The family it belongs to: product, design, engineering, marketing, delivery or analysis.' })
  family!: string;

  @Field(() => String, { nullable: true, description: 'The product phase it serves: strategy, planning or growth; null: none in particular.' })
  phase!: string | null;

  @Field(() => Int, { nullable: true, description: 'Level on the product management ladder (1 = associate); null: not on the ladder.' })
  ladder!: number | null;

  @Field({ description: 'True when the role is expected to have no direct reports.' })
  individualContributor!: boolean;

  @Field(() => [String], { description: 'Job titles that map to it (matched against HRIS titles, ignoring case).' })
  aliases!: string[];

  @Field(() => [String], { description: 'Keys of the reference roles it is expected to report to.' })
  reportsTo!: string[];

  @Field(() => JSONScalar, { description: 'Why the role exists: { text, cite }.' })
  purpose!: unknown;

  @Field(() => JSONScalar, { description: 'What it is accountable for: [{ id, text, core, match, cite }] (core: expected of every holder).' })
  responsibilities!: unknown;

  @Field(() => JSONScalar, { description: 'What it must or must not do: [{ id, kind: must | mustNot, text, match, cite }].' })
  practices!: unknown;

  @Field(() => JSONScalar, { nullable: true, description: 'Expected span of control: { min, max } direct reports; null: none expected.' })
  span!: unknown;

  @Field(() => [Citation], { description: 'The seed passages the role as a whole rests on.' })
  cite!: Citation[];
}

@ObjectType('ReferenceModel', { description: 'A version of the reference model of product roles that drift is measured against.' })
export class ReferenceModelType {
  @Field(() => Int, { description: 'Its version: 1 is the built-in model, each publication adds one.' })
  version!: number;

  @Field({ description: 'Its name, as published.' })
  name!: string;

  @Field(() => DateTime, { nullable: true, description: 'When it came into force (valid time); null for the built-in model.' })
  effectiveAt!: string | null;

  @Field(() => [ReferenceRoleType], { description: 'Its roles.' })
  roles!: ReferenceRoleType[];

  @Field(() => JSONScalar, { description: 'Parameters of the drift rules, each with its citation.' })
  rules!: unknown;

  @Field(() => JSONScalar, { description: 'The whole model, as published (the input of publishReferenceModel).' })
  document!: unknown;
}

@InputType({ description: "A tenant's own reference model, to be validated and published." })
export class PublishReferenceModelInput {
  @Field(() => JSONScalar, { description: 'A reference model document; see the built-in one (referenceModel(version: 1) { document }).' })
  model!: unknown;

  @Field(() => DateTime, { nullable: true, description: 'When it comes into force (valid time; default: now).' })
  effectiveAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it is published; kept in the audit trail.' })
  reason?: string | null;

  @Field(() => String, { nullable: true, description: 'A retried request with the same key is a no-op.' })
  idempotencyKey?: string | null;

  @Field(() => Int, { nullable: true, description: 'The version of the reference stream last seen (number of publications); a mismatch is a CONFLICT.' })
  expectedVersion?: number | null;
}
