import { assertNever, type Decider, type Effective } from '../shared/decider';
import { Conflict, NotFound, RuleViolation } from '../shared/errors';
import type { Instant } from '../shared/time';
import type { TeamCommand } from './team.commands';
import type { TeamEvent, TeamUpdated } from './team.events';

export interface TeamData {
  id: string;
  name: string;
  parentTeamId: string | null;
  memberIds: string[];
  createdAt: Instant;
}

export type Team = { status: 'Unknown' } | ({ status: 'Active' } & TeamData);

export const initialState = (): Team => ({ status: 'Unknown' });

export const evolve = (state: Team, event: Effective<TeamEvent>): Team => {
  if (event.type === 'TeamCreated') {
    const { teamId, name, parentTeamId } = event.data;
    return { status: 'Active', id: teamId, name, parentTeamId, memberIds: [], createdAt: event.effectiveAt };
  }
  if (state.status === 'Unknown') return state;
  switch (event.type) {
    case 'TeamUpdated': {
      const { teamId: _teamId, ...rest } = event.data;
      return { ...state, ...rest };
    }
    case 'TeamMemberAdded':
      return state.memberIds.includes(event.data.personId) ? state : { ...state, memberIds: [...state.memberIds, event.data.personId] };
    case 'TeamMemberRemoved':
      return { ...state, memberIds: state.memberIds.filter((id) => id !== event.data.personId) };
    default:
      return assertNever(event);
  }
};

const checkParent = (teamId: string, parentTeamId: string | null, parentLine: string[] | null): void => {
  if (parentTeamId === null) return;
  if (parentTeamId === teamId) throw new RuleViolation('TEAM_CYCLE', 'a team cannot be its own parent', 'parentTeamId');
  if (parentLine === null) throw new NotFound('parent team', 'parentTeamId');
  if (parentLine.includes(teamId)) throw new RuleViolation('TEAM_CYCLE', 'the parent team is already below this team', 'parentTeamId');
};

export const decide = (command: TeamCommand, state: Team): TeamEvent[] => {
  if (command.type === 'CreateTeam') {
    if (state.status !== 'Unknown') throw new Conflict('TEAM_ALREADY_EXISTS', 'team already exists');
    checkParent(command.teamId, command.parentTeamId, command.parentLine);
    const { teamId, name, parentTeamId } = command;
    return [{ type: 'TeamCreated', data: { teamId, name, parentTeamId } }];
  }
  if (state.status === 'Unknown') throw new NotFound('team', 'teamId');
  if (command.effectiveAt < state.createdAt) {
    throw new RuleViolation('EFFECTIVE_BEFORE_CREATION', 'effectiveAt must not precede the team creation', 'effectiveAt');
  }
  switch (command.type) {
    case 'UpdateTeam': {
      const data: TeamUpdated['data'] = { teamId: state.id };
      if (command.name !== undefined && command.name !== state.name) data.name = command.name;
      if (command.parentTeamId !== undefined && command.parentTeamId !== state.parentTeamId) {
        checkParent(state.id, command.parentTeamId, command.parentLine);
        data.parentTeamId = command.parentTeamId;
      }
      return Object.keys(data).length > 1 ? [{ type: 'TeamUpdated', data }] : [];
    }
    case 'AddTeamMember':
      if (command.personStatus === 'Unknown') throw new NotFound('person', 'personId');
      if (command.personStatus === 'Future') throw new RuleViolation('PERSON_NOT_IN_EFFECT', 'the person is not registered yet at effectiveAt', 'personId');
      if (command.personStatus === 'Terminated') throw new RuleViolation('PERSON_TERMINATED', 'the person is terminated', 'personId');
      if (state.memberIds.includes(command.personId)) return [];
      return [{ type: 'TeamMemberAdded', data: { teamId: state.id, personId: command.personId } }];
    case 'RemoveTeamMember':
      if (!state.memberIds.includes(command.personId)) throw new NotFound('team member', 'personId');
      return [{ type: 'TeamMemberRemoved', data: { teamId: state.id, personId: command.personId } }];
    default:
      return assertNever(command);
  }
};

export const teamDecider: Decider<TeamCommand, TeamEvent, Team> = { initialState, evolve, decide };
