import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { At, TeamView, Versioned } from '@rolebook/projections';
import { ConnectionType } from '../graphql/pagination';
import { DateTime } from '../graphql/scalars';

@ObjectType('Team', { description: 'A team of people, possibly inside a parent team, as in effect at the asOf instant and as recorded by knownAt.' })
export class TeamType {
  @Field(() => ID, { description: "The team's id (a UUID)." })
  id!: string;

  @Field({ description: 'The team\'s name (e.g. "Growth").' })
  name!: string;

  @Field(() => ID, { nullable: true, description: 'Id of the team it belongs to; null: a top-level team.' })
  parentTeamId!: string | null;

  @Field(() => [ID], { description: 'Ids of its members at the instant read.' })
  memberIds!: string[];

  @Field(() => DateTime, { description: 'When the team took effect (the effective time of its creation).' })
  createdAt!: string;

  @Field(() => Int, { description: 'Number of changes recorded for the team (as known at knownAt).' })
  version!: number;

  at!: At;
}

@ObjectType({ description: 'A page of teams, with the total count.' })
export class TeamConnection extends ConnectionType(TeamType, 'Team') {}

export const toTeam = ({ state, version }: Versioned<TeamView>, at: At): TeamType => ({
  id: state.id,
  name: state.name,
  parentTeamId: state.parentTeamId,
  memberIds: state.memberIds,
  createdAt: state.createdAt,
  version,
  at,
});
