import { Conflict, NotFound, RuleViolation } from '../shared/errors';
import { deciderSpec, T0 } from '../testing/given';
import type { Status } from '../person/person.commands';
import type { TeamCommand } from './team.commands';
import { teamDecider } from './team.decider';
import type { TeamEvent } from './team.events';

const given = deciderSpec(teamDecider);
const teamId = '00000000-0000-4000-8000-0000000000d1';
const parent = '00000000-0000-4000-8000-0000000000d2';
const personId = '00000000-0000-4000-8000-0000000000a1';
const feb = '2026-02-01T00:00:00.000Z';
const created: TeamEvent = { type: 'TeamCreated', data: { teamId, name: 'Growth', parentTeamId: null } };
const create = (parentTeamId: string | null, parentLine: string[] | null): TeamCommand => ({
  type: 'CreateTeam',
  teamId,
  effectiveAt: T0,
  name: 'Growth',
  parentTeamId,
  parentLine,
});
const reparent = (parentTeamId: string | null, parentLine: string[] | null): TeamCommand => ({
  type: 'UpdateTeam',
  teamId,
  effectiveAt: feb,
  parentTeamId,
  parentLine,
});
const add = (personStatus: Status): TeamCommand => ({ type: 'AddTeamMember', teamId, effectiveAt: feb, personId, personStatus });
const memberAdded: TeamEvent = { type: 'TeamMemberAdded', data: { teamId, personId } };

describe('Team', () => {
  it('is created', () => given([]).when(create(null, null)).then([created]));
  it('is created under an existing parent', () =>
    given([])
      .when(create(parent, [parent]))
      .then([{ type: 'TeamCreated', data: { teamId, name: 'Growth', parentTeamId: parent } }]));
  it('cannot be created twice', () => given([created]).when(create(null, null)).thenThrows(Conflict, 'TEAM_ALREADY_EXISTS'));
  it('needs an existing parent', () => given([]).when(create(parent, null)).thenThrows(NotFound, 'PARENT_TEAM_NOT_FOUND'));
  it('cannot be its own parent', () =>
    given([created])
      .when(reparent(teamId, [teamId]))
      .thenThrows(RuleViolation, 'TEAM_CYCLE'));
  it('cannot move below its own descendant', () =>
    given([created])
      .when(reparent(parent, [parent, teamId]))
      .thenThrows(RuleViolation, 'TEAM_CYCLE'));
  it('can be detached from its parent', () =>
    given([{ type: 'TeamCreated', data: { teamId, name: 'Growth', parentTeamId: parent } }])
      .when(reparent(null, null))
      .then([{ type: 'TeamUpdated', data: { teamId, parentTeamId: null } }]));
  it('renaming to the same name records nothing', () =>
    given([created]).when({ type: 'UpdateTeam', teamId, effectiveAt: feb, name: 'Growth', parentLine: null }).then([]));
  it('adds an active person', () => given([created]).when(add('Active')).then([memberAdded]));
  it('adding a member twice records nothing', () => given([created, memberAdded]).when(add('Active')).then([]));
  it('cannot add an unknown person', () => given([created]).when(add('Unknown')).thenThrows(NotFound, 'PERSON_NOT_FOUND'));
  it('cannot add a person before they are registered', () => given([created]).when(add('Future')).thenThrows(RuleViolation, 'PERSON_NOT_IN_EFFECT'));
  it('cannot add a terminated person', () => given([created]).when(add('Terminated')).thenThrows(RuleViolation, 'PERSON_TERMINATED'));
  it('removes a member', () =>
    given([created, memberAdded])
      .when({ type: 'RemoveTeamMember', teamId, effectiveAt: feb, personId })
      .then([{ type: 'TeamMemberRemoved', data: { teamId, personId } }]));
  it('cannot remove a non-member', () =>
    given([created]).when({ type: 'RemoveTeamMember', teamId, effectiveAt: feb, personId }).thenThrows(NotFound, 'TEAM_MEMBER_NOT_FOUND'));
  it('cannot change an unknown team', () => given([]).when(add('Active')).thenThrows(NotFound, 'TEAM_NOT_FOUND'));
});
