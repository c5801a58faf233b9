// What each drift rule checks and why, in words a person reads beside its findings (reports, the
// dashboard). The limits a rule applies (thresholds, bands, phases) are the reference model's, so
// they are named here, not quoted: a tenant's published model may set others.
import type { RuleId } from './finding';

export interface RuleDescription {
  title: string;
  explanation: string;
}

export const RULE_CATALOG: Record<RuleId, RuleDescription> = {
  'phase-coverage': {
    title: 'Phase coverage of a product group',
    explanation:
      'A team with enough product people (the model’s phaseCoverage.minProductPeople) should have someone on each product phase the model names (strategy, technical planning, growth) among the roles its members hold.',
  },
  'pm-and-po-in-small-org': {
    title: 'Both a product manager and a product owner in a small product organization',
    explanation:
      'A product organization no larger than the model’s smallProductOrg.maxProductPeople typically needs one of the two roles, not both: holding both splits one job between two people.',
  },
  'forbidden-responsibility': {
    title: 'A responsibility the reference role must not hold',
    explanation:
      'A role lists a responsibility that its reference role’s practices say it must not do (a product manager deciding which campaigns to run, or specifying the solution).',
  },
  'missing-core-responsibility': {
    title: 'A core responsibility missing',
    explanation: 'A role lacks a responsibility the reference model marks as core for the reference role it maps to.',
  },
  'definition-drift': {
    title: 'A role definition drifted from its reference role',
    explanation:
      'Too small a share of the role’s responsibilities is recognised by its reference role (below the model’s definitionOverlap.threshold): the role is named for one job and defined as another.',
  },
  'title-role-mismatch': {
    title: 'A job title naming another role than the one held',
    explanation: 'A person’s HRIS job title maps (through the model’s title aliases) to one reference role, while the roles they hold map to another.',
  },
  'ladder-inversion': {
    title: 'A reporting line against the career ladder',
    explanation: 'Someone reports to a manager lower on the product career ladder than they are.',
  },
  'associate-without-senior': {
    title: 'An associate product manager without a more senior product manager above',
    explanation: 'An associate product manager learns the role from more senior product managers: their reporting line should include one.',
  },
  'individual-contributor-with-reports': {
    title: 'An individual-contributor product role with direct reports',
    explanation: 'Someone whose roles are all individual-contributor product roles (a product manager manages the product, not people) has direct reports.',
  },
  'span-of-control': {
    title: 'Span of control outside the role’s band',
    explanation: 'A manager has fewer or more direct reports than the band the reference model sets for their role.',
  },
  'too-many-roles': {
    title: 'Too many roles held at once',
    explanation: 'A person holds more roles at once than the model’s maxRolesPerPerson: each person should have a primary focus.',
  },
  'vacant-role': {
    title: 'A vacant role',
    explanation: 'An active role nobody holds: either it is filled, or it is retired.',
  },
  'product-person-without-role': {
    title: 'A product person without a role',
    explanation: 'Someone whose job title names a product role holds no role in Rolebook, so what they are accountable for is nowhere written.',
  },
  'responsibility-without-holder': {
    title: 'A responsibility nobody holds',
    explanation: 'A responsibility listed by active roles none of which anyone holds: nobody is accountable for it.',
  },
  'responsibility-shared': {
    title: 'A responsibility owned by several roles',
    explanation: 'A responsibility listed by more than one held role: accountability for it is split, where one role should own it.',
  },
  'reporting-cycle': {
    title: 'A reporting cycle',
    explanation: 'A reporting line loops back on itself (possible through back-dated or HRIS changes): nobody at its top.',
  },
};

/** The description of a rule by the id a finding records; a rule this version does not know is described by its id. */
export const describeRule = (ruleId: string): RuleDescription =>
  Object.hasOwn(RULE_CATALOG, ruleId) ? RULE_CATALOG[ruleId as RuleId] : { title: ruleId, explanation: 'A rule this version of Rolebook does not describe.' };
