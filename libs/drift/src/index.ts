// Runs every drift rule against the org at one instant and one reference model. Pure.
import type { OrgSnapshotData } from '@rolebook/projections';
import type { ReferenceModel } from '@rolebook/reference-model';
import { DriftEngine } from './drift-engine';
import type { Finding } from './finding';

export * from './finding';
export * from './rule-catalog';
export type { OrgChanges } from './context';
export { DriftEngine, RULES } from './drift-engine';

export const byFindingId = (a: Finding, b: Finding): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Runs a generator of steps to its end. */
export const runSteps = <R>(steps: Generator<void, R>): R => {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
};

/** Every finding, ordered by id. */
export const detectDrift = (org: OrgSnapshotData, model: ReferenceModel): Finding[] => [...runSteps(DriftEngine.full(org, model)).findings()].sort(byFindingId);
