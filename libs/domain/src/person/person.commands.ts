import { z } from 'zod';
import { allocationPercent, email, id, instant, name, text } from '../shared/validation';

const base = { personId: id, effectiveAt: instant };
const title = text(200);

export const registerPersonSchema = z.object({
  type: z.literal('RegisterPerson'),
  ...base,
  name,
  email: email.nullish().transform((v) => v ?? null),
  title: title.nullish().transform((v) => v ?? null),
});

export const updatePersonSchema = z
  .object({
    type: z.literal('UpdatePerson'),
    ...base,
    name: name.optional(),
    /** null clears the field; absent leaves it as it is. */
    email: email.nullable().optional(),
    title: title.nullable().optional(),
  })
  .refine((c) => c.name !== undefined || c.email !== undefined || c.title !== undefined, {
    error: 'must change at least one of name, email, title',
  });

export const setManagerSchema = z.object({ type: z.literal('SetManager'), ...base, managerId: id.nullable() });

export const assignRoleSchema = z
  .object({
    type: z.literal('AssignRole'),
    ...base,
    assignmentId: id,
    roleId: id,
    allocationPercent,
    /** The assignment starts at effectiveAt and ends at effectiveTo (exclusive), or never. */
    effectiveTo: instant.nullish().transform((v) => v ?? null),
  })
  .refine((c) => c.effectiveTo === null || c.effectiveTo > c.effectiveAt, {
    error: 'must be after effectiveAt',
    path: ['effectiveTo'],
  });

export const endRoleAssignmentSchema = z.object({ type: z.literal('EndRoleAssignment'), ...base, assignmentId: id });

export const terminatePersonSchema = z.object({ type: z.literal('TerminatePerson'), ...base });
/** Erases the person's personal data (name, email, reasons about them); the org structure stays. Its reason is metadata, like every command's. */
export const erasePersonalDataSchema = z.object({ type: z.literal('ErasePersonalData'), ...base });

/** A person or role as another aggregate's decision needs to see it at the command's instant;
 * 'Future' when it exists but only takes effect later. */
export type Status = 'Unknown' | 'Future' | 'Active' | 'Retired' | 'Terminated';

export type RegisterPerson = z.output<typeof registerPersonSchema>;
export type UpdatePerson = z.output<typeof updatePersonSchema>;
export type SetManager = z.output<typeof setManagerSchema> & {
  /** The new manager's status and reporting line upwards (manager first); null when clearing. */
  manager: { status: Status; line: string[] } | null;
};
export type AssignRole = z.output<typeof assignRoleSchema> & { roleStatus: Status };
export type EndRoleAssignment = z.output<typeof endRoleAssignmentSchema>;
export type TerminatePerson = z.output<typeof terminatePersonSchema>;
export type ErasePersonalData = z.output<typeof erasePersonalDataSchema>;

export type PersonCommand = RegisterPerson | UpdatePerson | SetManager | AssignRole | EndRoleAssignment | TerminatePerson | ErasePersonalData;
