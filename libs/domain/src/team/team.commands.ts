import { z } from 'zod';
import { id, instant, name } from '../shared/validation';
import type { Status } from '../person/person.commands';

const base = { teamId: id, effectiveAt: instant };

export const createTeamSchema = z.object({
  type: z.literal('CreateTeam'),
  ...base,
  name,
  parentTeamId: id.nullish().transform((v) => v ?? null),
});

export const updateTeamSchema = z
  .object({
    type: z.literal('UpdateTeam'),
    ...base,
    name: name.optional(),
    /** null detaches the team from its parent; absent leaves it as it is. */
    parentTeamId: id.nullable().optional(),
  })
  .refine((c) => c.name !== undefined || c.parentTeamId !== undefined, { error: 'must change at least one of name, parentTeamId' });

export const addTeamMemberSchema = z.object({ type: z.literal('AddTeamMember'), ...base, personId: id });
export const removeTeamMemberSchema = z.object({ type: z.literal('RemoveTeamMember'), ...base, personId: id });

/** The proposed parent team's line upwards (parent first); null when it does not exist. */
type ParentContext = { parentLine: string[] | null };

export type CreateTeam = z.output<typeof createTeamSchema> & ParentContext;
export type UpdateTeam = z.output<typeof updateTeamSchema> & ParentContext;
export type AddTeamMember = z.output<typeof addTeamMemberSchema> & { personStatus: Status };
export type RemoveTeamMember = z.output<typeof removeTeamMemberSchema>;

export type TeamCommand = CreateTeam | UpdateTeam | AddTeamMember | RemoveTeamMember;
