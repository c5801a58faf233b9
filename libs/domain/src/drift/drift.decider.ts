// The lifecycle of a tenant's drift findings: a check opens what is newly found and resolves
// what is no longer found (both in id order); a waiver records an accepted exception with its reason.
// The stream holds every finding ever opened, so folding it must cost each event once: evolveAll
// copies the open set once per fold, not once per event (a check once took minutes that way).
import { assertNever, type Decider, type Effective } from '../shared/decider';
import { NotFound, RuleViolation } from '../shared/errors';
import type { DriftCommand } from './drift.commands';
import type { DriftEvent } from './drift.events';

export interface Drift {
  status: 'Active';
  /** Ids of the findings open now: all a decision needs (the read model keeps what they say). */
  open: ReadonlySet<string>;
  runs: number;
}

export const initialState = (): Drift => ({ status: 'Active', open: new Set(), runs: 0 });

export const evolveAll = (state: Drift, events: readonly Effective<DriftEvent>[]): Drift => {
  const open = new Set(state.open);
  let runs = state.runs;
  for (const event of events) {
    switch (event.type) {
      case 'DriftDetected':
        open.add(event.data.findingId);
        break;
      case 'DriftResolved':
        open.delete(event.data.findingId);
        break;
      case 'DriftWaived':
        break;
      case 'DriftCheckCompleted':
        runs++;
        break;
      default:
        return assertNever(event);
    }
  }
  return { status: 'Active', open, runs };
};

export const evolve = (state: Drift, event: Effective<DriftEvent>): Drift => evolveAll(state, [event]);

export const decide = (command: DriftCommand, state: Drift): DriftEvent[] => {
  switch (command.type) {
    case 'RecordDriftCheck': {
      const { runId } = command;
      const found = new Set(command.findings.map((f) => f.findingId));
      const detected = command.findings
        .filter((f) => !state.open.has(f.findingId))
        .sort((a, b) => (a.findingId < b.findingId ? -1 : a.findingId > b.findingId ? 1 : 0))
        .map((f): DriftEvent => ({ type: 'DriftDetected', data: { ...f, runId } }));
      const resolved = [...state.open]
        .filter((id) => !found.has(id))
        .sort()
        .map((findingId): DriftEvent => ({ type: 'DriftResolved', data: { findingId, runId } }));
      const completed: DriftEvent = {
        type: 'DriftCheckCompleted',
        data: {
          runId,
          trigger: command.trigger,
          durationMs: command.durationMs,
          modelVersion: command.modelVersion,
          detected: detected.length,
          resolved: resolved.length,
          open: found.size,
        },
      };
      return [...detected, ...resolved, completed];
    }
    case 'WaiveDriftFinding':
      if (!state.open.has(command.findingId)) throw new NotFound('finding', 'findingId');
      if (command.expiresAt !== null && command.expiresAt <= command.effectiveAt) {
        throw new RuleViolation('EXPIRY_IN_THE_PAST', 'expiresAt must be after the waiver takes effect', 'expiresAt');
      }
      return [{ type: 'DriftWaived', data: { findingId: command.findingId, reason: command.reason, expiresAt: command.expiresAt } }];
    default:
      return assertNever(command);
  }
};

export const driftDecider: Decider<DriftCommand, DriftEvent, Drift> = { initialState, evolve, evolveAll, decide };
