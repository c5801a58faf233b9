// Compares a directory's employees with the org as Rolebook holds it and plans the commands that
// bring Rolebook in line, record by record. Pure: the org comes in as a view, time with the run.
// A record that cannot be applied is refused with its reason (and its line) and plans nothing;
// the others are planned. People the directory does not list are left as they are.
import { inForceAt, type Instant } from '@rolebook/domain';
import type { PersonView, RoleView, TeamView, Versioned } from '@rolebook/projections';
import { roleForTitle, type ReferenceModel } from '@rolebook/reference-model';
import { derivedId } from '../../shared/ids';
import { checkRecord, type CheckedRecord } from './check-record';
import type { Change, EmployeeRecord, NewRole, NewTeam, Phase, Plan, PlannedStep, ReconcileRun, RecordPlan, Refusal } from './employee-record';
import {
  employeePersonId,
  isDirectoryAssignment,
  managerSteps,
  registerSteps,
  roleForTitleIn,
  roleSteps,
  teamSteps,
  terminationSteps,
  updateSteps,
  type EmployeeStep,
  type MatchedRole,
} from './employee-steps';

/** The tenant's org as the plan compares with it: everything recorded, in force at the latest instant. */
export interface OrgView {
  people: ReadonlyMap<string, Versioned<PersonView>>;
  /** Active roles. */
  roles: readonly RoleView[];
  teams: readonly TeamView[];
}

interface Candidate {
  checked: CheckedRecord;
  personId: string;
  current: Versioned<PersonView> | null;
  /** The manager's person id; null: none; undefined: not stated. */
  managerId: string | null | undefined;
}

const later = (a: Instant, b: Instant): Instant => (a > b ? a : b);
const earlier = (a: Instant, b: Instant): Instant => (a < b ? a : b);
const teamKey = (name: string) => name.normalize('NFC').toLowerCase();

const PHASE_OF: Record<EmployeeStep['type'], Phase> = {
  register: 'people',
  update: 'people',
  manager: 'managers',
  end: 'roles-and-teams',
  assign: 'roles-and-teams',
  join: 'roles-and-teams',
  leave: 'roles-and-teams',
  terminate: 'leavers',
};

const CHANGE_OF: Record<Exclude<EmployeeStep['type'], 'update'>, Change> = {
  register: 'created',
  manager: 'manager',
  end: 'role',
  assign: 'role',
  join: 'team',
  leave: 'team',
  terminate: 'terminated',
};

