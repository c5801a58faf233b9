// Every rule: an org that triggers it and one that does not.
import type { OrgSnapshotData, PersonView, RoleView, TeamView } from '@rolebook/projections';
import { defaultReferenceModel as model } from '@rolebook/reference-model';
import { detectDrift, type RuleId } from './index';

const AT = '2026-06-01T00:00:00.000Z';
let n = 0;
const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

const role = (name: string, responsibilities: string[] = [], status: 'Active' | 'Retired' = 'Active'): RoleView =>
  ({
    status,
    id: id(),
    name,
    purpose: 'p',
    responsibilities,
    definedAt: '2025-01-01T00:00:00.000Z',
    ...(status === 'Retired' ? { retiredAt: AT } : {}),
  }) as RoleView;

const person = (roles: RoleView[], extra: Partial<PersonView> = {}): PersonView =>
  ({
    status: 'Active',
    id: id(),
    name: 'someone',
    email: null,
    title: null,
    managerId: null,
    registeredAt: '2025-01-01T00:00:00.000Z',
    assignments: roles.map((r) => ({
      assignmentId: id(),
      roleId: r.id,
      allocationPercent: Math.floor(100 / roles.length),
      effectiveFrom: '2025-01-01T00:00:00.000Z',
      effectiveTo: null,
    })),
    ...extra,
  }) as PersonView;

const team = (members: PersonView[]): TeamView => ({
  status: 'Active',
  id: id(),
  name: 'Team',
  parentTeamId: null,
  memberIds: members.map((m) => m.id),
  createdAt: '2025-01-01T00:00:00.000Z',
});

const org = (roles: RoleView[], people: PersonView[], teams: TeamView[] = []): OrgSnapshotData => ({ at: AT, roles, people, teams });
const rules = (o: OrgSnapshotData) => detectDrift(o, model);
const found = (o: OrgSnapshotData, rule: RuleId) => rules(o).filter((f) => f.ruleId === rule);

// a well-formed product manager role, as the reference describes it
const PM_DUTIES = [
  'Engage customers every week',
  'Set product strategy and vision',
  'Build and share the roadmap',
  'Prioritize features and requirements',
  'Identify customer problems to solve',
];

