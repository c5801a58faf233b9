// The org at one instant, indexed for the rules: who holds which roles, which reference role
// each org role corresponds to, reporting lines and teams. Kept up to date entity by entity
// (OrgIndex.update), so a later check re-indexes what changed, not the org.
import { inForceAt } from '@rolebook/domain';
import type { OrgSnapshotData, PersonView, RoleView, TeamView } from '@rolebook/projections';
import { referenceRoleOf, type ReferenceModel, type ReferenceRole } from '@rolebook/reference-model';

export interface Holding {
  role: RoleView;
  reference: ReferenceRole | null;
}

/** What the rules read of the org. */
export interface DriftContext {
  at: string;
  model: ReferenceModel;
  /** Active roles, by id. */
  readonly roles: readonly RoleView[];
  /** Active people, by id. */
  readonly people: readonly PersonView[];
  referenceOf(role: RoleView): ReferenceRole | null;
  holdings(person: PersonView): Holding[];
  /** Whether any active person holds the role now. */
  isHeld(role: RoleView): boolean;
  /** Direct reports who are active, by id. */
  reports(person: PersonView): PersonView[];
  /** An active person. */
  person(id: string): PersonView | undefined;
  isProductPerson: (person: PersonView) => boolean;
  /** Highest rung of the product ladder the person's roles reach, or null. */
  ladder(person: PersonView): number | null;
}

/** New states of entities that may have changed (null: no longer in the org at the instant). */
export interface OrgChanges {
  at: string;
  roles: ReadonlyMap<string, RoleView | null>;
  people: ReadonlyMap<string, PersonView | null>;
  teams: ReadonlyMap<string, TeamView | null>;
}

/** What a person's findings of other subjects depend on, before and after a change. */
export interface PersonLinks {
  active: boolean;
  managerId: string | null;
  ladder: number | null;
  roleIds: string[];
  teamIds: string[];
}

