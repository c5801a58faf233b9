// Rules about who covers what: phases, roles, responsibilities.
import type { PersonView, RoleView, TeamView } from '@rolebook/projections';
import { normalize } from '@rolebook/reference-model';
import type { DriftContext } from '../context';
import { finding, type Finding } from '../finding';

/** A product group (team) of N+ product people lacks someone on strategy, planning or growth. */
export const phaseCoverage = (ctx: DriftContext, team: TeamView): Finding[] => {
  const rule = ctx.model.rules.phaseCoverage;
  const productPeople = team.memberIds.flatMap((id) => {
    const p = ctx.person(id);
    return p && ctx.isProductPerson(p) ? [p] : [];
  });
  if (productPeople.length < rule.minProductPeople) return [];
  const covered = new Set(productPeople.flatMap((p) => ctx.holdings(p).flatMap((h) => (h.reference?.phase ? [h.reference.phase] : []))));
  const missing = rule.phases.filter((phase) => !covered.has(phase));
  if (missing.length === 0) return [];
  return [
    finding({
      ruleId: 'phase-coverage',
      severity: 'warning',
      subject: { type: 'team', id: team.id },
      message: `Team ${team.name} has ${productPeople.length} product people but nobody on ${missing.join(', ')}`,
      evidence: { productPeople: productPeople.map((p) => p.id), covered: [...covered].sort(), missing },
      source: { entry: 'rules.phaseCoverage', cite: rule.cite },
    }),
  ];
};

/** A small product organization has both a product manager and a product owner. */
export const pmAndPoInSmallOrg = (ctx: DriftContext): Finding[] => {
  const productPeople = ctx.people.filter(ctx.isProductPerson);
  if (productPeople.length === 0 || productPeople.length > ctx.model.rules.smallProductOrg.maxProductPeople) return [];
  const holding = (key: string) => productPeople.filter((p) => ctx.holdings(p).some((h) => h.reference?.key === key));
  const [pms, pos] = [holding('product-manager'), holding('product-owner')];
  if (pms.length === 0 || pos.length === 0) return [];
  return [
    finding({
      ruleId: 'pm-and-po-in-small-org',
      severity: 'info',
      subject: { type: 'org', id: 'org' },
      message: `A product organization of ${productPeople.length} people has both product managers and product owners`,
      evidence: { productPeople: productPeople.length, productManagers: pms.map((p) => p.id), productOwners: pos.map((p) => p.id) },
      source: { entry: 'rules.pmAndPoInSmallOrg', cite: ctx.model.rules.pmAndPoInSmallOrg.cite },
    }),
  ];
};

/** An active role nobody holds. */
export const vacantRole = (ctx: DriftContext, role: RoleView): Finding[] =>
  ctx.isHeld(role)
    ? []
    : [
        finding({
          ruleId: 'vacant-role',
          severity: 'info',
          subject: { type: 'role', id: role.id },
          message: `Role ${role.name} is vacant`,
          evidence: { role: role.id },
          source: { entry: 'rules.vacantRole', cite: ctx.model.rules.vacantRole.cite },
        }),
      ];

/** Someone whose HRIS title names a product role but who holds no role. */
export const productPersonWithoutRole = (ctx: DriftContext, person: PersonView): Finding[] => {
  if (ctx.holdings(person).length > 0) return [];
  const byTitle = ctx.model.roles.find((r) => r.family === 'product' && person.title && r.aliases.some((a) => normalize(a) === normalize(person.title!)));
  if (!byTitle) return [];
  return [
    finding({
      ruleId: 'product-person-without-role',
      severity: 'warning',
      subject: { type: 'person', id: person.id },
      message: `A person titled as ${byTitle.title} holds no role`,
      evidence: { titleMapsTo: byTitle.key },
      source: { entry: byTitle.key, cite: byTitle.cite[0]! },
    }),
  ];
};

/** Each role's responsibilities with their normalized text, worked out once per role state. */
const normalizedTexts = new WeakMap<RoleView, [text: string, key: string][]>();
const normalized = (role: RoleView): [text: string, key: string][] => {
  let texts = normalizedTexts.get(role);
  if (!texts) normalizedTexts.set(role, (texts = role.responsibilities.map((text) => [text, normalize(text)])));
  return texts;
};

/** A responsibility listed by active roles that nobody holds, or by more than one held role. */
export const responsibilityAccountability = (ctx: DriftContext): Finding[] => {
  const byResponsibility = new Map<string, { text: string; roles: RoleView[] }>();
  for (const role of ctx.roles) {
    for (const [text, key] of normalized(role)) {
      const entry = byResponsibility.get(key) ?? { text, roles: [] };
      entry.roles.push(role);
      byResponsibility.set(key, entry);
    }
  }
  const cite = ctx.model.rules.singleAccountability.cite;
  return [...byResponsibility.entries()].flatMap(([key, { text, roles }]) => {
    const held = roles.filter((role) => ctx.isHeld(role));
    if (held.length === 0) {
      return [
        finding(
          {
            ruleId: 'responsibility-without-holder',
            severity: 'info',
            subject: { type: 'role', id: roles[0]!.id },
            message: `Nobody holds a role accountable for "${text}"`,
            evidence: { responsibility: text, roles: roles.map((r) => r.id) },
            source: { entry: 'rules.singleAccountability', cite },
          },
          key,
        ),
      ];
    }
    if (held.length > 1) {
      return [
        finding(
          {
            ruleId: 'responsibility-shared',
            severity: 'warning',
            subject: { type: 'role', id: held[0]!.id },
            message: `"${text}" is the responsibility of ${held.length} roles: ${held.map((r) => r.name).join(', ')}`,
            evidence: { responsibility: text, roles: held.map((r) => r.id) },
            source: { entry: 'rules.singleAccountability', cite },
          },
          key,
        ),
      ];
    }
    return [];
  });
};
