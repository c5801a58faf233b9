// What an import did (or, dry, would do) as the operator reads it: counts, the roles and teams it
// adds, and a row per employee that changes or is refused (by line and employee id: no names or
// emails); or the same as JSON for a script.
import { countsOf, type Plan } from '@rolebook/application';
import { table } from '../table';

export const REPORT_FORMATS = ['table', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const importReport = (plan: Plan, format: ReportFormat, dryRun: boolean): string => {
  const counts = countsOf(plan.records);
  if (format === 'json') {
    return JSON.stringify(
      {
        runId: plan.run.runId,
        dryRun,
        counts,
        newRoles: plan.newRoles.map(({ roleId, name, referenceRoleKey, effectiveAt }) => ({ roleId, name, referenceRoleKey, effectiveAt })),
        newTeams: plan.newTeams,
        records: plan.records.map(({ line, employeeId, personId, outcome, changes, role, refusal }) => ({
          line,
          employeeId,
          personId,
          outcome,
          changes,
          role,
          refusal,
        })),
      },
      null,
      2,
    );
  }
  const verb = dryRun ? 'would be' : 'were';
  const lines = [
    `${dryRun ? 'Dry run' : 'Import'} ${plan.run.runId} of ${plan.records.length} rows into tenant ${plan.run.tenantId}: ` +
      `${counts.created} created, ${counts.updated} updated, ${counts.terminated} terminated, ${counts.unchanged} unchanged, ${counts.refused} refused`,
  ];
  if (plan.newRoles.length > 0) lines.push('', `Roles that ${verb} defined from the reference model: ${plan.newRoles.map((r) => r.name).join('; ')}`);
  if (plan.newTeams.length > 0) lines.push('', `Teams that ${verb} created: ${plan.newTeams.map((t) => t.name).join(', ')}`);
  const shown = plan.records.filter((r) => r.outcome !== 'unchanged');
  if (shown.length > 0) {
    lines.push(
      '',
      table(
        ['LINE', 'EMPLOYEE', 'OUTCOME', 'CHANGES', 'ROLE', 'REASON'],
        shown.map((r) => [
          r.line === null ? null : String(r.line),
          r.employeeId,
          r.outcome,
          r.changes.join(', '),
          r.role,
          r.refusal ? `${r.refusal.reason}: ${r.refusal.message}` : null,
        ]),
      ),
    );
  }
  return lines.join('\n');
};
