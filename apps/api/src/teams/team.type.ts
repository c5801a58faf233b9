import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { At, TeamView, Versioned } from '@rolebook/projections';
import { ConnectionType } from '../graphql/pagination';
import { DateTime } from '../graphql/scalars';

@ObjectType('Team')
export class TeamType {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => ID, { nullable: true })
  parentTeamId!: string | null;

  @Field(() => [ID])
  memberIds!: string[];

  @Field(() => DateTime)
  createdAt!: string;

  @Field(() => Int, { description: 'Number of changes recorded for the team (as known at knownAt).' })
  version!: number;

  at!: At;
}

@ObjectType()
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
