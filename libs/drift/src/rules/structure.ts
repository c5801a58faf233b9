// Rules about reporting lines, spans and how many roles a person holds.
import type { PersonView } from '@rolebook/projections';
import type { DriftContext } from '../context';
import { finding, type Finding } from '../finding';

/** Someone reports to a manager lower on the product ladder. */
export const ladderInversion = (ctx: DriftContext, person: PersonView): Finding[] => {
  const manager = person.managerId ? ctx.person(person.managerId) : undefined;
  const [mine, theirs] = [ctx.ladder(person), manager ? ctx.ladder(manager) : null];
  if (!manager || mine === null || theirs === null || theirs >= mine) return [];
  return [
    finding({
      ruleId: 'ladder-inversion',
      severity: 'warning',
      subject: { type: 'person', id: person.id },
      message: `A person at product ladder level ${mine} reports to a manager at level ${theirs}`,
      evidence: { manager: manager.id, level: mine, managerLevel: theirs },
      source: { entry: 'rules.reportingLine', cite: ctx.model.rules.reportingLine.cite },
    }),
  ];
};

const lineAbove = (ctx: DriftContext, person: PersonView): PersonView[] => {
  const line: PersonView[] = [];
  for (
    let m = person.managerId ? ctx.person(person.managerId) : undefined;
    m && !line.includes(m) && m !== person;
    m = m.managerId ? ctx.person(m.managerId) : undefined
  ) {
    line.push(m);
  }
  return line;
};

/** An associate product manager with no more senior product manager in their reporting line. */
export const associateWithoutSenior = (ctx: DriftContext, person: PersonView): Finding[] => {
  const associate = ctx.holdings(person).find((h) => h.reference?.key === 'associate-product-manager');
  if (!associate) return [];
  const level = associate.reference!.ladder!;
  const line = lineAbove(ctx, person);
  if (line.some((m) => (ctx.ladder(m) ?? 0) > level)) return [];
  return [
    finding({
      ruleId: 'associate-without-senior',
      severity: 'warning',
      subject: { type: 'person', id: person.id },
      message: `A person holding ${associate.role.name} has no more senior product manager in their reporting line`,
      evidence: { line: line.map((m) => m.id) },
      source: { entry: 'associate-product-manager.purpose', cite: associate.reference!.purpose.cite },
    }),
  ];
};

/** Someone whose roles are all individual-contributor product roles has direct reports. */
export const individualContributorWithReports = (ctx: DriftContext, person: PersonView): Finding[] => {
  const references = ctx.holdings(person).map((h) => h.reference);
  const reports = ctx.reports(person);
  if (reports.length === 0 || references.length === 0 || !references.every((r) => r?.family === 'product' && r.individualContributor)) return [];
  return [
    finding({
      ruleId: 'individual-contributor-with-reports',
      severity: 'warning',
      subject: { type: 'person', id: person.id },
      message: `A person holding only individual-contributor product roles has ${reports.length} direct report(s)`,
      evidence: { reports: reports.map((r) => r.id), roles: references.map((r) => r!.key) },
      source: { entry: 'rules.individualContributor', cite: ctx.model.rules.individualContributor.cite },
    }),
  ];
};

/** A manager's direct reports fall outside the band of their role. */
export const spanOfControl = (ctx: DriftContext, person: PersonView): Finding[] => {
  const banded = ctx.holdings(person).flatMap((h) => (h.reference?.span ? [{ role: h.role, reference: h.reference, span: h.reference.span }] : []));
  if (banded.length === 0) return [];
  const reports = ctx.reports(person).length;
  const min = Math.max(...banded.map((b) => b.span.min));
  const max = Math.max(...banded.map((b) => b.span.max));
  if (reports >= min && reports <= max) return [];
  return [
    finding({
      ruleId: 'span-of-control',
      severity: 'info',
      subject: { type: 'person', id: person.id },
      message: `A person holding ${banded.map((b) => b.role.name).join(' and ')} has ${reports} direct report(s), outside ${min} to ${max}`,
      evidence: { reports, min, max, roles: banded.map((b) => b.reference.key) },
      source: { entry: 'rules.spanOfControl', cite: ctx.model.rules.spanOfControl.cite },
    }),
  ];
};

/** A person holds more roles at once than the model allows. */
export const tooManyRoles = (ctx: DriftContext, person: PersonView): Finding[] => {
  const { max, cite } = ctx.model.rules.maxRolesPerPerson;
  const held = ctx.holdings(person);
  if (held.length <= max) return [];
  return [
    finding({
      ruleId: 'too-many-roles',
      severity: 'warning',
      subject: { type: 'person', id: person.id },
      message: `A person holds ${held.length} roles at once (at most ${max})`,
      evidence: { roles: held.map((h) => h.role.id) },
      source: { entry: 'rules.maxRolesPerPerson', cite },
    }),
  ];
};

/** Reporting lines that loop back on themselves (possible through back-dated or HRIS changes). */
export const reportingCycles = (ctx: DriftContext): Finding[] => {
  const done = new Set<string>();
  return ctx.people.flatMap((start) => {
    const path: string[] = [];
    for (let p: PersonView | undefined = start; p && !done.has(p.id); p = p.managerId ? ctx.person(p.managerId) : undefined) {
      const loop = path.indexOf(p.id);
      if (loop >= 0) {
        const cycle = path.slice(loop);
        path.forEach((id) => done.add(id));
        return [
          finding({
            ruleId: 'reporting-cycle',
            severity: 'critical',
            subject: { type: 'person', id: [...cycle].sort()[0]! },
            message: `A reporting line loops back on itself through ${cycle.length} people`,
            evidence: { cycle: [...cycle].sort() },
            source: { entry: 'rules.reportingLine', cite: ctx.model.rules.reportingLine.cite },
          }),
        ];
      }
      path.push(p.id);
    }
    path.forEach((id) => done.add(id));
    return [];
  });
};
