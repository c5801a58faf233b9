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

/** Every finding, ordered by id. */
export const detectDrift = (org: OrgSnapshotData, model: ReferenceModel): Finding[] => {
  const ctx = driftContext(org, model);
  return RULES.flatMap((rule) => rule(ctx)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
};
