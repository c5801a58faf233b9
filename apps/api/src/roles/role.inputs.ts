import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import type { DefineRoleFields, RetireRoleFields, ReviseRoleFields } from '@rolebook/application';
import { isoInstant, MutationInput } from '../graphql/mutation.input';
import { PageArgs } from '../graphql/pagination';
import { WithTemporal } from '../graphql/temporal.args';
import { RoleStatus } from './role.type';

@InputType({ description: 'A new role: its name, purpose and responsibilities, in effect from effectiveAt.' })
export class DefineRoleInput extends MutationInput {
  @Field(() => ID, { nullable: true, description: 'A UUID; generated (from idempotencyKey when given) if absent.' })
  id?: string | null;

  @Field({ description: "The role's name (trimmed, NFC-normalised; not empty)." })
  name!: string;

  @Field({ description: 'Why the role exists (not empty).' })
  purpose!: string;

  @Field(() => [String], { nullable: true, description: 'What the role is accountable for, one item per entry (default: none).' })
  responsibilities?: string[] | null;

  @Field(() => String, { nullable: true, description: 'The reference role this role corresponds to (e.g. product-manager); absent: matched by name.' })
  referenceRoleKey?: string | null;
}

@InputType({ description: "A change to a role's definition from effectiveAt on; fields left out keep their value." })
export class ReviseRoleInput extends MutationInput {
  @Field(() => ID, { description: 'The role to revise (a UUID).' })
  roleId!: string;

  @Field(() => String, { nullable: true, description: 'The new name; absent: unchanged.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'The new purpose; absent: unchanged.' })
  purpose?: string | null;

  @Field(() => [String], { nullable: true, description: 'The whole new list of responsibilities (it replaces the old one); absent: unchanged.' })
  responsibilities?: string[] | null;

  @Field(() => String, { nullable: true, description: 'The reference role it now corresponds to; absent: unchanged; null: match by name again.' })
  referenceRoleKey?: string | null;
}

@InputType({ description: 'Retires a role from effectiveAt on; refused while someone still holds it.' })
export class RetireRoleInput extends MutationInput {
  @Field(() => ID, { description: 'The role to retire (a UUID).' })
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

@InputType({ description: 'Narrows a list of roles; every field given must match.' })
export class RoleFilterInput {
  @Field(() => RoleStatus, { nullable: true, description: 'Only roles with this status at the instant read (default: both).' })
  status?: RoleStatus | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the name.' })
  nameContains?: string | null;
}

/** A page of the list, read at the instant of the object it hangs from. */
@ArgsType()
export class RolesListArgs extends PageArgs {
  @Field(() => RoleFilterInput, { nullable: true, description: 'Which roles to list (default: all).' })
  filter?: RoleFilterInput | null;
}

@ArgsType()
export class RolesArgs extends WithTemporal(RolesListArgs) {}
