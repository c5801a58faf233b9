import { assertNever, type Decider, type Effective } from '../shared/decider';
import { Conflict, NotFound, RuleViolation } from '../shared/errors';
import { endedBy, inForceAt, overlaps, type EffectivePeriod, type Instant, type Interval } from '../shared/time';
import { sameEmail } from '../shared/validation';
import type { AssignRole, PersonCommand } from './person.commands';
import type { PersonDetailsUpdated, PersonEvent } from './person.events';

export interface Assignment {
  assignmentId: string;
  roleId: string;
  allocationPercent: number;
  effectiveFrom: Instant;
  effectiveTo: Instant | null;
}

export interface PersonData {
  id: string;
  name: string;
  email: string | null;
  title: string | null;
  managerId: string | null;
  assignments: Assignment[];
  registeredAt: Instant;
  /** Set once the person's personal data was erased (absent before, so states written earlier read the same). */
  erasedAt?: Instant;
}

export type Person = { status: 'Unknown' } | ({ status: 'Active' } & PersonData) | ({ status: 'Terminated'; terminatedAt: Instant } & PersonData);

export const initialState = (): Person => ({ status: 'Unknown' });

export const evolve = (state: Person, event: Effective<PersonEvent>): Person => {
  if (event.type === 'PersonRegistered') {
    const { personId, ...rest } = event.data;
    return { status: 'Active', id: personId, ...rest, managerId: null, assignments: [], registeredAt: event.effectiveAt };
  }
  if (state.status === 'Unknown') return state;
  switch (event.type) {
    case 'PersonDetailsUpdated': {
      const { personId: _personId, ...rest } = event.data;
      return { ...state, ...rest };
    }
    case 'PersonTitleChanged':
      return { ...state, title: event.data.title };
    case 'ManagerSet':
      return { ...state, managerId: event.data.managerId };
    case 'RoleAssigned': {
      const { personId: _personId, ...assignment } = event.data;
      return { ...state, assignments: [...state.assignments, assignment] };
    }
    case 'RoleAssignmentEnded':
      return {
        ...state,
        assignments: state.assignments.map((a) => (a.assignmentId === event.data.assignmentId ? { ...a, effectiveTo: event.data.effectiveTo } : a)),
      };
    case 'PersonTerminated':
      return { ...state, status: 'Terminated', terminatedAt: event.effectiveAt };
    case 'PersonalDataErased':
      return { ...state, erasedAt: event.effectiveAt };
    default:
      return assertNever(event);
  }
};

const interval = (a: EffectivePeriod): Interval => ({ from: a.effectiveFrom, to: a.effectiveTo });

/** The highest total allocation at any instant of `candidate`'s interval, counting the candidate. */
const peakAllocation = (assignments: readonly Assignment[], candidate: Interval, percent: number): number => {
  const overlapping = assignments.filter((a) => overlaps(interval(a), candidate));
  const checkpoints = [candidate.from, ...overlapping.map((a) => a.effectiveFrom).filter((t) => t > candidate.from)];
  return Math.max(...checkpoints.map((t) => percent + overlapping.filter((a) => inForceAt(a, t)).reduce((sum, a) => sum + a.allocationPercent, 0)));
};

const assignRole = (command: AssignRole, state: PersonData): PersonEvent[] => {
  if (command.roleStatus === 'Unknown') throw new NotFound('role', 'roleId');
  if (command.roleStatus === 'Future') throw new RuleViolation('ROLE_NOT_IN_EFFECT', 'the role is not in effect yet at effectiveAt', 'roleId');
  if (command.roleStatus === 'Retired') throw new RuleViolation('ROLE_RETIRED', 'a retired role cannot be assigned', 'roleId');
  if (state.assignments.some((a) => a.assignmentId === command.assignmentId)) {
    throw new Conflict('ASSIGNMENT_EXISTS', 'an assignment with this id already exists', 'assignmentId');
  }
  const candidate: Interval = { from: command.effectiveAt, to: command.effectiveTo };
  if (state.assignments.some((a) => a.roleId === command.roleId && overlaps(interval(a), candidate))) {
    throw new RuleViolation('DUPLICATE_ASSIGNMENT', 'the person already holds this role in that period', 'roleId');
  }
  if (peakAllocation(state.assignments, candidate, command.allocationPercent) > 100) {
    throw new RuleViolation('ALLOCATION_EXCEEDED', "the person's allocations would exceed 100%", 'allocationPercent');
  }
  const { personId, assignmentId, roleId, allocationPercent, effectiveAt, effectiveTo } = command;
  return [{ type: 'RoleAssigned', data: { personId, assignmentId, roleId, allocationPercent, effectiveFrom: effectiveAt, effectiveTo } }];
};