describe('drift rules', () => {
  describe('phase coverage', () => {
    it('flags a product group of three with nobody on growth', () => {
      const [pm, po] = [role('Product Manager', PM_DUTIES), role('Product Owner')];
      const people = [person([pm]), person([po]), person([po])];
      const [f] = found(org([pm, po], people, [team(people)]), 'phase-coverage');
      expect(f).toMatchObject({ severity: 'warning', subject: { type: 'team' }, evidence: { missing: ['growth'], covered: ['planning', 'strategy'] } });
      expect(f!.source.cite.source).toBe('000_dc231376b7afefa6.txt');
    });
    it('passes a group covering all three phases, and a group of two', () => {
      const [pm, po, pmm] = [role('Product Manager', PM_DUTIES), role('Product Owner'), role('Product Marketing Manager')];
      const people = [person([pm]), person([po]), person([pmm])];
      expect(found(org([pm, po, pmm], people, [team(people)]), 'phase-coverage')).toEqual([]);
      expect(found(org([pm, po], people.slice(0, 2), [team(people.slice(0, 2))]), 'phase-coverage')).toEqual([]);
    });
  });

  describe('product manager and product owner in a small organization', () => {
    it('flags both roles among five product people or fewer', () => {
      const [pm, po] = [role('Product Manager'), role('Product Owner')];
      expect(found(org([pm, po], [person([pm]), person([po])]), 'pm-and-po-in-small-org')).toHaveLength(1);
    });
    it('passes a larger organization, and a small one with only one of them', () => {
      const [pm, po, pmm] = [role('Product Manager'), role('Product Owner'), role('Product Marketing Manager')];
      expect(found(org([pm, po, pmm], [person([pm]), person([po]), ...Array.from({ length: 4 }, () => person([pmm]))]), 'pm-and-po-in-small-org')).toEqual([]);
      expect(found(org([pm], [person([pm]), person([pm])]), 'pm-and-po-in-small-org')).toEqual([]);
    });
  });

  describe('forbidden responsibility', () => {
    it('flags a product manager deciding campaigns and one specifying solutions', () => {
      const pm = role('Product Manager', [...PM_DUTIES, 'Decide which campaigns to run', 'Specify the solution for engineering']);
      const findings = found(org([pm], [person([pm])]), 'forbidden-responsibility');
      expect(findings.map((f) => f.evidence['practice']).sort()).toEqual(['no-campaign-decisions', 'no-solution-specs']);
      expect(findings[0]!.severity).toBe('critical');
    });
    it('lets a marketing manager run campaigns', () => {
      const mm = role('Marketing Manager', ['Run campaigns']);
      expect(found(org([mm], [person([mm])]), 'forbidden-responsibility')).toEqual([]);
    });
  });

  describe('missing core responsibility', () => {
    it('flags a product manager role without roadmap or strategy', () => {
      const pm = role('Product Manager', ['Engage customers every week', 'Prioritize features']);
      const [f] = found(org([pm], [person([pm])]), 'missing-core-responsibility');
      expect(f!.evidence['missing']).toEqual(expect.arrayContaining(['product-strategy', 'roadmap']));
    });
    it('passes a role that covers its reference role, and roles with no reference role', () => {
      const [pm, other] = [role('Product Manager', PM_DUTIES), role('Chief Happiness Officer', ['Smile'])];
      expect(found(org([pm, other], [person([pm]), person([other])]), 'missing-core-responsibility')).toEqual([]);
    });
  });

  describe('definition drift', () => {
    it('flags a role whose responsibilities mostly match nothing in its reference role', () => {
      const pm = role('Product Manager', ['Run the sales kickoff', 'Write blog posts', 'Organise offsites', 'Build the roadmap']);
      const [f] = found(org([pm], [person([pm])]), 'definition-drift');
      expect(f!.evidence).toMatchObject({ overlap: 0.25, threshold: 0.5 });
    });
    it('passes a role close to its reference role', () => expect(found(org([role('Product Manager', PM_DUTIES)], []), 'definition-drift')).toEqual([]));
  });

  describe('title and role mismatch', () => {
    it('flags a "Product Manager" who holds the product marketing role', () => {
      const pmm = role('Product Marketing Manager');
      const [f] = found(org([pmm], [person([pmm], { title: 'Product Manager' })]), 'title-role-mismatch');
      expect(f!.evidence).toEqual({ titleMapsTo: 'product-manager', holds: ['product-marketing-manager'] });
    });
    it('passes a title that names a role the person holds', () => {
      const pm = role('Product Manager');
      expect(found(org([pm], [person([pm], { title: 'Product Manager' })]), 'title-role-mismatch')).toEqual([]);
    });
  });

  describe('reporting lines', () => {
    it('flags a senior PM reporting to an associate PM (ladder inversion)', () => {
      const [senior, apm] = [role('Senior Product Manager'), role('Associate Product Manager')];
      const boss = person([apm]);
      expect(found(org([senior, apm], [boss, person([senior], { managerId: boss.id })]), 'ladder-inversion')).toHaveLength(1);
      expect(found(org([senior, apm], [person([senior]), person([apm])]), 'ladder-inversion')).toEqual([]);
    });
    it('flags an associate PM with no more senior PM above, not one under a senior PM', () => {
      const [apm, em, senior] = [role('Associate Product Manager'), role('Engineering Manager'), role('Senior Product Manager')];
      const engineeringBoss = person([em]);
      expect(found(org([apm, em], [engineeringBoss, person([apm], { managerId: engineeringBoss.id })]), 'associate-without-senior')).toHaveLength(1);
      const productBoss = person([senior]);
      expect(found(org([apm, senior], [productBoss, person([apm], { managerId: productBoss.id })]), 'associate-without-senior')).toEqual([]);
    });
    it('flags an individual-contributor PM with direct reports, not a group PM', () => {
      const [pm, gpm] = [role('Product Manager'), role('Group Product Manager')];
      const ic = person([pm]);
      expect(found(org([pm], [ic, person([pm], { managerId: ic.id })]), 'individual-contributor-with-reports')).toHaveLength(1);
      const lead = person([gpm]);
      expect(found(org([pm, gpm], [lead, person([pm], { managerId: lead.id })]), 'individual-contributor-with-reports')).toEqual([]);
    });
    it('flags a span of control outside the band of the role', () => {
      const [gpm, pm] = [role('Group Product Manager'), role('Product Manager')];
      const lead = person([gpm]);
      const one = [lead, person([pm], { managerId: lead.id })];
      expect(found(org([gpm, pm], one), 'span-of-control')[0]!.evidence).toMatchObject({ reports: 1, min: 2 });
      expect(found(org([gpm, pm], [...one, person([pm], { managerId: lead.id })]), 'span-of-control')).toEqual([]);
    });
    it('flags a reporting cycle once, not a plain line', () => {
      const pm = role('Product Manager');
      const [a, b, c] = [person([pm]), person([pm]), person([pm])];
      a.managerId = b.id;
      b.managerId = c.id;
      expect(found(org([pm], [a, b, c]), 'reporting-cycle')).toEqual([]);
      c.managerId = a.id;
      const cycles = found(org([pm], [a, b, c]), 'reporting-cycle');
      expect(cycles).toHaveLength(1);
      expect(cycles[0]!.evidence['cycle']).toEqual([a.id, b.id, c.id].sort());
    });
  });

  describe('holding roles', () => {
    it('flags a person holding more roles than the model allows', () => {
      const roles = [role('Product Manager'), role('Product Owner'), role('Product Marketing Manager')];
      expect(found(org(roles, [person(roles)]), 'too-many-roles')).toHaveLength(1);
      expect(found(org(roles, [person(roles.slice(0, 2))]), 'too-many-roles')).toEqual([]);
    });
    it('flags a vacant role, not a held or retired one', () => {
      const [held, vacant, retired] = [role('Product Manager'), role('Product Owner'), role('Business Analyst', [], 'Retired')];
      expect(found(org([held, vacant, retired], [person([held])]), 'vacant-role').map((f) => f.subject.id)).toEqual([vacant.id]);
    });
    it('flags a person titled as a product role who holds no role', () => {
      const pm = role('Product Manager');
      expect(found(org([pm], [person([], { title: 'Product Owner' })]), 'product-person-without-role')).toHaveLength(1);
      expect(found(org([pm], [person([], { title: 'Accountant' }), person([pm], { title: 'Product Owner' })]), 'product-person-without-role')).toEqual([]);
    });
  });

  describe('accountability for responsibilities', () => {
    it('flags a responsibility held by two roles, and one that nobody holds', () => {
      const [pm, po, ba] = [
        role('Product Manager', ['Maintain the backlog']),
        role('Product Owner', ['Maintain the backlog']),
        role('Business Analyst', ['Gather requirements']),
      ];
      const findings = rules(org([pm, po, ba], [person([pm]), person([po])]));
      expect(findings.filter((f) => f.ruleId === 'responsibility-shared').map((f) => f.evidence['responsibility'])).toEqual(['Maintain the backlog']);
      expect(findings.filter((f) => f.ruleId === 'responsibility-without-holder').map((f) => f.evidence['responsibility'])).toEqual(['Gather requirements']);
    });
    it('passes responsibilities each held by exactly one role', () => {
      const [pm, po] = [role('Product Manager', ['Roadmap']), role('Product Owner', ['Backlog'])];
      const findings = rules(org([pm, po], [person([pm]), person([po])]));
      expect(findings.filter((f) => f.ruleId.startsWith('responsibility-'))).toEqual([]);
    });
  });

  it('gives the same finding the same id on every run, and never a person name in messages', () => {
    const pm = role('Product Manager', ['Decide which campaigns to run']);
    const o = org([pm], [person([pm], { name: 'Ada Lovelace', title: 'Product Owner' })]);
    expect(rules(o).map((f) => f.id)).toEqual(rules(o).map((f) => f.id));
    expect(JSON.stringify(rules(o).map((f) => f.message))).not.toContain('Ada');
  });
});
