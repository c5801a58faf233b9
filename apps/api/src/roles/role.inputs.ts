import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import type { DefineRoleFields, RetireRoleFields, ReviseRoleFields } from '@rolebook/application';
import { isoInstant, MutationInput } from '../graphql/mutation.input';
import { PageArgs } from '../graphql/pagination';
import { WithTemporal } from '../graphql/temporal.args';
import { RoleStatus } from './role.type';

@InputType()
export class DefineRoleInput extends MutationInput {
  @Field(() => ID, { nullable: true, description: 'A UUID; generated (from idempotencyKey when given) if absent.' })
  id?: string | null;

  @Field()
  name!: string;

  @Field()
  purpose!: string;

  @Field(() => [String], { nullable: true })
  responsibilities?: string[] | null;

  @Field(() => String, { nullable: true, description: 'The reference role this role corresponds to (e.g. product-manager); absent: matched by name.' })
  referenceRoleKey?: string | null;
}

@InputType()
export class ReviseRoleInput extends MutationInput {
  @Field(() => ID)
  roleId!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  purpose?: string | null;

  @Field(() => [String], { nullable: true })
  responsibilities?: string[] | null;

  @Field(() => String, { nullable: true, description: 'null: match by name again.' })
  referenceRoleKey?: string | null;
}

@InputType()
export class RetireRoleInput extends MutationInput {
  @Field(() => ID)
  roleId!: string;
}

export const defineRoleFields = (i: DefineRoleInput): DefineRoleFields => ({
  id: i.id,
  name: i.name,
  purpose: i.purpose,
  responsibilities: i.responsibilities,
  referenceRoleKey: i.referenceRoleKey,
  effectiveAt: isoInstant(i.effectiveAt),
});

export const reviseRoleFields = (i: ReviseRoleInput): ReviseRoleFields => ({
  roleId: i.roleId,
  name: i.name,
  purpose: i.purpose,
  responsibilities: i.responsibilities,
  referenceRoleKey: i.referenceRoleKey,
  effectiveAt: isoInstant(i.effectiveAt),
});

export const retireRoleFields = (i: RetireRoleInput): RetireRoleFields => ({ roleId: i.roleId, effectiveAt: isoInstant(i.effectiveAt) });

@InputType()
export class RoleFilterInput {
  @Field(() => RoleStatus, { nullable: true })
  status?: RoleStatus | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the name.' })
  nameContains?: string | null;
}

/** A page of the list, read at the instant of the object it hangs from. */
@ArgsType()
export class RolesListArgs extends PageArgs {
  @Field(() => RoleFilterInput, { nullable: true })
  filter?: RoleFilterInput | null;
}

@ArgsType()
export class RolesArgs extends WithTemporal(RolesListArgs) {}