export const decide = (command: PersonCommand, state: Person): PersonEvent[] => {
  if (command.type === 'RegisterPerson') {
    if (state.status !== 'Unknown') throw new Conflict('PERSON_ALREADY_REGISTERED', 'person already registered');
    const { personId, name, email, title } = command;
    return [{ type: 'PersonRegistered', data: { personId, name, email, title } }];
  }
  if (state.status === 'Unknown') throw new NotFound('person', 'personId');
  if (command.type === 'ErasePersonalData') {
    // a terminated person can be erased (the usual case); erasing twice records nothing
    if (state.erasedAt !== undefined) return [];
    const erased: PersonEvent = { type: 'PersonalDataErased', data: { personId: state.id } };
    // the org structure before the registration has no person in it to erase
    return [command.effectiveAt < state.registeredAt ? { ...erased, effectiveAt: state.registeredAt } : erased];
  }
  if (command.effectiveAt < state.registeredAt) {
    throw new RuleViolation('EFFECTIVE_BEFORE_REGISTRATION', 'effectiveAt must not precede the registration', 'effectiveAt');
  }
  if (command.type === 'TerminatePerson') {
    if (state.status === 'Terminated') return [];
    const at = command.effectiveAt;
    const open = state.assignments.filter((a) => !endedBy(a, at));
    return [
      ...open.map((a): PersonEvent => {
        // an assignment that would only start after the termination ends as it begins
        const effectiveTo = a.effectiveFrom > at ? a.effectiveFrom : at;
        return { type: 'RoleAssignmentEnded', data: { personId: state.id, assignmentId: a.assignmentId, effectiveTo }, effectiveAt: effectiveTo };
      }),
      { type: 'PersonTerminated', data: { personId: state.id } },
    ];
  }
  if (state.status === 'Terminated') throw new RuleViolation('PERSON_TERMINATED', 'the person is terminated', 'personId');
  switch (command.type) {
    case 'UpdatePerson': {
      // structural facts (title, manager, roles, teams, termination) still change; personal data is not written again
      if (state.erasedAt !== undefined && (command.name !== undefined || command.email !== undefined)) {
        const field = command.name !== undefined ? 'name' : 'email';
        throw new RuleViolation('PERSONAL_DATA_ERASED', "the person's personal data was erased; their name and email are not recorded again", field);
      }
      const events: PersonEvent[] = [];
      const details: PersonDetailsUpdated['data'] = { personId: state.id };
      if (command.name !== undefined && command.name !== state.name) details.name = command.name;
      // a change of letter case only is the same address (validation.ts: emails compare case-insensitively)
      if (command.email !== undefined && !sameEmail(command.email, state.email)) details.email = command.email;
      if (Object.keys(details).length > 1) events.push({ type: 'PersonDetailsUpdated', data: details });
      if (command.title !== undefined && command.title !== state.title) {
        events.push({ type: 'PersonTitleChanged', data: { personId: state.id, title: command.title } });
      }
      return events;
    }
    case 'SetManager': {
      const { managerId, manager } = command;
      if (managerId === state.managerId) return [];
      if (managerId !== null) {
        if (managerId === state.id) throw new RuleViolation('SELF_MANAGEMENT', 'a person cannot be their own manager', 'managerId');
        if (!manager || manager.status === 'Unknown') throw new NotFound('manager', 'managerId');
        if (manager.status === 'Future') throw new RuleViolation('MANAGER_NOT_IN_EFFECT', 'the manager is not registered yet at effectiveAt', 'managerId');
        if (manager.status === 'Terminated') throw new RuleViolation('MANAGER_TERMINATED', 'the manager is terminated', 'managerId');
        if (manager.line.includes(state.id)) {
          throw new RuleViolation('REPORTING_CYCLE', 'the manager already reports to this person', 'managerId');
        }
      }
      return [{ type: 'ManagerSet', data: { personId: state.id, managerId } }];
    }
    case 'AssignRole':
      return assignRole(command, state);
    case 'EndRoleAssignment': {
      const assignment = state.assignments.find((a) => a.assignmentId === command.assignmentId);
      if (!assignment) throw new NotFound('assignment', 'assignmentId');
      if (endedBy(assignment, command.effectiveAt)) return [];
      if (command.effectiveAt <= assignment.effectiveFrom) {
        throw new RuleViolation('END_BEFORE_START', 'effectiveAt must be after the assignment start', 'effectiveAt');
      }
      const effectiveTo = command.effectiveAt;
      return [{ type: 'RoleAssignmentEnded', data: { personId: state.id, assignmentId: assignment.assignmentId, effectiveTo }, effectiveAt: effectiveTo }];
    }
    default:
      return assertNever(command);
  }
};

export const personDecider: Decider<PersonCommand, PersonEvent, Person> = { initialState, evolve, decide };
