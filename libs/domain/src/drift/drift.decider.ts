// The lifecycle of a tenant's drift findings: a check opens what is newly found and resolves
// what is no longer found; a waiver records an accepted exception with its reason.
import { assertNever, type Decider, type Effective } from '../shared/decider';
import { NotFound, RuleViolation } from '../shared/errors';
import type { DriftCommand } from './drift.commands';
import type { DriftEvent } from './drift.events';
import type { DriftFindingData } from './finding';

export interface Drift {
  status: 'Active';
  open: Record<string, DriftFindingData>;
  runs: number;
}

export const initialState = (): Drift => ({ status: 'Active', open: {}, runs: 0 });

export const evolve = (state: Drift, event: Effective<DriftEvent>): Drift => {
  switch (event.type) {
    case 'DriftDetected': {
      const { runId: _runId, ...finding } = event.data;
      return { ...state, open: { ...state.open, [finding.findingId]: finding } };
    }
    case 'DriftResolved': {
      const { [event.data.findingId]: _resolved, ...open } = state.open;
      return { ...state, open };
    }
    case 'DriftWaived':
      return state;
    case 'DriftCheckCompleted':
      return { ...state, runs: state.runs + 1 };
    default:
      return assertNever(event);
  }
};

export const decide = (command: DriftCommand, state: Drift): DriftEvent[] => {
  switch (command.type) {
    case 'RecordDriftCheck': {
      const { runId } = command;
      const found = new Set(command.findings.map((f) => f.findingId));
      const detected = command.findings.filter((f) => !state.open[f.findingId]).map((f): DriftEvent => ({ type: 'DriftDetected', data: { ...f, runId } }));
      const resolved = Object.keys(state.open)
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
      if (!state.open[command.findingId]) throw new NotFound('finding', 'findingId');
      if (command.expiresAt !== null && command.expiresAt <= command.effectiveAt) {
        throw new RuleViolation('EXPIRY_IN_THE_PAST', 'expiresAt must be after the waiver takes effect', 'expiresAt');
      }
      return [{ type: 'DriftWaived', data: { findingId: command.findingId, reason: command.reason, expiresAt: command.expiresAt } }];
    default:
      return assertNever(command);
  }
};

export const driftDecider: Decider<DriftCommand, DriftEvent, Drift> = { initialState, evolve, decide };
