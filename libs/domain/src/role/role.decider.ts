import { Conflict, NotFound, RuleViolation } from '../shared/errors';
import { assertNever, type Decider, type Effective } from '../shared/decider';
import type { Instant } from '../shared/time';
import type { RoleCommand } from './role.commands';
import type { RoleEvent, RoleRevised } from './role.events';

export interface RoleData {
  id: string;
  name: string;
  purpose: string;
  responsibilities: string[];
  referenceRoleKey: string | null;
  definedAt: Instant;
}

export type Role = { status: 'Unknown' } | ({ status: 'Active' } & RoleData) | ({ status: 'Retired'; retiredAt: Instant } & RoleData);

export const initialState = (): Role => ({ status: 'Unknown' });

export const evolve = (state: Role, event: Effective<RoleEvent>): Role => {
  const at = event.effectiveAt;
  switch (event.type) {
    case 'RoleDefined': {
      const { roleId, ...rest } = event.data;
      return { status: 'Active', id: roleId, ...rest, definedAt: at };
    }
    case 'RoleRevised':
      if (state.status === 'Unknown') return state;
      return { ...state, ...changes(event) };
    case 'RoleRetired':
      if (state.status === 'Unknown') return state;
      return { ...state, status: 'Retired', retiredAt: at };
    default:
      return assertNever(event);
  }
};

const changes = (event: RoleRevised): Partial<RoleData> => {
  const { roleId: _roleId, ...rest } = event.data;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
};

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export const decide = (command: RoleCommand, state: Role): RoleEvent[] => {
  if (command.type === 'DefineRole') {
    if (state.status !== 'Unknown') throw new Conflict('ROLE_ALREADY_DEFINED', 'role already defined');
    const { roleId, name, purpose, responsibilities, referenceRoleKey } = command;
    return [{ type: 'RoleDefined', data: { roleId, name, purpose, responsibilities, referenceRoleKey } }];
  }
  if (state.status === 'Unknown') throw new NotFound('role', 'roleId');
  if (command.effectiveAt < state.definedAt) {
    throw new RuleViolation('EFFECTIVE_BEFORE_DEFINITION', 'effectiveAt must not precede the role definition', 'effectiveAt');
  }
  switch (command.type) {
    case 'ReviseRole': {
      if (state.status === 'Retired') throw new RuleViolation('ROLE_RETIRED', 'a retired role cannot be revised', 'roleId');
      const data: RoleRevised['data'] = { roleId: state.id };
      if (command.name !== undefined && command.name !== state.name) data.name = command.name;
      if (command.purpose !== undefined && command.purpose !== state.purpose) data.purpose = command.purpose;
      if (command.responsibilities !== undefined && !sameList(command.responsibilities, state.responsibilities)) {
        data.responsibilities = command.responsibilities;
      }
      if (command.referenceRoleKey !== undefined && command.referenceRoleKey !== state.referenceRoleKey) data.referenceRoleKey = command.referenceRoleKey;
      return Object.keys(data).length > 1 ? [{ type: 'RoleRevised', data }] : [];
    }
    case 'RetireRole':
      if (state.status === 'Retired') return [];
      if (command.activeAssignments > 0) {
        throw new RuleViolation('ROLE_STILL_ASSIGNED', 'end the role assignments before retiring the role', 'roleId');
      }
      return [{ type: 'RoleRetired', data: { roleId: state.id } }];
    default:
      return assertNever(command);
  }
};

export const roleDecider: Decider<RoleCommand, RoleEvent, Role> = { initialState, evolve, decide };
