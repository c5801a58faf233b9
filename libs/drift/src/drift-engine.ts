// Runs the rules over an org and keeps what they found by subject, so that a later check re-runs
// only the rules whose subjects a change reaches: a person's rules read their roles, manager,
// reports and the line above them; a role's its definition and whether anyone holds it; a team's
// its members. The rules over the whole org (reporting cycles, a small product organization,
// accountability for responsibilities) are cheap and run every time. Pure; steps yield so a
// caller on a busy event loop can give way between them.
import type { OrgSnapshotData, PersonView, RoleView, TeamView } from '@rolebook/projections';
import type { ReferenceModel } from '@rolebook/reference-model';
import { OrgIndex, type DriftContext, type OrgChanges } from './context';
import type { Finding } from './finding';
import { pmAndPoInSmallOrg, phaseCoverage, productPersonWithoutRole, responsibilityAccountability, vacantRole } from './rules/coverage';
import { definitionDrift, forbiddenResponsibility, missingCoreResponsibility, titleRoleMismatch } from './rules/definitions';
import { associateWithoutSenior, individualContributorWithReports, ladderInversion, reportingCycles, spanOfControl, tooManyRoles } from './rules/structure';

/** The rules by the subject they are about; `org` rules look at the whole org. */
export const RULES = {
  role: [forbiddenResponsibility, missingCoreResponsibility, definitionDrift, vacantRole] as ((ctx: DriftContext, role: RoleView) => Finding[])[],
  person: [
    titleRoleMismatch,
    ladderInversion,
    associateWithoutSenior,
    individualContributorWithReports,
    spanOfControl,
    tooManyRoles,
    productPersonWithoutRole,
  ] as ((ctx: DriftContext, person: PersonView) => Finding[])[],
  team: [phaseCoverage] as ((ctx: DriftContext, team: TeamView) => Finding[])[],
  org: [pmAndPoInSmallOrg, responsibilityAccountability, reportingCycles] as ((ctx: DriftContext) => Finding[])[],
};

/** Subjects evaluated between two yields. */
const SLICE = 250;

export class DriftEngine {
  /** Findings by subject (`person:ID`, `role:ID`, `team:ID`, `org`). */
  private readonly bySubject = new Map<string, Finding[]>();
  private readonly current = new Map<string, Finding>();

  private constructor(private readonly index: OrgIndex) {}

  get at(): string {
    return this.index.at;
  }

  get model(): ReferenceModel {
    return this.index.model;
  }

  /** Every rule over the whole org. */
  static *full(org: OrgSnapshotData, model: ReferenceModel): Generator<void, DriftEngine> {
    const engine = new DriftEngine(OrgIndex.of(org, model));
    yield;
    const { index } = engine;
    yield* engine.evaluate(
      index.roles.map((r) => r.id),
      index.people.map((p) => p.id),
      index.teams.map((t) => t.id),
    );
    return engine;
  }

  /** What every rule finds now, in no particular order. */
  findings(): IterableIterator<Finding> {
    return this.current.values();
  }

  /**
   * Moves the org to `changes.at` and to the new states of the entities that may have changed
   * (a superset does no harm), and re-runs the rules whose subjects they reach.
   */
  *apply(changes: OrgChanges): Generator<void, void> {
    const { index } = this;
    // people whose links may change: assignments turning with time, changed records, holders of changed roles
    const touched = new Map(index.assignmentsTurning(changes.at).map((id) => [id, index.links(id)]));
    const touch = (id: string) => touched.has(id) || touched.set(id, index.links(id));
    for (const id of changes.people.keys()) touch(id);
    const roles = new Set(changes.roles.keys());
    for (const id of roles) for (const person of index.assignedTo(id)) touch(person);
    const teams = new Set(changes.teams.keys());
    index.update(changes, touched.keys());
    yield;

    const people = new Set<string>();
    for (const [id, before] of touched) {
      const after = index.links(id);
      people.add(id);
      for (const manager of [before.managerId, after.managerId]) if (manager) people.add(manager);
      for (const role of [...before.roleIds, ...after.roleIds]) roles.add(role);
      for (const team of [...before.teamIds, ...after.teamIds]) teams.add(team);
      // the line above everyone below them, and their reports' manager, are this person
      if (before.active !== after.active || before.managerId !== after.managerId || before.ladder !== after.ladder) {
        for (const below of index.descendants(id)) people.add(below);
      }
    }
    yield* this.evaluate(roles, people, teams);
  }

  private *evaluate(roles: Iterable<string>, people: Iterable<string>, teams: Iterable<string>): Generator<void, void> {
    const { index } = this;
    let done = 0;
    const step = function* () {
      if (++done % SLICE === 0) yield;
    };
    for (const id of roles) {
      const role = index.role(id);
      this.replace(`role:${id}`, role?.status === 'Active' ? RULES.role.flatMap((rule) => rule(index, role)) : []);
      yield* step();
    }
    for (const id of people) {
      const person = index.person(id);
      this.replace(`person:${id}`, person ? RULES.person.flatMap((rule) => rule(index, person)) : []);
      yield* step();
    }
    for (const id of teams) {
      const team = index.team(id);
      this.replace(`team:${id}`, team ? RULES.team.flatMap((rule) => rule(index, team)) : []);
      yield* step();
    }
    yield;
    this.replace(
      'org',
      RULES.org.flatMap((rule) => rule(index)),
    );
  }

  private replace(subject: string, findings: Finding[]): void {
    for (const f of this.bySubject.get(subject) ?? []) this.current.delete(f.id);
    if (findings.length === 0) this.bySubject.delete(subject);
    else this.bySubject.set(subject, findings);
    for (const f of findings) this.current.set(f.id, f);
  }
}
