// A small product organization loaded on first start (DEMO_DATA=true, empty store), with two
// years of history and the role confusions the seeds describe, so time travel and drift have
// something to show. Ids are fixed, so the README's examples work as pasted.
import { derivedId, type OrgCommands, type RequestContext } from '@rolebook/application';
import type { Rolebook } from '@rolebook/runtime';

export const demoId = (name: string): string => derivedId(name, 'rolebook-demo');

const roles = {
  head: demoId('role:head-of-product'),
  pm: demoId('role:product-manager'),
  po: demoId('role:product-owner'),
  pmm: demoId('role:product-marketing-manager'),
  em: demoId('role:engineering-manager'),
  designer: demoId('role:product-designer'),
  apm: demoId('role:associate-product-manager'),
};
const people = {
  maya: demoId('person:maya'),
  luis: demoId('person:luis'),
  priya: demoId('person:priya'),
  jonas: demoId('person:jonas'),
  aiko: demoId('person:aiko'),
  sam: demoId('person:sam'),
  elena: demoId('person:elena'),
  tom: demoId('person:tom'),
  grace: demoId('person:grace'),
};
const teams = { product: demoId('team:product'), platform: demoId('team:platform'), growth: demoId('team:growth') };

const START = '2025-01-06T09:00:00.000Z';

/** One recorded change: a typed command of the org. */
type Step = (commands: OrgCommands, ctx: RequestContext) => Promise<unknown>;

