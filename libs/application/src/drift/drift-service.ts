// Drift checks and the reference models they measure against. A check reads the org as it
// stands at the instant checked, applies the model in force then, and records what the rules
// found as events: a retried check (same run id) is a no-op, concurrent checks re-decide.
import {
  BUILT_IN_VERSION,
  InvalidInput,
  TENANT_STREAM_ID,
  inForce,
  parse,
  publishReferenceModelSchema,
  waiveDriftFindingSchema,
  type DriftTrigger,
  type Instant,
  type RecordDriftCheck,
  type References,
} from '@rolebook/domain';
import { driftSteps } from '@rolebook/drift';
import type { DriftQueries, OrgQueries, RunView } from '@rolebook/projections';
import { builtInCitations, defaultReferenceModel, unsupportedCitation, type ReferenceModel, type SourceTexts } from '@rolebook/reference-model';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CommandExecutor } from '../commands/command-executor';
import type { Fields } from '../commands/fields';
import type { CommandResult, RequestContext } from '../shared/request-context';

/** The model document is JSON from the caller: validated here against the reference model schema. */
export type PublishReferenceModelFields = Omit<Fields<typeof publishReferenceModelSchema>, 'model'> & { model: unknown };

/** The waiver's reason, by default the change's reason (the request context's): recorded on both. */
export type WaiveFindingFields = Omit<Fields<typeof waiveDriftFindingSchema>, 'reason'> & { reason?: string | null };

export interface ReferenceModelVersion {
  version: number;
  /** null for the built-in model, in force from the beginning. */
  effectiveAt: string | null;
  model: ReferenceModel;
}

export const BUILT_IN_MODEL: ReferenceModelVersion = { version: BUILT_IN_VERSION, effectiveAt: null, model: defaultReferenceModel };

export class DriftService {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly queries: OrgQueries,
    private readonly drift: DriftQueries,
    private readonly clock: () => Date = () => new Date(),
    /** The texts citations are checked against; by default none, so only the built-in model's citations pass. */
    private readonly sources: SourceTexts = builtInCitations,
  ) {}

  private references(tenantId: string): Promise<References> {
    return this.executor.load(tenantId, 'reference', TENANT_STREAM_ID);
  }

  /** The model in force at `at`: the tenant's latest publication effective by then, else the built-in one. */
  async modelAt(tenantId: string, at: Instant): Promise<ReferenceModelVersion> {
    return inForce(await this.references(tenantId), at) ?? BUILT_IN_MODEL;
  }

  /** A given version (1 is the built-in model), or null when the tenant has no such version. */
  async modelVersion(tenantId: string, version: number): Promise<ReferenceModelVersion | null> {
    if (version === BUILT_IN_VERSION) return BUILT_IN_MODEL;
    return (await this.references(tenantId)).published.find((p) => p.version === version) ?? null;
  }

  publishReferenceModel = async (fields: PublishReferenceModelFields, ctx: RequestContext): Promise<CommandResult> => {
    const command = parse(publishReferenceModelSchema, {
      ...fields,
      type: 'PublishReferenceModel',
      effectiveAt: fields.effectiveAt ?? this.clock().toISOString(),
    });
    // every entry rests on a passage of a source: one that is not there, or cannot be checked, is refused
    const unsupported = unsupportedCitation(command.model, this.sources);
    if (unsupported) {
      const field = ['model', ...unsupported.path].join('.');
      throw new InvalidInput(
        unsupported.problem,
        unsupported.problem === 'CITATION_NOT_FOUND'
          ? `${field} cites a passage that is not in its source`
          : `${field} cites a passage that cannot be checked: Rolebook does not have its source's text (without the seed texts, only citations of the built-in model can be)`,
        field,
      );
    }
    return this.executor.execute('reference', TENANT_STREAM_ID, () => command, { type: command.type, ...fields }, ctx);
  };

  waiveFinding = async (fields: WaiveFindingFields, ctx: RequestContext): Promise<CommandResult> => {
    const command = parse(waiveDriftFindingSchema, {
      ...fields,
      type: 'WaiveDriftFinding',
      reason: fields.reason ?? ctx.reason ?? undefined,
      effectiveAt: fields.effectiveAt ?? this.clock().toISOString(),
    });
    return this.executor.execute('drift', TENANT_STREAM_ID, () => command, { type: command.type, ...fields }, ctx);
  };

  /**
   * Runs the rules against the org now and records the result; answers the run. It gives the
   * event loop a turn between the snapshot and each rule, so a check of a big org inside the API
   * process leaves requests answered meanwhile.
   */
  async runCheck(tenantId: string, trigger: DriftTrigger, runId: string = randomUUID(), actor = 'drift-check'): Promise<RunView> {
    const started = performance.now();
    const at = this.clock().toISOString();
    const { version, model } = await this.modelAt(tenantId, at);
    const snapshot = this.queries.snapshot(tenantId, { asOf: at, knownAt: null });
    const steps = driftSteps(snapshot, model);
    let step = steps.next();
    while (!step.done) {
      await nextTurn();
      step = steps.next();
    }
    const findings = step.value;
    const command: RecordDriftCheck = {
      type: 'RecordDriftCheck',
      effectiveAt: at,
      runId,
      trigger,
      durationMs: Math.round(performance.now() - started),
      modelVersion: version,
      findings: findings.map(({ id, ...f }) => ({ findingId: id, ...f })),
    };
    const ctx: RequestContext = {
      tenantId,
      actor,
      source: 'system',
      correlationId: runId,
      causationId: null,
      reason: `drift check (${trigger})`,
      idempotencyKey: `drift-run:${runId}`,
      expectedVersion: null,
    };
    await this.executor.execute('drift', TENANT_STREAM_ID, () => command, { runId }, ctx);
    const run = this.drift.run(tenantId, runId);
    if (!run) throw new Error('drift run not visible after it was recorded');
    return run;
  }
}