export const planReconciliation = (run: ReconcileRun, records: readonly EmployeeRecord[], org: OrgView, model: ReferenceModel): Plan => {
  const { tenantId, directory, now } = run;
  const refused = new Map<EmployeeRecord, Refusal>();
  const refuse = (record: EmployeeRecord, reason: string, message: string) => void (refused.has(record) || refused.set(record, { reason, message }));

  // each record alone, then duplicate ids (every row holding one is refused: which is right is not ours to guess)
  const checked = new Map<EmployeeRecord, CheckedRecord>();
  for (const record of records) {
    const result = checkRecord(record);
    if ('reason' in result) refused.set(record, result);
    else checked.set(record, result);
  }
  const byEmployeeId = new Map<string, EmployeeRecord[]>();
  for (const record of records) byEmployeeId.set(record.employeeId.trim(), [...(byEmployeeId.get(record.employeeId.trim()) ?? []), record]);
  for (const [employeeId, same] of byEmployeeId) {
    if (employeeId === '' || same.length < 2) continue;
    const lines = same.map((r) => r.line ?? '?').join(', ');
    for (const record of same) refuse(record, 'DUPLICATE_EMPLOYEE_ID', `the employee id is on more than one row (lines ${lines})`);
  }

  const personIdOf = (record: EmployeeRecord) => employeePersonId(tenantId, directory, record.employeeId.trim());
  const byEmail = new Map<string, EmployeeRecord[]>();
  for (const c of checked.values()) if (c.email) byEmail.set(c.email.toLowerCase(), [...(byEmail.get(c.email.toLowerCase()) ?? []), c.record]);
  const peopleByEmail = new Map<string, string[]>();
  for (const { state } of org.people.values()) {
    if (state.email && state.status === 'Active')
      peopleByEmail.set(state.email.toLowerCase(), [...(peopleByEmail.get(state.email.toLowerCase()) ?? []), state.id]);
  }

  // the manager each record names: another record (by employee id, then email), or someone Rolebook holds
  const candidates = new Map<EmployeeRecord, Candidate>();
  const recordOfPerson = new Map<string, EmployeeRecord>();
  for (const record of records) if (record.employeeId.trim()) recordOfPerson.set(personIdOf(record), record);
  for (const [record, c] of checked) {
    const personId = personIdOf(record);
    candidates.set(record, { checked: c, personId, current: org.people.get(personId) ?? null, managerId: undefined });
  }
  for (const [record, candidate] of candidates) {
    const ref = record.manager === undefined ? undefined : record.manager?.trim() || null;
    if (ref === undefined || ref === null) {
      candidate.managerId = ref;
      continue;
    }
    const inFile = byEmployeeId.get(ref) ?? byEmail.get(ref.toLowerCase()) ?? [];
    const known = org.people.has(employeePersonId(tenantId, directory, ref))
      ? [employeePersonId(tenantId, directory, ref)]
      : (peopleByEmail.get(ref.toLowerCase()) ?? []);
    const managers = inFile.length > 0 ? [...new Set(inFile.map(personIdOf))] : known;
    if (managers.length > 1) refuse(record, 'AMBIGUOUS_MANAGER', 'the manager column names more than one employee');
    else if (managers.length === 0) refuse(record, 'UNKNOWN_MANAGER', 'the manager column names no employee of the file or of Rolebook');
    else if (managers[0] === candidate.personId) refuse(record, 'REPORTING_CYCLE', 'the employee is named as their own manager');
    else candidate.managerId = managers[0]!;
  }

  // reporting lines as they would stand: a record on a cycle is refused
  const managerOf = (personId: string): string | null => {
    const record = recordOfPerson.get(personId);
    const candidate = record && !refused.has(record) ? candidates.get(record) : undefined;
    if (candidate && candidate.managerId !== undefined) return candidate.managerId;
    return org.people.get(personId)?.state.managerId ?? null;
  };
  const onCycles: [EmployeeRecord, string][] = [];
  for (const [record, candidate] of candidates) {
    if (refused.has(record)) continue;
    const line = [candidate.personId];
    for (let next = managerOf(candidate.personId); next !== null; next = managerOf(next)) {
      if (next === candidate.personId) {
        const lines = line.map((id) => recordOfPerson.get(id)?.line ?? '?').join(' → ');
        onCycles.push([record, `the reporting line comes back to the employee (lines ${lines})`]);
        break;
      }
      if (line.includes(next)) break; // a cycle further up, refused on its own rows
      line.push(next);
    }
  }
  for (const [record, message] of onCycles) refuse(record, 'REPORTING_CYCLE', message);
  // a manager whose row is refused and whom Rolebook does not hold yet cannot be reported to
  for (let changed = true; changed;) {
    changed = false;
    for (const [record, candidate] of candidates) {
      if (refused.has(record) || !candidate.managerId) continue;
      const managerRecord = recordOfPerson.get(candidate.managerId);
      if (managerRecord && refused.has(managerRecord) && !org.people.has(candidate.managerId)) {
        refuse(record, 'MANAGER_REFUSED', `the manager's row (line ${managerRecord.line ?? '?'}) is refused`);
        changed = true;
      }
    }
  }

  // when each person is (or will be) in Rolebook: their changes take effect from then
  const atOf = (candidate: Candidate): Instant => {
    const current = candidate.current?.state;
    return current ? later(now, current.registeredAt) : (candidate.checked.start ?? now);
  };
  const registeredAt = (personId: string): Instant | null => {
    const record = recordOfPerson.get(personId);
    const candidate = record && !refused.has(record) ? candidates.get(record) : undefined;
    return candidate ? atOf(candidate) : (org.people.get(personId)?.state.registeredAt ?? null);
  };

  // roles: the tenant's, else defined from the reference model once
  const newRoles = new Map<string, NewRole>();
  const roleFor = (title: string | null, at: Instant): { matched: MatchedRole; name: string } | null => {
    const existing = roleForTitleIn(model, title, org.roles);
    if (existing) return { matched: { id: existing.id, definedAt: existing.definedAt }, name: existing.name };
    const reference = roleForTitle(model, title);
    if (!reference) return null;
    const role = newRoles.get(reference.key) ?? {
      roleId: derivedId(`role:${reference.key}`, tenantId, 'DirectoryRole'),
      name: reference.title,
      purpose: reference.purpose.text,
      responsibilities: reference.responsibilities.map((r) => r.text),
      referenceRoleKey: reference.key,
      effectiveAt: at,
    };
    role.effectiveAt = earlier(role.effectiveAt, at);
    newRoles.set(reference.key, role);
    return { matched: { id: role.roleId, definedAt: at }, name: role.name };
  };

  // teams: the tenant's of that name, else created once; the teams the directory names are its own
  const teamsByKey = new Map(org.teams.map((t) => [teamKey(t.name), t]));
  const newTeams = new Map<string, NewTeam>();
  const teamFor = (name: string, at: Instant): { id: string; createdAt: Instant } => {
    const existing = teamsByKey.get(teamKey(name));
    if (existing) return { id: existing.id, createdAt: existing.createdAt };
    const team = newTeams.get(teamKey(name)) ?? { teamId: derivedId(`team:${teamKey(name)}`, tenantId, 'DirectoryTeam'), name, effectiveAt: at };
    team.effectiveAt = earlier(team.effectiveAt, at);
    newTeams.set(teamKey(name), team);
    return { id: team.teamId, createdAt: at };
  };
  const directoryTeams = new Set<string>();
  for (const c of candidates.values()) {
    const name = c.checked.team;
    const existing = name ? teamsByKey.get(teamKey(name)) : undefined;
    if (existing) directoryTeams.add(existing.id);
  }
  const teamsOf = new Map<string, string[]>();
  for (const team of org.teams) for (const member of team.memberIds) teamsOf.set(member, [...(teamsOf.get(member) ?? []), team.id]);

  const plans: RecordPlan[] = records.map((record) => {
    const candidate = candidates.get(record);
    const base = {
      line: record.line,
      employeeId: record.employeeId,
      changes: [],
      role: null,
      steps: [],
      erased: candidate?.current?.state.erasedAt !== undefined,
    };
    const refusal = refused.get(record);
    if (refusal || !candidate) return { ...base, personId: candidate?.personId ?? null, outcome: 'refused', refusal: refusal ?? null };
    const planned = planRecord(candidate);
    if ('reason' in planned) return { ...base, personId: candidate.personId, outcome: 'refused', refusal: planned };
    return { ...base, ...planned, personId: candidate.personId, refusal: null };
  });

  function planRecord(candidate: Candidate): Pick<RecordPlan, 'outcome' | 'changes' | 'role' | 'steps'> | Refusal {
    const { checked, personId } = candidate;
    const current = candidate.current?.state ?? null;
    if (current?.status === 'Terminated') {
      // Rolebook does not re-hire: a returning employee comes back under a new employee id
      if (!checked.end) return { reason: 'ALREADY_TERMINATED', message: 'the employee is terminated in Rolebook and has no end date here' };
      return { outcome: 'unchanged', changes: [], role: null, steps: [] };
    }
    const at = atOf(candidate);
    if (checked.end && current && checked.end < current.registeredAt)
      return { reason: 'END_BEFORE_START', message: 'the end date is before the employee started in Rolebook' };
    const leftAlready = current !== null && checked.end !== null && checked.end <= now;
    const steps: EmployeeStep[] = [];
    let role: string | null = null;
    if (!leftAlready) {
      steps.push(...(current ? updateSteps(personId, current, checked, at) : registerSteps(personId, checked, at)));
      if (candidate.managerId !== undefined) {
        const managerSince = candidate.managerId ? registeredAt(candidate.managerId) : null;
        steps.push(...managerSteps(personId, current, candidate.managerId, managerSince ? later(at, managerSince) : at));
      }
      const matched = roleFor(checked.title, at);
      role = matched?.name ?? null;
      if (matched) {
        const handMade = (current?.assignments ?? []).filter(
          (a) => inForceAt(a, at) && !isDirectoryAssignment(tenantId, personId, a) && a.roleId !== matched.matched.id,
        );
        if (handMade.reduce((sum, a) => sum + a.allocationPercent, checked.allocationPercent) > 100)
          return { reason: 'ALLOCATION_EXCEEDED', message: "the allocation with the employee's other roles in Rolebook is over 100 %" };
      }
      steps.push(...roleSteps(tenantId, personId, current, matched?.matched ?? null, checked.allocationPercent, at));
      if (checked.team !== undefined) {
        const team = checked.team === null ? null : teamFor(checked.team, at);
        steps.push(...teamSteps(personId, teamsOf.get(personId) ?? [], directoryTeams, team?.id ?? null, at, team ? later(at, team.createdAt) : at));
      }
    }
    if (checked.end) {
      // a leaver leaves the directory's teams too (terminating ends their roles, not their teams)
      const teams = new Set([
        ...(teamsOf.get(personId) ?? []).filter((t) => directoryTeams.has(t)),
        ...steps.flatMap((s) => (s.type === 'join' ? [s.fields.teamId] : [])),
      ]);
      for (const teamId of teams)
        if (!steps.some((s) => s.type === 'leave' && s.fields.teamId === teamId))
          steps.push({ type: 'leave', fields: { teamId, personId, effectiveAt: checked.end } });
      steps.push(...terminationSteps(personId, current, checked.end));
    }

    const changes = [...new Set(steps.flatMap((s): Change[] => (s.type === 'update' ? updatedFields(s.fields) : [CHANGE_OF[s.type]])))];
    const outcome = changes.length === 0 ? 'unchanged' : !current ? 'created' : changes.includes('terminated') ? 'terminated' : 'updated';
    let first = true;
    const plannedSteps = steps.map((step): PlannedStep => {
      // the first write to the person's stream states the version the plan saw: a change made meanwhile is a CONFLICT
      const onPerson = step.type !== 'join' && step.type !== 'leave';
      const expectedVersion = onPerson && first ? (candidate.current?.version ?? 0) : null;
      if (onPerson) first = false;
      return { phase: PHASE_OF[step.type], step, expectedVersion };
    });
    return { outcome, changes, role, steps: plannedSteps };
  }

  return { run, records: plans, newRoles: [...newRoles.values()], newTeams: [...newTeams.values()] };
};

const updatedFields = (fields: { name?: string | null; email?: string | null; title?: string | null }): Change[] =>
  (['name', 'email', 'title'] as const).filter((f) => fields[f] !== undefined);
