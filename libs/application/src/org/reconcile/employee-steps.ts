// The one way to turn what a directory (an HRIS, an imported file) says of an employee into org
// commands: the person's details, their manager, the role their title maps to through the
// reference model's aliases, their team, their departure. Pure: each builder compares the
// person as Rolebook holds them with what the directory says and answers the steps that close
// the gap; HrisSync (one delivery) and the Reconciler (a whole directory) run them.
import { inForceAt, sameEmail, type Assignment, type Instant } from '@rolebook/domain';
import type { PersonView } from '@rolebook/projections';
import { referenceRoleOf, roleForTitle, type ReferenceModel } from '@rolebook/reference-model';
import type {
  AddTeamMemberFields,
  AssignRoleFields,
  EndRoleAssignmentFields,
  OrgCommands,
  RegisterPersonFields,
  RemoveTeamMemberFields,
  SetManagerFields,
  TerminatePersonFields,
  UpdatePersonFields,
} from '../org-commands';
import { derivedId } from '../../shared/ids';
import type { CommandResult, RequestContext } from '../../shared/request-context';

export type EmployeeStep =
  | { type: 'register'; fields: RegisterPersonFields & { id: string } }
  | { type: 'update'; fields: UpdatePersonFields }
  | { type: 'manager'; fields: SetManagerFields }
  | { type: 'end'; fields: EndRoleAssignmentFields }
  | { type: 'assign'; fields: AssignRoleFields & { assignmentId: string } }
  | { type: 'join'; fields: AddTeamMemberFields }
  | { type: 'leave'; fields: RemoveTeamMemberFields }
  | { type: 'terminate'; fields: TerminatePersonFields };

/** The Rolebook id of an employee of a directory (an HRIS provider, or `csv` for imported files): the same for every run and delivery to that tenant. */
export const employeePersonId = (tenantId: string, directory: string, employeeId: string): string =>
  derivedId(`${directory}:${employeeId}`, tenantId, 'HrisEmployee');

/** The id of the assignment a directory makes of `roleId` to a person; one made again after an earlier one ended is told apart by its start. */
const assignmentIdOf = (tenantId: string, personId: string, roleId: string, from: Instant | null): string =>
  derivedId(from === null ? `${personId}:${roleId}` : `${personId}:${roleId}@${from}`, tenantId, 'HrisAssignment');

/** Whether the directory made this assignment (assignments made by hand are left alone). */
export const isDirectoryAssignment = (tenantId: string, personId: string, a: Assignment): boolean =>
  a.assignmentId === assignmentIdOf(tenantId, personId, a.roleId, null) || a.assignmentId === assignmentIdOf(tenantId, personId, a.roleId, a.effectiveFrom);

/** The step's part of an idempotency key: unique among one employee's steps. */
export const stepKey = (step: EmployeeStep): string => {
  switch (step.type) {
    case 'end':
      return `end:${step.fields.assignmentId}`;
    case 'assign':
      return `assign:${step.fields.roleId}`;
    case 'join':
    case 'leave':
      return `${step.type}:${step.fields.teamId}`;
    case 'register':
    case 'update':
    case 'manager':
    case 'terminate':
      return step.type;
    default:
      return assertNever(step);
  }
};

const assertNever = (step: never): never => {
  throw new Error(`Unhandled step ${JSON.stringify(step)}`);
};

/** What the step did, by ids only. */
export const describeStep = (step: EmployeeStep): string => {
  switch (step.type) {
    case 'register':
      return `registered ${step.fields.id}`;
    case 'update':
      return `updated ${step.fields.personId}: ${Object.keys(step.fields)
        .filter((k) => k !== 'personId' && k !== 'effectiveAt')
        .join(', ')}`;
    case 'manager':
      return `manager of ${step.fields.personId} set`;
    case 'end':
      return `ended assignment ${step.fields.assignmentId}`;
    case 'assign':
      return `assigned role ${step.fields.roleId}`;
    case 'join':
      return `added ${step.fields.personId} to team ${step.fields.teamId}`;
    case 'leave':
      return `removed ${step.fields.personId} from team ${step.fields.teamId}`;
    case 'terminate':
      return `terminated ${step.fields.personId}`;
    default:
      return assertNever(step);
  }
};

export const runStep = (commands: OrgCommands, step: EmployeeStep, ctx: RequestContext): Promise<CommandResult> => {
  switch (step.type) {
    case 'register':
      return commands.registerPerson(step.fields, ctx);
    case 'update':
      return commands.updatePerson(step.fields, ctx);
    case 'manager':
      return commands.setManager(step.fields, ctx);
    case 'end':
      return commands.endRoleAssignment(step.fields, ctx);
    case 'assign':
      return commands.assignRole(step.fields, ctx);
    case 'join':
      return commands.addTeamMember(step.fields, ctx);
    case 'leave':
      return commands.removeTeamMember(step.fields, ctx);
    case 'terminate':
      return commands.terminatePerson(step.fields, ctx);
    default:
      return assertNever(step);
  }
};

