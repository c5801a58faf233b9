// Reconciles a tenant's org with a directory's employees (an imported file, an HRIS's list):
// plan() compares and answers what would change (a dry run stops there); apply() writes the plan
// through OrgCommands, phase by phase (people, managers, roles and teams, leavers), in batches:
// each batch's commands are decided as one by one, appended together and projected once. Every
// command carries the run's source, the run id as correlation and causation, and an idempotency
// key derived from the run, the person and the step, so a batch run again changes nothing twice;
// a second run of the same directory plans nothing, so it changes nothing at all.
import { DomainError, type Instant } from '@rolebook/domain';
import type { OrgQueries, PersonView, RoleView, TeamView, Versioned } from '@rolebook/projections';
import type { DriftService } from '../../drift/drift-service';
import type { RequestContext } from '../../shared/request-context';
import type { OrgCommands } from '../org-commands';
import { PHASES, type EmployeeRecord, type Plan, type RecordPlan } from './employee-record';
import { runStep, stepKey } from './employee-steps';
import { planReconciliation, type OrgView } from './plan-reconciliation';

/** The latest instant Rolebook takes: the org "in force" then holds every change recorded, future ones included. */
const LATEST: Instant = '2200-12-31T23:59:59.999Z';

export interface ApplyOptions {
  /** Called as steps complete (the structure's, then each batch's). */
  onProgress?: (done: number, total: number) => void;
  /** Records whose steps of a phase are written together (one append). */
  batchSize?: number;
}

/** A promise's outcome, never rejected: null when it succeeded, else what it failed with. */
const settled = (promise: Promise<unknown>): Promise<{ error: unknown } | null> =>
  promise.then(
    () => null,
    (error: unknown) => ({ error }),
  );

export class Reconciler {
  constructor(
    private readonly commands: OrgCommands,
    private readonly queries: OrgQueries,
    private readonly drift: DriftService,
  ) {}

  /** What applying `records` would change, and which are refused (with their reason). Changes nothing. */
  async plan(run: Plan['run'], records: readonly EmployeeRecord[]): Promise<Plan> {
    const { model } = await this.drift.modelAt(run.tenantId, run.now);
    return planReconciliation(run, records, this.view(run.tenantId), model);
  }

  /** Applies a plan; answers it with the records refused while applying (a rule of Rolebook's, a concurrent change) marked so. */
  async apply(plan: Plan, { onProgress, batchSize = 500 }: ApplyOptions = {}): Promise<Plan> {
    const { tenantId, source, runId, actor } = plan.run;
    const ctx = (key: string, expectedVersion: number | null, reason: string | null): RequestContext => ({
      tenantId,
      actor,
      source,
      correlationId: runId,
      causationId: runId,
      reason,
      idempotencyKey: `${runId}:${key}`,
      expectedVersion,
    });
    const reason = `${source} run ${runId}`;
    const total = plan.newRoles.length + plan.newTeams.length + plan.records.reduce((n, r) => n + r.steps.length, 0);
    let done = 0;
    const tick = (n: number) => onProgress?.((done += n), total);

    // what the people's steps rest on: roles and teams, defined once
    for (const role of plan.newRoles) {
      const { roleId, ...fields } = role;
      await this.commands.defineRole({ id: roleId, ...fields }, ctx(`role:${roleId}`, null, reason));
      tick(1);
    }
    for (const team of plan.newTeams) {
      await this.commands.createTeam({ id: team.teamId, name: team.name, effectiveAt: team.effectiveAt }, ctx(`team:${team.teamId}`, null, reason));
      tick(1);
    }

    const records = plan.records.map((r) => ({ ...r }));
    for (const phase of PHASES) {
      // one batch per phase, written every batchSize records; the read model is awaited once, at
      // the phase's end, before the next phase's commands read their facts from it
      const batch = this.commands.batch();
      const due = records.filter((r) => r.outcome !== 'refused' && r.steps.some((s) => s.phase === phase));
      for (let i = 0; i < due.length; i += batchSize) {
        const running = due.slice(i, i + batchSize).flatMap((record) =>
          record.steps
            .filter((s) => s.phase === phase)
            .map(({ step, expectedVersion }) => ({
              record,
              // settled at once: a step refused while the batch is still being written must not be an unhandled rejection
              result: settled(runStep(batch.commands, step, ctx(`${record.personId}:${stepKey(step)}`, expectedVersion, record.erased ? null : reason))),
            })),
        );
        await batch.flush({ project: i + batchSize >= due.length });
        for (const { record, result } of running) {
          const failure = await result;
          if (!failure) continue;
          if (!(failure.error instanceof DomainError)) throw failure.error;
          refuseApplied(record, failure.error);
        }
        tick(running.length);
      }
    }
    return { ...plan, records };
  }

  /** The tenant's org with every change recorded, future ones included. */
  private view(tenantId: string): OrgView {
    const at = { asOf: LATEST, knownAt: null };
    const all = <T>(page: (after: string | null) => { items: { node: T; cursor: string }[]; hasNextPage: boolean }): T[] => {
      const items: T[] = [];
      for (let after: string | null = null; ;) {
        const p = page(after);
        items.push(...p.items.map((i) => i.node));
        if (!p.hasNextPage) return items;
        after = p.items.at(-1)!.cursor;
      }
    };
    const people = all<Versioned<PersonView>>((after) => this.queries.people(tenantId, at, {}, { first: 1000, after }));
    const roles = all<Versioned<RoleView>>((after) => this.queries.roles(tenantId, at, { status: 'Active' }, { first: 1000, after }));
    const teams = all<Versioned<TeamView>>((after) => this.queries.teams(tenantId, at, {}, { first: 1000, after }));
    return { people: new Map(people.map((p) => [p.state.id, p])), roles: roles.map((r) => r.state), teams: teams.map((t) => t.state) };
  }
}

/** A record Rolebook refused while applying: its later steps are not run. */
const refuseApplied = (record: RecordPlan, error: DomainError): void => {
  if (record.outcome === 'refused') return;
  record.outcome = 'refused';
  record.refusal = { reason: error.reason, message: `Rolebook refused a change: ${error.message}` };
};
