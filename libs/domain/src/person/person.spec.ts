import { Conflict, NotFound, RuleViolation } from '../shared/errors';
import { deciderSpec, T0 } from '../testing/given';
import type { PersonCommand, Status } from './person.commands';
import { personDecider } from './person.decider';
import type { PersonEvent } from './person.events';

const given = deciderSpec(personDecider);
const personId = '00000000-0000-4000-8000-0000000000a1';
const managerId = '00000000-0000-4000-8000-0000000000a2';
const pm = '00000000-0000-4000-8000-0000000000b1';
const po = '00000000-0000-4000-8000-0000000000b2';
const a1 = '00000000-0000-4000-8000-0000000000c1';
const a2 = '00000000-0000-4000-8000-0000000000c2';
const feb = '2026-02-01T00:00:00.000Z';
const mar = '2026-03-01T00:00:00.000Z';
const apr = '2026-04-01T00:00:00.000Z';

const registered: PersonEvent = { type: 'PersonRegistered', data: { personId, name: 'Ada', email: null, title: 'PM' } };
const terminated: PersonEvent = { type: 'PersonTerminated', data: { personId } };
const assigned = (assignmentId: string, roleId: string, allocationPercent: number, effectiveFrom = T0, effectiveTo: string | null = null) =>
  ({ type: 'RoleAssigned', data: { personId, assignmentId, roleId, allocationPercent, effectiveFrom, effectiveTo } }) as PersonEvent & {
    effectiveAt: string;
  };
const assign = (o: {
  roleId?: string;
  allocationPercent?: number;
  effectiveAt?: string;
  effectiveTo?: string | null;
  roleStatus?: Status;
  assignmentId?: string;
}): PersonCommand => ({
  type: 'AssignRole',
  personId,
  assignmentId: o.assignmentId ?? a2,
  roleId: o.roleId ?? po,
  allocationPercent: o.allocationPercent ?? 50,
  effectiveAt: o.effectiveAt ?? feb,
  effectiveTo: o.effectiveTo ?? null,
  roleStatus: o.roleStatus ?? 'Active',
});
const setManager = (id: string | null, manager: { status: Status; line: string[] } | null): PersonCommand => ({
  type: 'SetManager',
  personId,
  effectiveAt: feb,
  managerId: id,
  manager,
});