/** What a directory says of an employee's details; absent fields are not stated. */
export interface EmployeeDetails {
  name?: string;
  email?: string | null;
  title?: string | null;
}

/** Registers the person the directory names. */
export const registerSteps = (personId: string, details: EmployeeDetails & { name: string }, at: Instant): EmployeeStep[] => [
  { type: 'register', fields: { id: personId, name: details.name, email: details.email ?? null, title: details.title ?? null, effectiveAt: at } },
];

/** Updates the details that differ. A person whose personal data was erased gets no name or email again (the directory still sends them); their title still changes. */
export const updateSteps = (personId: string, current: PersonView, details: EmployeeDetails, at: Instant): EmployeeStep[] => {
  const erased = current.erasedAt !== undefined;
  const changes = {
    ...(!erased && details.name !== undefined && details.name !== current.name ? { name: details.name } : {}),
    // a directory that re-cases an address has not changed it
    ...(!erased && details.email !== undefined && !sameEmail(details.email, current.email) ? { email: details.email } : {}),
    ...(details.title !== undefined && details.title !== current.title ? { title: details.title } : {}),
  };
  return Object.keys(changes).length > 0 ? [{ type: 'update', fields: { personId, ...changes, effectiveAt: at } }] : [];
};

/** Sets the manager when it differs (null: no manager). */
export const managerSteps = (personId: string, current: PersonView | null, managerId: string | null, at: Instant): EmployeeStep[] =>
  managerId !== (current?.managerId ?? null) ? [{ type: 'manager', fields: { personId, managerId, effectiveAt: at } }] : [];

/** The role a title maps to, as the tenant holds it: its id and since when it can be held. */
export interface MatchedRole {
  id: string;
  definedAt: Instant;
}

/** The first of `roles` that stands for the reference role `title` maps to (through the model's aliases); null when none does. */
export const roleForTitleIn = <R extends { name: string; referenceRoleKey?: string | null }>(
  model: ReferenceModel,
  title: string | null,
  roles: readonly R[],
): R | null => {
  const reference = roleForTitle(model, title);
  return reference ? (roles.find((r) => referenceRoleOf(model, r)?.key === reference.key) ?? null) : null;
};

/**
 * Holds the person in `role` at `allocationPercent` from `at` (or from the role's definition, if
 * later), ending the directory-made assignments that no longer match; assignments made by hand stay.
 */
export const roleSteps = (
  tenantId: string,
  personId: string,
  current: PersonView | null,
  role: MatchedRole | null,
  allocationPercent: number,
  at: Instant,
): EmployeeStep[] => {
  const assignments = current?.assignments ?? [];
  const from = role && role.definedAt > at ? role.definedAt : at;
  const steps: EmployeeStep[] = [];
  const ours = (a: Assignment) => isDirectoryAssignment(tenantId, personId, a);
  // a hand-made assignment of the role holds it as well as the directory's would
  const holds = (a: Assignment) => a.roleId === role?.id && (a.allocationPercent === allocationPercent || !ours(a));
  for (const a of assignments.filter((a) => inForceAt(a, at))) {
    if (ours(a) && !holds(a)) steps.push({ type: 'end', fields: { personId, assignmentId: a.assignmentId, effectiveAt: at } });
  }
  if (role && !assignments.filter((a) => inForceAt(a, from)).some(holds)) {
    // the first assignment of the role keeps the id it has always had; a later one is told apart by its start
    const first = !assignments.some((a) => a.assignmentId === assignmentIdOf(tenantId, personId, role.id, null));
    const assignmentId = assignmentIdOf(tenantId, personId, role.id, first ? null : from);
    steps.push({ type: 'assign', fields: { personId, roleId: role.id, assignmentId, allocationPercent, effectiveAt: from } });
  }
  return steps;
};

/** Moves the person into `teamId` (at `joinAt`) out of the other directory teams they are in; teams made by hand stay. */
export const teamSteps = (
  personId: string,
  currentTeams: readonly string[],
  directoryTeams: ReadonlySet<string>,
  teamId: string | null,
  at: Instant,
  joinAt: Instant,
): EmployeeStep[] => {
  const steps = currentTeams
    .filter((t) => t !== teamId && directoryTeams.has(t))
    .map((t): EmployeeStep => ({ type: 'leave', fields: { teamId: t, personId, effectiveAt: at } }));
  if (teamId !== null && !currentTeams.includes(teamId)) steps.push({ type: 'join', fields: { teamId, personId, effectiveAt: joinAt } });
  return steps;
};

/** Terminates the person at `at` unless they are already (terminating ends every assignment). */
export const terminationSteps = (personId: string, current: PersonView | null, at: Instant): EmployeeStep[] =>
  current?.status === 'Terminated' ? [] : [{ type: 'terminate', fields: { personId, effectiveAt: at } }];
