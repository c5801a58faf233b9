import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { At, RoleView, Versioned } from '@rolebook/projections';
import { ConnectionType } from '../graphql/pagination';
import { DateTime } from '../graphql/scalars';

export enum RoleStatus {
  ACTIVE = 'Active',
  RETIRED = 'Retired',
}
registerEnumType(RoleStatus, {
  name: 'RoleStatus',
  description: 'Whether a role may be held at the instant read.',
  valuesMap: {
    ACTIVE: { description: 'In effect: it may be assigned.' },
    RETIRED: { description: 'Retired: no longer assignable; its past assignments stay in the history.' },
  },
});

@ObjectType('Role', { description: 'A product role of the organization (e.g. Product Manager), as in effect at the asOf instant and as recorded by knownAt.' })
export class RoleType {
  @Field(() => ID, { description: "The role's id (a UUID), stable across revisions." })
  id!: string;

  @Field({ description: 'The role\'s name (e.g. "Product Manager").' })
  name!: string;

  @Field({ description: 'Why the role exists, in a sentence or two.' })
  purpose!: string;

  @Field(() => [String], {
    description: 'What the role is accountable for, one item per entry, in the order given; drift checks compare them with the reference model.',
  })
  responsibilities!: string[];

  @Field(() => RoleStatus, { description: 'Active or retired at the instant read.' })
  status!: RoleStatus;

  @Field(() => String, { nullable: true, description: 'The reference role it is mapped to explicitly; null: matched by name.' })
  referenceRoleKey!: string | null;

  @Field(() => DateTime, { description: 'When the role took effect.' })
  definedAt!: string;

  @Field(() => DateTime, { nullable: true, description: 'When the retirement took effect; null while the role is active.' })
  retiredAt!: string | null;

  @Field(() => Int, { description: 'Number of changes recorded for the role (as known at knownAt).' })
  version!: number;

  /** The instant this role was read at; nested fields read at the same one. */
  at!: At;
}

@ObjectType({ description: 'A page of roles, with the total count.' })
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