describe('Person', () => {
  describe('registration and details', () => {
    it('is registered once', () =>
      given([]).when({ type: 'RegisterPerson', personId, effectiveAt: T0, name: 'Ada', email: null, title: 'PM' }).then([registered]));
    it('cannot be registered twice', () =>
      given([registered])
        .when({ type: 'RegisterPerson', personId, effectiveAt: T0, name: 'Ada', email: null, title: null })
        .thenThrows(Conflict, 'PERSON_ALREADY_REGISTERED'));
    it('separates a title change from a details change', () =>
      given([registered])
        .when({ type: 'UpdatePerson', personId, effectiveAt: feb, name: 'Ada L', title: 'Senior PM' })
        .then([
          { type: 'PersonDetailsUpdated', data: { personId, name: 'Ada L' } },
          { type: 'PersonTitleChanged', data: { personId, title: 'Senior PM' } },
        ]));
    it('records nothing when nothing changes', () => given([registered]).when({ type: 'UpdatePerson', personId, effectiveAt: feb, title: 'PM' }).then([]));
    it('takes a change of email letter case only as no change', () => {
      const withEmail: PersonEvent = { type: 'PersonRegistered', data: { personId, name: 'Ada', email: 'Ada.Lovelace@Example.com', title: 'PM' } };
      given([withEmail]).when({ type: 'UpdatePerson', personId, effectiveAt: feb, email: 'ada.lovelace@example.COM' }).then([]);
      given([withEmail])
        .when({ type: 'UpdatePerson', personId, effectiveAt: feb, email: 'ada@example.com' })
        .then([{ type: 'PersonDetailsUpdated', data: { personId, email: 'ada@example.com' } }]);
    });
    it('cannot update an unknown person', () =>
      given([]).when({ type: 'UpdatePerson', personId, effectiveAt: feb, name: 'X' }).thenThrows(NotFound, 'PERSON_NOT_FOUND'));
    it('cannot update a terminated person', () =>
      given([registered, terminated]).when({ type: 'UpdatePerson', personId, effectiveAt: feb, name: 'X' }).thenThrows(RuleViolation, 'PERSON_TERMINATED'));
    it('cannot change before registration', () =>
      given([{ ...registered, effectiveAt: mar }])
        .when({ type: 'UpdatePerson', personId, effectiveAt: feb, name: 'X' })
        .thenThrows(RuleViolation, 'EFFECTIVE_BEFORE_REGISTRATION'));
  });

  describe('manager', () => {
    it('is set', () =>
      given([registered])
        .when(setManager(managerId, { status: 'Active', line: [managerId] }))
        .then([{ type: 'ManagerSet', data: { personId, managerId } }]));
    it('nobody is their own manager', () =>
      given([registered])
        .when(setManager(personId, { status: 'Active', line: [personId] }))
        .thenThrows(RuleViolation, 'SELF_MANAGEMENT'));
    it('must exist', () =>
      given([registered])
        .when(setManager(managerId, { status: 'Unknown', line: [] }))
        .thenThrows(NotFound, 'MANAGER_NOT_FOUND'));
    it('must be registered by then', () =>
      given([registered])
        .when(setManager(managerId, { status: 'Future', line: [managerId] }))
        .thenThrows(RuleViolation, 'MANAGER_NOT_IN_EFFECT'));
    it('must not be terminated', () =>
      given([registered])
        .when(setManager(managerId, { status: 'Terminated', line: [managerId] }))
        .thenThrows(RuleViolation, 'MANAGER_TERMINATED'));
    it('must not report to this person already (no cycles)', () =>
      given([registered])
        .when(setManager(managerId, { status: 'Active', line: [managerId, personId] }))
        .thenThrows(RuleViolation, 'REPORTING_CYCLE'));
    it('can be cleared', () =>
      given([registered, { type: 'ManagerSet', data: { personId, managerId } }])
        .when(setManager(null, null))
        .then([{ type: 'ManagerSet', data: { personId, managerId: null } }]));
    it('setting the same manager records nothing', () =>
      given([registered, { type: 'ManagerSet', data: { personId, managerId } }])
        .when(setManager(managerId, { status: 'Active', line: [managerId] }))
        .then([]));
  });

  describe('role assignments', () => {
    it('assigns a role with its allocation and period', () =>
      given([registered])
        .when(assign({ effectiveTo: apr }))
        .then([assigned(a2, po, 50, feb, apr)]));
    it('cannot assign a retired role', () =>
      given([registered])
        .when(assign({ roleStatus: 'Retired' }))
        .thenThrows(RuleViolation, 'ROLE_RETIRED'));
    it('cannot assign an unknown role', () =>
      given([registered])
        .when(assign({ roleStatus: 'Unknown' }))
        .thenThrows(NotFound, 'ROLE_NOT_FOUND'));
    it('cannot assign a role before it takes effect', () =>
      given([registered])
        .when(assign({ roleStatus: 'Future' }))
        .thenThrows(RuleViolation, 'ROLE_NOT_IN_EFFECT'));
    it('cannot assign to a terminated person', () => given([registered, terminated]).when(assign({})).thenThrows(RuleViolation, 'PERSON_TERMINATED'));
    it('cannot hold the same role twice at once', () =>
      given([registered, assigned(a1, po, 20)])
        .when(assign({ roleId: po }))
        .thenThrows(RuleViolation, 'DUPLICATE_ASSIGNMENT'));
    it('may hold the same role again after the first assignment ended', () =>
      given([registered, assigned(a1, po, 20, T0, feb)])
        .when(assign({ roleId: po, effectiveAt: feb }))
        .then([assigned(a2, po, 50, feb)]));
    it('allocations never exceed 100%', () =>
      given([registered, assigned(a1, pm, 60)])
        .when(assign({ allocationPercent: 50 }))
        .thenThrows(RuleViolation, 'ALLOCATION_EXCEEDED'));
    it('allocations may reach exactly 100%', () =>
      given([registered, assigned(a1, pm, 50)])
        .when(assign({ allocationPercent: 50 }))
        .then([assigned(a2, po, 50, feb)]));
    it('counts an assignment that starts later inside the new period', () =>
      given([registered, assigned(a1, pm, 60, mar)])
        .when(assign({ allocationPercent: 50, effectiveAt: feb }))
        .thenThrows(RuleViolation, 'ALLOCATION_EXCEEDED'));
    it('ignores an assignment that ended before the new period', () =>
      given([registered, assigned(a1, pm, 60, T0, feb)])
        .when(assign({ allocationPercent: 50, effectiveAt: feb }))
        .then([assigned(a2, po, 50, feb)]));
    it('refuses a reused assignment id', () =>
      given([registered, assigned(a2, pm, 10)])
        .when(assign({ assignmentId: a2 }))
        .thenThrows(Conflict, 'ASSIGNMENT_EXISTS'));
  });

  describe('ending assignments', () => {
    const end = (assignmentId: string, effectiveAt: string): PersonCommand => ({ type: 'EndRoleAssignment', personId, assignmentId, effectiveAt });
    it('ends an open assignment', () =>
      given([registered, assigned(a1, pm, 50)])
        .when(end(a1, mar))
        .then([{ type: 'RoleAssignmentEnded', data: { personId, assignmentId: a1, effectiveTo: mar }, effectiveAt: mar }]));
    it('effective-to must be after effective-from', () =>
      given([registered, assigned(a1, pm, 50, mar)])
        .when(end(a1, mar))
        .thenThrows(RuleViolation, 'END_BEFORE_START'));
    it('an unknown assignment is not found', () => given([registered]).when(end(a1, mar)).thenThrows(NotFound, 'ASSIGNMENT_NOT_FOUND'));
    it('ending an already ended assignment records nothing', () =>
      given([registered, assigned(a1, pm, 50, T0, feb)])
        .when(end(a1, mar))
        .then([]));
  });

  describe('termination', () => {
    it('ends every open assignment, then terminates', () =>
      given([registered, assigned(a1, pm, 50), assigned(a2, po, 20, T0, feb)])
        .when({ type: 'TerminatePerson', personId, effectiveAt: mar })
        .then([{ type: 'RoleAssignmentEnded', data: { personId, assignmentId: a1, effectiveTo: mar }, effectiveAt: mar }, terminated]));
    it('cancels an assignment that would start after the termination', () =>
      given([registered, assigned(a1, pm, 50, apr)])
        .when({ type: 'TerminatePerson', personId, effectiveAt: mar })
        .then([{ type: 'RoleAssignmentEnded', data: { personId, assignmentId: a1, effectiveTo: apr }, effectiveAt: apr }, terminated]));
    it('terminating twice records nothing', () => given([registered, terminated]).when({ type: 'TerminatePerson', personId, effectiveAt: mar }).then([]));
  });
  describe('erasure of personal data', () => {
    const erase = (effectiveAt = mar): PersonCommand => ({ type: 'ErasePersonalData', personId, effectiveAt });
    const erased: PersonEvent = { type: 'PersonalDataErased', data: { personId } };
    it('is recorded for a known person', () => given([registered]).when(erase()).then([erased]));
    it('is recorded for a terminated person too', () => given([registered, terminated]).when(erase()).then([erased]));
    it('is refused for an unknown person', () => given([]).when(erase()).thenThrows(NotFound, 'PERSON_NOT_FOUND'));
    it('erasing twice records nothing', () => given([registered, erased]).when(erase()).then([]));
    it('takes effect at the registration at the earliest', () =>
      given([{ ...registered, effectiveAt: apr }])
        .when(erase(mar))
        .then([{ ...erased, effectiveAt: apr }]));
    it('refuses a new name afterwards', () =>
      given([registered, erased]).when({ type: 'UpdatePerson', personId, effectiveAt: apr, name: 'Ada' }).thenThrows(RuleViolation, 'PERSONAL_DATA_ERASED'));
    it('refuses a new email afterwards', () =>
      given([registered, erased])
        .when({ type: 'UpdatePerson', personId, effectiveAt: apr, email: 'a@example.com' })
        .thenThrows(RuleViolation, 'PERSONAL_DATA_ERASED'));
    it('still records structural changes: title, manager, roles, termination', () => {
      given([registered, erased])
        .when({ type: 'UpdatePerson', personId, effectiveAt: apr, title: 'Senior PM' })
        .then([{ type: 'PersonTitleChanged', data: { personId, title: 'Senior PM' } }]);
      given([registered, erased])
        .when(setManager(managerId, { status: 'Active', line: [managerId] }))
        .then([{ type: 'ManagerSet', data: { personId, managerId } }]);
      given([registered, erased])
        .when(assign({ effectiveTo: apr }))
        .then([assigned(a2, po, 50, feb, apr)]);
      given([registered, erased]).when({ type: 'TerminatePerson', personId, effectiveAt: mar }).then([terminated]);
    });
  });
});
