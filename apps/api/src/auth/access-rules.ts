// Who may read or do what: the one place. Every field of the schema takes its rule from here, by
// its own coordinate ('Query.history') or, for types whose fields are alike, by its type's '*'
// (a field may still override it: 'Person.email'). The role named is the least one allowed; the
// staff roles form a ladder (viewer < auditor < editor < admin) and `integration` reads nothing.
// access-rules.spec.ts walks the schema and fails when a field has no rule or a rule no field.
import type { Role } from '@rolebook/auth';

export type Rules = Readonly<Record<string, Role>>;

/** Reading the org as it was recorded at a past date is an auditor's: it shows corrections and what was later undone. */
export const ARGUMENT_RULES: Rules = { knownAt: 'auditor' };

export const ACCESS_RULES: Rules = {
  // the current org and its people: everyone with a role, emails excepted
  'Query.person': 'viewer',
  'Query.people': 'viewer',
  'Query.role': 'viewer',
  'Query.roles': 'viewer',
  'Query.team': 'viewer',
  'Query.teams': 'viewer',
  'Query.org': 'viewer',
  // the chart: what people reads, without emails (names as person.name reads them)
  'Query.orgChart': 'viewer',
  'OrgChart.*': 'viewer',
  'OrgChartPerson.*': 'viewer',
  'OrgChartAssignment.*': 'viewer',
  'OrgChartEntry.*': 'viewer',
  'Query.referenceModel': 'viewer',
  'Person.*': 'viewer',
  'Person.email': 'auditor',
  'PersonConnection.*': 'viewer',
  'PersonEdge.*': 'viewer',
  'Role.*': 'viewer',
  'RoleConnection.*': 'viewer',
  'RoleEdge.*': 'viewer',
  'RoleAssignment.*': 'viewer',
  'Team.*': 'viewer',
  'TeamConnection.*': 'viewer',
  'TeamEdge.*': 'viewer',
  'OrgSnapshot.*': 'viewer',
  'OrgStats.*': 'viewer',
  'PageInfo.*': 'viewer',
  'ReferenceModel.*': 'viewer',
  'ReferenceRole.*': 'viewer',
  'Citation.*': 'viewer',

  // history, diffs, drift and deliveries: auditors
  'Query.history': 'auditor',
  'Query.auditLog': 'auditor',
  'Query.orgDiff': 'auditor',
  'Query.driftFindings': 'auditor',
  'Query.driftRuns': 'auditor',
  'Query.webhookDeliveries': 'auditor',
  'Subscription.orgChanged': 'auditor',
  'Subscription.driftFindingChanged': 'auditor',
  'HistoryEvent.*': 'auditor',
  'HistoryConnection.*': 'auditor',
  'HistoryEventEdge.*': 'auditor',
  'OrgDiff.*': 'auditor',
  'OrgDiffCount.*': 'auditor',
  'OrgChange.*': 'auditor',
  'OrgChangeConnection.*': 'auditor',
  'OrgChangeEdge.*': 'auditor',
  'DriftFinding.*': 'auditor',
  'DriftFindingConnection.*': 'auditor',
  'DriftFindingEdge.*': 'auditor',
  'DriftFindingChanged.*': 'auditor',
  'DriftRun.*': 'auditor',
  'DriftRunConnection.*': 'auditor',
  'DriftRunEdge.*': 'auditor',
  'FindingSource.*': 'auditor',
  'FindingSubject.*': 'auditor',
  'Waiver.*': 'auditor',
  'WebhookDelivery.*': 'auditor',
  'WebhookDeliveryConnection.*': 'auditor',
  'WebhookDeliveryEdge.*': 'auditor',
  // sync runs: a dry run's plan names people by id, what changes about them and why they are refused
  'Query.hrisSyncRuns': 'auditor',
  'Query.hrisSyncRun': 'auditor',
  'HrisSyncRun.*': 'auditor',
  'HrisSyncRunConnection.*': 'auditor',
  'HrisSyncRunEdge.*': 'auditor',
  'HrisSyncCounts.*': 'auditor',
  'HrisSyncChange.*': 'auditor',

  // changes to the org, drift checks and waivers: editors
  'Mutation.defineRole': 'editor',
  'Mutation.reviseRole': 'editor',
  'Mutation.retireRole': 'editor',
  'Mutation.registerPerson': 'editor',
  'Mutation.updatePerson': 'editor',
  'Mutation.setManager': 'editor',
  'Mutation.assignRole': 'editor',
  'Mutation.endRoleAssignment': 'editor',
  'Mutation.terminatePerson': 'editor',
  'Mutation.createTeam': 'editor',
  'Mutation.updateTeam': 'editor',
  'Mutation.addTeamMember': 'editor',
  'Mutation.removeTeamMember': 'editor',
  'Mutation.runDriftCheck': 'editor',
  'Mutation.waiveDriftFinding': 'editor',
  // a mutation's payload shows what its caller may see of the result
  'PersonPayload.*': 'viewer',
  'RoleAssignmentPayload.*': 'viewer',
  'RolePayload.*': 'viewer',
  'TeamPayload.*': 'viewer',
  'ReferenceModelPayload.*': 'viewer',

  // the installation's rules and secrets: admins
  'Mutation.publishReferenceModel': 'admin',
  'Mutation.replayWebhookDelivery': 'admin',
  'Mutation.startHrisSync': 'admin',
  'Mutation.erasePersonalData': 'admin',
  'Query.apiKeys': 'admin',
  'Mutation.createApiKey': 'admin',
  'Mutation.revokeApiKey': 'admin',
  'ApiKey.*': 'admin',
  'CreatedApiKey.*': 'admin',
};

/** The rule of a field: its own, else its type's. */
export const ruleOf = (rules: Rules, typeName: string, fieldName: string): Role | undefined => rules[`${typeName}.${fieldName}`] ?? rules[`${typeName}.*`];

const ROOTS = ['Query', 'Mutation', 'Subscription'] as const;

/**
 * What a role may do beyond the one below it, read off the rules (so the schema's description of
 * a role never falls behind them): the root fields, the single fields (`Person.email`) and the
 * arguments whose least role it is.
 */
export const grantedTo = (role: Role): string[] => {
  const coordinates = Object.entries(ACCESS_RULES)
    .filter(([, least]) => least === role)
    .map(([coordinate]) => coordinate);
  const roots = ROOTS.flatMap((root) => {
    const fields = coordinates.filter((c) => c.startsWith(`${root}.`)).map((c) => c.slice(root.length + 1));
    return fields.length > 0 ? [`${root.toLowerCase()} ${fields.join(', ')}`] : [];
  });
  const fields = coordinates.filter((c) => !ROOTS.some((root) => c.startsWith(`${root}.`)) && !c.endsWith('.*'));
  const args = Object.entries(ARGUMENT_RULES)
    .filter(([, least]) => least === role)
    .map(([name]) => `the ${name} argument`);
  return [...roots, ...fields, ...args];
};
