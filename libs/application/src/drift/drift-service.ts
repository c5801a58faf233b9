// Drift checks and the reference models they measure against. A check reads the org as it
// stands at the instant checked, applies the model in force then, and records what the rules
// found as events: a retried check (same run id) is a no-op, concurrent checks re-decide.
// Each tenant's checks keep what they found (a DriftEngine) and the drift stream's state, so a
// later check reads and re-runs what changed since the last one, not the org or the history;
// one tenant's checks run one at a time in this process.
import {
  BUILT_IN_VERSION,
  Conflict,
  driftDecider,
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
import { DriftEngine, type Finding } from '@rolebook/drift';
import type { CheckedUpTo, DriftOrgReads, DriftQueries, RunView } from '@rolebook/projections';
import { WrongExpectedVersion, type EventStore } from '@rolebook/event-store';
import { builtInCitations, defaultReferenceModel, unsupportedCitation, type ReferenceModel, type SourceTexts } from '@rolebook/reference-model';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CommandExecutor } from '../commands/command-executor';
import { KeptDriftStream } from './kept-drift-stream';
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

/** What a tenant's checks keep between runs. */
interface Kept {
  engine: DriftEngine;
  modelVersion: number;
  upTo: CheckedUpTo;
}

const MAX_ATTEMPTS = 5;

/** Runs a generator of steps to its end, giving the event loop a turn at each step. */
const inTurns = async <R>(steps: Generator<void, R>): Promise<R> => {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await nextTurn();
  }
};

export const BUILT_IN_MODEL: ReferenceModelVersion = { version: BUILT_IN_VERSION, effectiveAt: null, model: defaultReferenceModel };

export class DriftService {
  private readonly kept = new Map<string, Kept>();
  private readonly streams = new Map<string, KeptDriftStream>();
  /** Each tenant's last check: the next one starts after it. */
  private readonly queue = new Map<string, Promise<unknown>>();

  constructor(
    private readonly executor: CommandExecutor,
    private readonly orgReads: DriftOrgReads,
    private readonly drift: DriftQueries,
    private readonly store: EventStore,
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
   * Runs the rules against the org now and records the result; answers the run. A tenant's
   * checks run one after the other; each gives the event loop a turn between its steps, so a
   * check inside the API process leaves requests answered meanwhile.
   */
  runCheck(tenantId: string, trigger: DriftTrigger, runId: string = randomUUID(), actor = 'drift-check'): Promise<RunView> {
    const run = (this.queue.get(tenantId) ?? Promise.resolve()).then(() => this.check(tenantId, trigger, runId, actor));
    const settled = run.catch(() => undefined);
    this.queue.set(tenantId, settled);
    void settled.then(() => this.queue.get(tenantId) === settled && this.queue.delete(tenantId));
    return run;
  }

  private async check(tenantId: string, trigger: DriftTrigger, runId: string, actor: string): Promise<RunView> {
    const started = performance.now();
    const at = this.clock().toISOString();
    const { version, model } = await this.modelAt(tenantId, at);
    const findings = await this.find(tenantId, at, version, model);
    const command: RecordDriftCheck = {
      type: 'RecordDriftCheck',
      effectiveAt: at,
      runId,
      trigger,
      durationMs: Math.round(performance.now() - started),
      modelVersion: version,
      findings: Array.from(findings, ({ id, ...f }) => ({ findingId: id, ...f })),
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
    await this.record(command, ctx);
    const run = this.drift.run(tenantId, runId);
    if (!run) throw new Error('drift run not visible after it was recorded');
    return run;
  }

  /** What the rules find at `at`: every rule over the whole org the first time (or under another model), then only what changed. */
  private async find(tenantId: string, at: Instant, modelVersion: number, model: ReferenceModel): Promise<IterableIterator<Finding>> {
    let kept = this.kept.get(tenantId);
    this.kept.delete(tenantId); // kept again only once brought up to date whole
    if (kept && kept.modelVersion === modelVersion && kept.upTo.at <= at) {
      const changes = this.orgReads.changes(tenantId, kept.upTo, at);
      await inTurns(kept.engine.apply(changes));
      kept.upTo = { position: changes.position, at };
    } else {
      const { org, position } = await inTurns(this.orgReads.snapshot(tenantId, at));
      kept = { engine: await inTurns(DriftEngine.full(org, model)), modelVersion, upTo: { position, at } };
    }
    this.kept.set(tenantId, kept);
    return kept.engine.findings();
  }

  /** Resolves once the checks running or queued when called have settled. */
  async idle(): Promise<void> {
    await Promise.all(this.queue.values());
  }

  /** Decides on the kept drift stream and appends at its length; after another writer, catches up and decides again. */
  private async record(command: RecordDriftCheck, ctx: RequestContext): Promise<void> {
    let stream = this.streams.get(ctx.tenantId);
    if (!stream) this.streams.set(ctx.tenantId, (stream = new KeptDriftStream(this.store, ctx.tenantId)));
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const { state, version } = await stream.current();
      const recorded = stream.runPosition(command.runId);
      if (recorded !== null) return this.executor.waitFor(recorded); // a retried run: recorded already
      const events = driftDecider.decide(command, state);
      try {
        const result = await this.executor.appendDecided('drift', TENANT_STREAM_ID, version, events, command.effectiveAt, { runId: command.runId }, ctx);
        stream.appended(events, result.position!, command.effectiveAt);
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion)) {
          this.streams.delete(ctx.tenantId); // not known whether it was written: read it again next time
          throw error;
        }
        stream.markStale();
      }
    }
    throw new Conflict('CONCURRENT_MODIFICATION', 'the drift stream kept changing while the check was recorded; retry', 'id');
  }
}