const steps: Step[] = [
  (c, ctx) =>
    c.defineRole(
      {
        id: roles.head,
        name: 'Head of Product',
        purpose: 'Own the product vision and strategy across the portfolio and lead the product team.',
        responsibilities: ['Set product vision and strategy', 'Lead and grow the product team', 'Own the portfolio roadmap'],
        effectiveAt: START,
      },
      ctx,
    ),
  (c, ctx) =>
    c.defineRole(
      {
        id: roles.pm,
        name: 'Product Manager',
        purpose: 'Understand which customer problems to solve and what success looks like.',
        responsibilities: [
          'Engage customers every week',
          'Evaluate ideas',
          'Build and share the roadmap',
          'Prioritise features',
          'Decide which campaigns to run',
        ],
        effectiveAt: START,
      },
      ctx,
    ),
  (c, ctx) =>
    c.defineRole(
      {
        id: roles.po,
        name: 'Product Owner',
        purpose: 'Turn strategy into a prioritised backlog for one team.',
        responsibilities: ['Maintain the product backlog', 'Write user stories', 'Plan releases with engineering'],
        effectiveAt: START,
      },
      ctx,
    ),
  (c, ctx) =>
    c.defineRole(
      {
        id: roles.pmm,
        name: 'Product Marketing Manager',
        purpose: 'Take the product off the shelf: positioning, launches and enablement.',
        responsibilities: ['Define positioning and messaging', 'Plan launches', 'Enable sales'],
        effectiveAt: START,
      },
      ctx,
    ),
  (c, ctx) =>
    c.defineRole(
      {
        id: roles.em,
        name: 'Engineering Manager',
        purpose: 'Manage the engineers and the delivery of what the team builds.',
        responsibilities: ['Manage engineers', 'Own delivery and technical quality'],
        effectiveAt: START,
      },
      ctx,
    ),
  (c, ctx) =>
    c.defineRole(
      {
        id: roles.designer,
        name: 'Product Designer',
        purpose: 'Design the experience that solves the customer problem.',
        responsibilities: ['Design user experiences', 'Run usability tests'],
        effectiveAt: START,
      },
      ctx,
    ),
  (c, ctx) =>
    c.defineRole(
      {
        id: roles.apm,
        name: 'Associate Product Manager',
        purpose: 'Learn the craft alongside a senior product manager.',
        responsibilities: ['Support discovery', 'Write requirements'],
        effectiveAt: START,
      },
      ctx,
    ),

  (c, ctx) => c.createTeam({ id: teams.product, name: 'Product', effectiveAt: START }, ctx),
  (c, ctx) => c.createTeam({ id: teams.platform, name: 'Core Platform', parentTeamId: teams.product, effectiveAt: START }, ctx),
  (c, ctx) => c.createTeam({ id: teams.growth, name: 'Growth', parentTeamId: teams.product, effectiveAt: START }, ctx),

  (c, ctx) => c.registerPerson({ id: people.maya, name: 'Maya Chen', email: 'maya.chen@example.com', title: 'VP Product', effectiveAt: START }, ctx),
  (c, ctx) => c.registerPerson({ id: people.luis, name: 'Luis Ortega', email: 'luis.ortega@example.com', title: 'Product Manager', effectiveAt: START }, ctx),
  (c, ctx) => c.registerPerson({ id: people.priya, name: 'Priya Raman', email: 'priya.raman@example.com', title: 'Product Owner', effectiveAt: START }, ctx),
  (c, ctx) =>
    c.registerPerson({ id: people.jonas, name: 'Jonas Berg', email: 'jonas.berg@example.com', title: 'Product Marketing Manager', effectiveAt: START }, ctx),
  (c, ctx) =>
    c.registerPerson({ id: people.aiko, name: 'Aiko Tanaka', email: 'aiko.tanaka@example.com', title: 'Engineering Manager', effectiveAt: START }, ctx),
  (c, ctx) =>
    c.registerPerson({ id: people.elena, name: 'Elena Petrova', email: 'elena.petrova@example.com', title: 'Product Designer', effectiveAt: START }, ctx),
  (c, ctx) => c.registerPerson({ id: people.tom, name: 'Tom Becker', email: 'tom.becker@example.com', title: 'Product Manager', effectiveAt: START }, ctx),

  (c, ctx) => c.setManager({ personId: people.luis, managerId: people.maya, effectiveAt: START }, ctx),
  (c, ctx) => c.setManager({ personId: people.priya, managerId: people.maya, effectiveAt: START }, ctx),
  (c, ctx) => c.setManager({ personId: people.jonas, managerId: people.maya, effectiveAt: START }, ctx),
  (c, ctx) => c.setManager({ personId: people.tom, managerId: people.maya, effectiveAt: START }, ctx),
  (c, ctx) => c.setManager({ personId: people.elena, managerId: people.luis, effectiveAt: START }, ctx),

  (c, ctx) => c.assignRole({ personId: people.maya, roleId: roles.head, allocationPercent: 100, effectiveAt: START }, ctx),
  (c, ctx) => c.assignRole({ personId: people.luis, roleId: roles.pm, allocationPercent: 100, effectiveAt: START }, ctx),
  (c, ctx) => c.assignRole({ personId: people.priya, roleId: roles.po, allocationPercent: 100, effectiveAt: START }, ctx),
  (c, ctx) => c.assignRole({ personId: people.jonas, roleId: roles.pmm, allocationPercent: 100, effectiveAt: START }, ctx),
  (c, ctx) => c.assignRole({ personId: people.aiko, roleId: roles.em, allocationPercent: 100, effectiveAt: START }, ctx),
  (c, ctx) => c.assignRole({ personId: people.elena, roleId: roles.designer, allocationPercent: 100, effectiveAt: START }, ctx),
  (c, ctx) => c.assignRole({ personId: people.tom, roleId: roles.pm, allocationPercent: 60, effectiveAt: START }, ctx),
  (c, ctx) => c.assignRole({ personId: people.tom, roleId: roles.pmm, allocationPercent: 40, effectiveAt: START }, ctx),

  (c, ctx) => c.addTeamMember({ teamId: teams.product, personId: people.maya, effectiveAt: START }, ctx),
  (c, ctx) => c.addTeamMember({ teamId: teams.platform, personId: people.luis, effectiveAt: START }, ctx),
  (c, ctx) => c.addTeamMember({ teamId: teams.platform, personId: people.priya, effectiveAt: START }, ctx),
  (c, ctx) => c.addTeamMember({ teamId: teams.platform, personId: people.aiko, effectiveAt: START }, ctx),
  (c, ctx) => c.addTeamMember({ teamId: teams.platform, personId: people.elena, effectiveAt: START }, ctx),
  (c, ctx) => c.addTeamMember({ teamId: teams.growth, personId: people.jonas, effectiveAt: START }, ctx),
  (c, ctx) => c.addTeamMember({ teamId: teams.growth, personId: people.tom, effectiveAt: START }, ctx),

  // 2025: a promotion, an associate PM reporting into engineering, a growth hire
  (c, ctx) => c.updatePerson({ personId: people.luis, title: 'Senior Product Manager', effectiveAt: '2025-07-01T00:00:00.000Z' }, ctx),
  (c, ctx) =>
    c.registerPerson(
      { id: people.sam, name: 'Sam Okafor', email: 'sam.okafor@example.com', title: 'Associate Product Manager', effectiveAt: '2025-03-03T09:00:00.000Z' },
      ctx,
    ),
  (c, ctx) => c.setManager({ personId: people.sam, managerId: people.aiko, effectiveAt: '2025-03-03T09:00:00.000Z' }, ctx),
  (c, ctx) => c.assignRole({ personId: people.sam, roleId: roles.apm, allocationPercent: 100, effectiveAt: '2025-03-03T09:00:00.000Z' }, ctx),
  (c, ctx) => c.addTeamMember({ teamId: teams.platform, personId: people.sam, effectiveAt: '2025-03-03T09:00:00.000Z' }, ctx),
  (c, ctx) =>
    c.registerPerson(
      { id: people.grace, name: 'Grace Lee', email: 'grace.lee@example.com', title: 'Growth Product Manager', effectiveAt: '2025-09-01T09:00:00.000Z' },
      ctx,
    ),
  (c, ctx) => c.setManager({ personId: people.grace, managerId: people.maya, effectiveAt: '2025-09-01T09:00:00.000Z' }, ctx),
  (c, ctx) => c.assignRole({ personId: people.grace, roleId: roles.pm, allocationPercent: 100, effectiveAt: '2025-09-01T09:00:00.000Z' }, ctx),
  (c, ctx) => c.addTeamMember({ teamId: teams.growth, personId: people.grace, effectiveAt: '2025-09-01T09:00:00.000Z' }, ctx),

  // 2026: the product owner role is folded into product management, a reorg, a departure
  (c, ctx) =>
    c.reviseRole(
      {
        roleId: roles.pm,
        responsibilities: [
          'Engage customers every week',
          'Evaluate ideas',
          'Build and share the roadmap',
          'Prioritise features',
          'Maintain the product backlog',
          'Decide which campaigns to run',
        ],
        effectiveAt: '2026-01-05T00:00:00.000Z',
      },
      ctx,
    ),
  (c, ctx) => c.setManager({ personId: people.elena, managerId: people.maya, effectiveAt: '2026-02-01T00:00:00.000Z' }, ctx),
  (c, ctx) => c.terminatePerson({ personId: people.tom, effectiveAt: '2026-03-31T00:00:00.000Z' }, ctx),
  (c, ctx) => c.removeTeamMember({ teamId: teams.growth, personId: people.tom, effectiveAt: '2026-03-31T00:00:00.000Z' }, ctx),
];

/** Loads the demo organization into an empty tenant; answers whether it did. */
export const loadDemoOrganization = async (rolebook: Rolebook, tenantId: string): Promise<boolean> => {
  if ((await rolebook.store.headPosition()) !== null) return false;
  for (const [index, step] of steps.entries()) {
    const ctx: RequestContext = {
      tenantId,
      actor: 'demo-loader',
      source: 'system',
      correlationId: 'demo-organization',
      causationId: null,
      reason: 'demo data',
      // a retried step is a no-op
      idempotencyKey: `demo-${index}`,
      expectedVersion: null,
    };
    await step(rolebook.commands, ctx);
  }
  return true;
};
