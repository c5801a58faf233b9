import type { DomainEvent } from '../shared/events';

export type TeamCreated = DomainEvent<'TeamCreated', { teamId: string; name: string; parentTeamId: string | null }>;
export type TeamUpdated = DomainEvent<'TeamUpdated', { teamId: string; name?: string; parentTeamId?: string | null }>;
export type TeamMemberAdded = DomainEvent<'TeamMemberAdded', { teamId: string; personId: string }>;
export type TeamMemberRemoved = DomainEvent<'TeamMemberRemoved', { teamId: string; personId: string }>;

export type TeamEvent = TeamCreated | TeamUpdated | TeamMemberAdded | TeamMemberRemoved;
