// Runs every drift rule against the org at one instant and one reference model. Pure.
import type { OrgSnapshotData } from '@rolebook/projections';
import type { ReferenceModel } from '@rolebook/reference-model';
import { driftContext } from './context';
import type { Finding } from './finding';
import { pmAndPoInSmallOrg, phaseCoverage, productPersonWithoutRole, responsibilityAccountability, vacantRole } from './rules/coverage';
import { definitionDrift, forbiddenResponsibility, missingCoreResponsibility, titleRoleMismatch } from './rules/definitions';
import { associateWithoutSenior, individualContributorWithReports, ladderInversion, reportingCycles, spanOfControl, tooManyRoles } from './rules/structure';

export * from './finding';
export * from './rule-catalog';

export const RULES = [
  phaseCoverage,
  pmAndPoInSmallOrg,
  forbiddenResponsibility,
  missingCoreResponsibility,
  definitionDrift,
  titleRoleMismatch,
  ladderInversion,
  associateWithoutSenior,
  individualContributorWithReports,
  spanOfControl,
  tooManyRoles,
  vacantRole,
  productPersonWithoutRole,
  responsibilityAccountability,
  reportingCycles,
];

/**
 * The same check one step at a time (the context, then each rule), for a caller that must give
 * way between steps on a big org (a check runs inside the API process); returns every finding, ordered by id.
 */
export function* driftSteps(org: OrgSnapshotData, model: ReferenceModel): Generator<void, Finding[]> {
  const ctx = driftContext(org, model);
  const found: Finding[] = [];
  for (const rule of RULES) {
    yield;
    found.push(...rule(ctx));
  }
  return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Every finding, ordered by id. */
export const detectDrift = (org: OrgSnapshotData, model: ReferenceModel): Finding[] => {
  const steps = driftSteps(org, model);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
};
