// Property test over random command sequences (fast-check): a drift check that reads only what
// changed since the last one (events recorded since, versions, memberships and assignments
// turning as time passes) records exactly the findings a full check of the org at that instant
// finds, check after check.
import { DomainError } from '@rolebook/domain';
import { detectDrift } from '@rolebook/drift';
import { defaultReferenceModel } from '@rolebook/reference-model';
import fc from 'fast-check';
import { ctx, tempRolebook, type TempRolebook } from './testing/temp-rolebook';

const T = 'acme';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const ROLES = [uuid(1), uuid(2), uuid(3), uuid(4)];
const PEOPLE = [uuid(11), uuid(12), uuid(13), uuid(14), uuid(15)];
const TEAMS = [uuid(21), uuid(22)];
const DAYS = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}-01T00:00:00.000Z`);
/** The checks, in order: each after a batch of changes, some effective before it and some after. */
const CHECKS = ['2025-02-15', '2025-05-15', '2025-08-15', '2025-12-15'].map((d) => Date.parse(`${d}T00:00:00.000Z`));

const day = fc.constantFrom(...DAYS);
const role = fc.constantFrom(...ROLES);
const person = fc.constantFrom(...PEOPLE);
const team = fc.constantFrom(...TEAMS);
const roleName = fc.constantFrom('Product Manager', 'Associate Product Manager', 'Senior Product Manager', 'Group Product Manager', 'Product Owner');
const title = fc.constantFrom('Product Manager', 'Associate Product Manager', 'Product Owner', 'Accountant');
const duties = fc.subarray(['Set product strategy and vision', 'Build and share the roadmap', 'Decide which campaigns to run', 'Maintain the backlog']);

const command = fc.oneof(
  fc.record({ roleId: role, name: roleName, responsibilities: duties, effectiveAt: day }).map((i) => ['reviseRole', i] as const),
  fc.record({ roleId: role, effectiveAt: day }).map((i) => ['retireRole', i] as const),
  fc.record({ personId: person, title, effectiveAt: day }).map((i) => ['updatePerson', i] as const),
  fc.record({ personId: person, managerId: fc.option(person, { nil: null }), effectiveAt: day }).map((i) => ['setManager', i] as const),
  fc
    .record({ personId: person, roleId: role, allocationPercent: fc.constantFrom(30, 60), effectiveAt: day, effectiveTo: fc.option(day, { nil: null }) })
    .map((i) => ['assignRole', i] as const),
  fc.record({ personId: person, effectiveAt: day }).map((i) => ['terminatePerson', i] as const),
  fc.record({ teamId: team, personId: person, effectiveAt: day }).map((i) => ['addTeamMember', i] as const),
  fc.record({ teamId: team, personId: person, effectiveAt: day }).map((i) => ['removeTeamMember', i] as const),
);

const early = fc.constantFrom(...DAYS.slice(0, 2));
const setup = fc.tuple(
  ...ROLES.map((id) =>
    fc
      .tuple(early, roleName, duties)
      .map(([effectiveAt, name, responsibilities]) => ['defineRole', { id, name, purpose: 'p', responsibilities, effectiveAt }] as const),
  ),
  ...PEOPLE.map((id) => fc.tuple(early, title).map(([effectiveAt, t]) => ['registerPerson', { id, name: 'Person', title: t, effectiveAt }] as const)),
  ...TEAMS.map((id) => early.map((effectiveAt) => ['createTeam', { id, name: 'Team', effectiveAt }] as const)),
);
const batches = fc.tuple(setup, fc.array(fc.array(command, { maxLength: 12 }), { minLength: CHECKS.length, maxLength: CHECKS.length }));

it('records after every check exactly what a full check of the org at that instant finds', async () => {
  await fc.assert(
    fc.asyncProperty(batches, async ([first, later]) => {
      const rb: TempRolebook = tempRolebook();
      try {
        let clock = Date.parse('2025-01-01T00:00:00.000Z');
        for (const [i, at] of CHECKS.entries()) {
          for (const [method, input] of i === 0 ? [...first, ...later[i]!] : later[i]!) {
            rb.setNow(new Date((clock += 1000)).toISOString());
            try {
              await (rb.commands as unknown as Record<string, (i: unknown, c: unknown) => Promise<unknown>>)[method]!(input, ctx());
            } catch (error) {
              if (!(error instanceof DomainError)) throw error;
            }
          }
          clock = Math.max(clock, at);
          const now = new Date(clock).toISOString();
          rb.setNow(now);
          await rb.drift.runCheck(T, 'manual');
          const recorded = rb.driftQueries.findings(T, now, {}, { first: 1000, after: null }).items.map((e) => e.node.id);
          const full = detectDrift(rb.queries.snapshot(T, { asOf: now, knownAt: null }), defaultReferenceModel).map((f) => f.id);
          expect(recorded).toEqual(full);
        }
      } finally {
        await rb.dispose();
      }
    }),
    { numRuns: 12 },
  );
}, 120_000);
