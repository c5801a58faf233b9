import { z } from 'zod';
import { id, instant, name, responsibilities, text } from '../shared/validation';

const base = { roleId: id, effectiveAt: instant };

export const defineRoleSchema = z.object({
  type: z.literal('DefineRole'),
  ...base,
  name,
  purpose: text(2000),
  responsibilities: responsibilities.default([]),
});

export const reviseRoleSchema = z
  .object({
    type: z.literal('ReviseRole'),
    ...base,
    name: name.optional(),
    purpose: text(2000).optional(),
    responsibilities: responsibilities.optional(),
  })
  .refine((c) => c.name !== undefined || c.purpose !== undefined || c.responsibilities !== undefined, {
    error: 'must change at least one of name, purpose, responsibilities',
  });

export const retireRoleSchema = z.object({ type: z.literal('RetireRole'), ...base });

export type DefineRole = z.output<typeof defineRoleSchema>;
export type ReviseRole = z.output<typeof reviseRoleSchema>;
export type RetireRole = z.output<typeof retireRoleSchema> & {
  /** Context the application looks up: assignments of this role open at or after effectiveAt. */
  activeAssignments: number;
};
export type RoleCommand = DefineRole | ReviseRole | RetireRole;
