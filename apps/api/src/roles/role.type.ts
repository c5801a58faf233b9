import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { At, RoleView, Versioned } from '@rolebook/projections';
import { ConnectionType } from '../graphql/pagination';
import { DateTime } from '../graphql/scalars';

export enum RoleStatus {
  ACTIVE = 'Active',
  RETIRED = 'Retired',
}
registerEnumType(RoleStatus, { name: 'RoleStatus' });

@ObjectType('Role')
export class RoleType {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  purpose!: string;

  @Field(() => [String])
  responsibilities!: string[];

  @Field(() => RoleStatus)
  status!: RoleStatus;

  @Field(() => String, { nullable: true, description: 'The reference role it is mapped to explicitly; null: matched by name.' })
  referenceRoleKey!: string | null;

  @Field(() => DateTime, { description: 'When the role took effect.' })
  definedAt!: string;

  @Field(() => DateTime, { nullable: true })
  retiredAt!: string | null;

  @Field(() => Int, { description: 'Number of changes recorded for the role (as known at knownAt).' })
  version!: number;

  /** The instant this role was read at; nested fields read at the same one. */
  at!: At;
}

@ObjectType()
export class RoleConnection extends ConnectionType(RoleType, 'Role') {}

export const toRole = ({ state, version }: Versioned<RoleView>, at: At): RoleType => ({
  id: state.id,
  name: state.name,
  purpose: state.purpose,
  responsibilities: state.responsibilities,
  referenceRoleKey: state.referenceRoleKey ?? null,
  status: state.status as RoleStatus,
  definedAt: state.definedAt,
  retiredAt: state.status === 'Retired' ? state.retiredAt : null,
  version,
  at,
});
