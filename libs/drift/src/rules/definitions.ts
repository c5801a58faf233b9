// Rules about what roles are defined to do, against their reference roles.
import type { PersonView, RoleView } from '@rolebook/projections';
import { matches, roleForTitle } from '@rolebook/reference-model';
import type { DriftContext } from '../context';
import { finding, type Finding } from '../finding';

/** A role holds a responsibility its reference role must not (a PM deciding campaigns, specifying solutions). */
export const forbiddenResponsibility = (ctx: DriftContext, role: RoleView): Finding[] => {
  const reference = ctx.referenceOf(role);
  if (!reference) return [];
  return reference.practices
    .filter((p) => p.kind === 'mustNot')
    .flatMap((practice) => {
      const offending = role.responsibilities.filter((r) => matches(r, practice.match));
      if (offending.length === 0) return [];
      return [
        finding(
          {
            ruleId: 'forbidden-responsibility',
            severity: 'critical',
            subject: { type: 'role', id: role.id },
            message: `Role ${role.name} holds "${offending[0]}", yet a ${reference.title} ${practice.text.charAt(0).toLowerCase()}${practice.text.slice(1)}`,
            evidence: { responsibilities: offending, practice: practice.id, referenceRole: reference.key },
            source: { entry: `${reference.key}.practices.${practice.id}`, cite: practice.cite },
          },
          practice.id,
        ),
      ];
    });
};

/** A role lacks a core responsibility of its reference role. */
export const missingCoreResponsibility = (ctx: DriftContext, role: RoleView): Finding[] => {
  const reference = ctx.referenceOf(role);
  if (!reference) return [];
  const missing = reference.responsibilities.filter((r) => r.core && !role.responsibilities.some((text) => matches(text, r.match)));
  if (missing.length === 0) return [];
  return [
    finding({
      ruleId: 'missing-core-responsibility',
      severity: 'warning',
      subject: { type: 'role', id: role.id },
      message: `Role ${role.name} lacks core responsibilities of ${reference.title}: ${missing.map((m) => m.text.toLowerCase()).join('; ')}`,
      evidence: { missing: missing.map((m) => m.id), referenceRole: reference.key },
      source: { entry: `${reference.key}.responsibilities.${missing[0]!.id}`, cite: missing[0]!.cite },
    }),
  ];
};

/** A role's definition overlaps too little with its reference role (share of its responsibilities the reference recognizes). */
export const definitionDrift = (ctx: DriftContext, role: RoleView): Finding[] => {
  const { threshold, cite } = ctx.model.rules.definitionOverlap;
  const reference = ctx.referenceOf(role);
  if (!reference || role.responsibilities.length === 0) return [];
  const recognized = role.responsibilities.filter((text) => reference.responsibilities.some((r) => matches(text, r.match)));
  const overlap = recognized.length / role.responsibilities.length;
  if (overlap >= threshold) return [];
  return [
    finding({
      ruleId: 'definition-drift',
      severity: 'warning',
      subject: { type: 'role', id: role.id },
      message: `Role ${role.name} has drifted from ${reference.title}: ${Math.round(overlap * 100)}% of its responsibilities match (threshold ${Math.round(threshold * 100)}%)`,
      evidence: { overlap, threshold, unrecognized: role.responsibilities.filter((r) => !recognized.includes(r)), referenceRole: reference.key },
      source: { entry: 'rules.definitionOverlap', cite },
    }),
  ];
};

/** A person's HRIS job title names one reference role while the roles they hold are another. */
export const titleRoleMismatch = (ctx: DriftContext, person: PersonView): Finding[] => {
  const byTitle = roleForTitle(ctx.model, person.title);
  const held = ctx.holdings(person).flatMap((h) => (h.reference ? [h.reference] : []));
  if (!byTitle || held.length === 0 || held.some((r) => r.key === byTitle.key)) return [];
  return [
    finding({
      ruleId: 'title-role-mismatch',
      severity: 'warning',
      subject: { type: 'person', id: person.id },
      message: `A person titled as ${byTitle.title} holds ${held.map((r) => r.title).join(' and ')}`,
      evidence: { titleMapsTo: byTitle.key, holds: held.map((r) => r.key) },
      source: { entry: `${byTitle.key}.aliases`, cite: byTitle.cite[0]! },
    }),
  ];
};
