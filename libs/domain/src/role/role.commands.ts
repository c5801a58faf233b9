import { z } from 'zod';
import { id, instant, name, responsibilities, text } from '../shared/validation';

const base = { roleId: id, effectiveAt: instant };
/** The reference role this role corresponds to (a key of the reference model); null: inferred from the name. */
const referenceRoleKey = z.string().regex(/^[a-z0-9-]{1,100}$/, { error: 'must be a reference role key, e.g. product-manager' });

export const defineRoleSchema = z.object({
  type: z.literal('DefineRole'),
  ...base,
  name,
  purpose: text(2000),
  responsibilities: responsibilities.default([]),
  referenceRoleKey: referenceRoleKey.nullish().transform((v) => v ?? null),
});

export const reviseRoleSchema = z
  .object({
    type: z.literal('ReviseRole'),
    ...base,
    name: name.optional(),
    purpose: text(2000).optional(),
    responsibilities: responsibilities.optional(),
    referenceRoleKey: referenceRoleKey.nullable().optional(),
  })
  .refine((c) => c.name !== undefined || c.purpose !== undefined || c.responsibilities !== undefined || c.referenceRoleKey !== undefined, {
    error: 'must change at least one of name, purpose, responsibilities, referenceRoleKey',
  });

export const retireRoleSchema = z.object({ type: z.literal('RetireRole'), ...base });

export type DefineRole = z.output<typeof defineRoleSchema>;
export type ReviseRole = z.output<typeof reviseRoleSchema>;
export type RetireRole = z.output<typeof retireRoleSchema> & {
  /** Context the application looks up: assignments of this role open at or after effectiveAt. */
  activeAssignments: number;
};
export type RoleCommand = DefineRole | ReviseRole | RetireRole;