const add = (into: Map<string, Set<string>>, key: string, value: string) => {
  const set = into.get(key);
  if (set) set.add(value);
  else into.set(key, new Set([value]));
};
const remove = (from: Map<string, Set<string>>, key: string, value: string) => {
  const set = from.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) from.delete(key);
};
const byId = <X extends { id: string }>(a: X, b: X) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class OrgIndex implements DriftContext {
  private readonly roleById = new Map<string, RoleView>();
  private readonly referenceById = new Map<string, ReferenceRole | null>();
  private readonly personById = new Map<string, PersonView>();
  private readonly teamById = new Map<string, TeamView>();
  private readonly holdingsOf = new Map<string, Holding[]>();
  /** Active people with an assignment in force to the role, whether the role is in the org or not. */
  private readonly assigned = new Map<string, Set<string>>();
  private readonly reportsOf = new Map<string, Set<string>>();
  private readonly teamsOf = new Map<string, Set<string>>();
  /** Ids in order, kept until one comes or goes (the rules over the whole org read them in id order). */
  private roleIds: string[] | null = null;
  private personIds: string[] | null = null;

  private constructor(
    readonly model: ReferenceModel,
    public at: string,
  ) {}

  static of(org: OrgSnapshotData, model: ReferenceModel): OrgIndex {
    const index = new OrgIndex(model, org.at);
    for (const role of org.roles) index.setRole(role.id, role);
    for (const team of org.teams) index.setTeam(team.id, team);
    for (const person of org.people) index.setPerson(person.id, person);
    return index;
  }

  get roles(): readonly RoleView[] {
    this.roleIds ??= [...this.roleById.keys()].sort();
    return this.roleIds.map((id) => this.roleById.get(id)!).filter((r) => r.status === 'Active');
  }

  get people(): readonly PersonView[] {
    this.personIds ??= [...this.personById.keys()].sort();
    return this.personIds.map((id) => this.personById.get(id)!);
  }

  get teams(): readonly TeamView[] {
    return [...this.teamById.values()].sort(byId);
  }

  role = (id: string): RoleView | undefined => this.roleById.get(id);
  team = (id: string): TeamView | undefined => this.teamById.get(id);
  person = (id: string): PersonView | undefined => this.personById.get(id);
  referenceOf = (role: RoleView): ReferenceRole | null => this.referenceById.get(role.id) ?? null;
  holdings = (person: PersonView): Holding[] => this.holdingsOf.get(person.id) ?? [];
  isHeld = (role: RoleView): boolean => (this.assigned.get(role.id)?.size ?? 0) > 0;
  reports = (person: PersonView): PersonView[] => [...(this.reportsOf.get(person.id) ?? [])].sort().map((id) => this.personById.get(id)!);
  isProductPerson = (person: PersonView): boolean => this.holdings(person).some((h) => h.reference?.family === 'product');
  ladder = (person: PersonView): number | null => {
    const levels = this.holdings(person).flatMap((h) => (h.reference?.ladder ? [h.reference.ladder] : []));
    return levels.length ? Math.max(...levels) : null;
  };

  /** Ids of the active people assigned to a role now. */
  assignedTo(roleId: string): ReadonlySet<string> {
    return this.assigned.get(roleId) ?? new Set();
  }

  /** Everyone below a person in the reporting lines (a cycle is walked once). */
  descendants(personId: string): Set<string> {
    const seen = new Set<string>();
    const stack = [personId];
    while (stack.length > 0) {
      for (const report of this.reportsOf.get(stack.pop()!) ?? []) {
        if (!seen.has(report)) {
          seen.add(report);
          stack.push(report);
        }
      }
    }
    seen.delete(personId);
    return seen;
  }

  links(personId: string): PersonLinks {
    const person = this.personById.get(personId);
    return {
      active: person !== undefined,
      managerId: person?.managerId ?? null,
      ladder: person ? this.ladder(person) : null,
      roleIds: person ? this.holdings(person).map((h) => h.role.id) : [],
      teamIds: [...(this.teamsOf.get(personId) ?? [])],
    };
  }

  /** Active people whose assignments start or end in force between the instant indexed and `at`. */
  assignmentsTurning(at: string): string[] {
    const [from, to] = this.at < at ? [this.at, at] : [at, this.at];
    const within = (t: string | null) => t !== null && t > from && t <= to;
    return [...this.personById.values()].filter((p) => p.assignments.some((a) => within(a.effectiveFrom) || within(a.effectiveTo))).map((p) => p.id);
  }

  /** Moves the index to `changes.at` and to the entities' new states; `people` are re-indexed too (their holdings may have turned). */
  update(changes: OrgChanges, people: Iterable<string>): void {
    this.at = changes.at;
    for (const [id, role] of changes.roles) this.setRole(id, role);
    for (const [id, team] of changes.teams) this.setTeam(id, team);
    const again = new Set(people);
    for (const [id, person] of changes.people) {
      this.setPerson(id, person);
      again.delete(id);
    }
    for (const id of again) {
      const person = this.personById.get(id);
      if (person) this.setPerson(id, person);
    }
  }

  private setRole(id: string, role: RoleView | null): void {
    if (!role || !this.roleById.has(id)) this.roleIds = null;
    if (role) {
      this.roleById.set(id, role);
      this.referenceById.set(id, referenceRoleOf(this.model, role));
    } else {
      this.roleById.delete(id);
      this.referenceById.delete(id);
    }
  }

  private setTeam(id: string, team: TeamView | null): void {
    for (const member of this.teamById.get(id)?.memberIds ?? []) remove(this.teamsOf, member, id);
    if (team) {
      this.teamById.set(id, team);
      for (const member of team.memberIds) add(this.teamsOf, member, id);
    } else this.teamById.delete(id);
  }

  private setPerson(id: string, next: PersonView | null): void {
    const before = this.personById.get(id);
    if (before) {
      if (before.managerId) remove(this.reportsOf, before.managerId, id);
      for (const a of before.assignments) remove(this.assigned, a.roleId, id);
      this.personById.delete(id);
      this.holdingsOf.delete(id);
    }
    const person = next?.status === 'Active' ? next : null;
    if (!before !== !person) this.personIds = null;
    if (!person) return;
    this.personById.set(id, person);
    if (person.managerId) add(this.reportsOf, person.managerId, id);
    const inForce = person.assignments.filter((a) => inForceAt(a, this.at));
    for (const a of inForce) add(this.assigned, a.roleId, id);
    this.holdingsOf.set(
      id,
      inForce.flatMap((a) => {
        const role = this.roleById.get(a.roleId);
        return role ? [{ role, reference: this.referenceById.get(role.id) ?? null }] : [];
      }),
    );
  }
}

/** The org at one instant, indexed for the rules. */
export const driftContext = (org: OrgSnapshotData, model: ReferenceModel): OrgIndex => OrgIndex.of(org, model);
