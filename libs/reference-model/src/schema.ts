// The schema of a reference model: roles, their responsibilities and practices, the phase each
// serves, the ladder, expected reporting lines and spans, HRIS title aliases, and the parameters
// of the drift rules. Every entry cites the source passage it rests on.
import { z } from 'zod';

export const citationSchema = z.object({
  source: z.string().min(1).max(200),
  passage: z.string().min(1).max(2000),
});

/** Alternatives of word stems: an alternative matches a text when every stem starts a word in it. */
const matchSchema = z
  .array(z.array(z.string().min(1).max(60)).min(1).max(10))
  .min(1)
  .max(20);

export const responsibilitySchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  text: z.string().min(1).max(300),
  core: z.boolean(),
  match: matchSchema,
  cite: citationSchema,
});

export const practiceSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  kind: z.enum(['must', 'mustNot']),
  text: z.string().min(1).max(300),
  match: matchSchema,
  cite: citationSchema,
});

export const phaseSchema = z.enum(['strategy', 'planning', 'growth']);

export const referenceRoleSchema = z.object({
  key: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1).max(200),
  family: z.enum(['product', 'design', 'engineering', 'marketing', 'delivery', 'analysis']),
  phase: phaseSchema.nullable(),
  /** Level on the product management ladder (1 = associate), or null when off the ladder. */
  ladder: z.number().int().min(1).max(20).nullable(),
  individualContributor: z.boolean(),
  /** Direct reports expected of a holder; null when the sources say nothing. */
  span: z
    .object({ min: z.number().int().min(0), max: z.number().int().min(1) })
    .refine((s) => s.min <= s.max, 'span.min must not exceed span.max')
    .nullable(),
  reportsTo: z.array(z.string()),
  aliases: z.array(z.string().min(1).max(200)).min(1),
  purpose: z.object({ text: z.string().min(1).max(2000), cite: citationSchema }),
  responsibilities: z.array(responsibilitySchema),
  practices: z.array(practiceSchema),
  cite: z.array(citationSchema).min(1),
});

const cited = <T extends z.ZodRawShape>(shape: T) => z.object({ ...shape, cite: citationSchema });

export const referenceModelSchema = z
  .object({
    name: z.string().min(1).max(200),
    version: z.number().int().min(1),
    roles: z.array(referenceRoleSchema).min(1).max(200),
    rules: z.object({
      smallProductOrg: cited({ maxProductPeople: z.number().int().min(1) }),
      pmAndPoInSmallOrg: cited({}),
      phaseCoverage: cited({ minProductPeople: z.number().int().min(1), phases: z.array(phaseSchema).min(1) }),
      definitionOverlap: cited({ threshold: z.number().min(0).max(1) }),
      maxRolesPerPerson: cited({ max: z.number().int().min(1) }),
      singleAccountability: cited({}),
      vacantRole: cited({}),
      reportingLine: cited({}),
      individualContributor: cited({}),
      spanOfControl: cited({ note: z.string().optional() }),
    }),
  })
  .superRefine((model, ctx) => {
    const keys = new Set<string>();
    const aliases = new Map<string, string>();
    model.roles.forEach((role, i) => {
      if (keys.has(role.key)) ctx.addIssue({ code: 'custom', path: ['roles', i, 'key'], message: `duplicate role key ${role.key}` });
      keys.add(role.key);
      role.aliases.forEach((alias, j) => {
        const owner = aliases.get(alias.toLowerCase());
        if (owner) ctx.addIssue({ code: 'custom', path: ['roles', i, 'aliases', j], message: `alias "${alias}" is already used by ${owner}` });
        aliases.set(alias.toLowerCase(), role.key);
      });
    });
    model.roles.forEach((role, i) =>
      role.reportsTo.forEach((key, j) => {
        if (!keys.has(key)) ctx.addIssue({ code: 'custom', path: ['roles', i, 'reportsTo', j], message: `unknown role ${key}` });
        if (key === role.key) {
          ctx.addIssue({
            code: 'custom',
            path: ['roles', i, 'reportsTo', j],
            message: `role ${key} reports to itself`,
            params: { reason: 'SELF_REPORTING_ROLE' },
          });
        }
      }),
    );
    // a reporting line must end at a top: the reporting-line rule walks it upwards
    const cycle = reportingCycle(model.roles);
    if (cycle) {
      const i = model.roles.findIndex((r) => r.key === cycle[0]);
      ctx.addIssue({
        code: 'custom',
        path: ['roles', i, 'reportsTo'],
        message: `roles ${cycle.join(' -> ')} report to each other in a cycle`,
        params: { reason: 'REPORTING_CYCLE' },
      });
    }
  });

/** The keys of one cycle of reporting lines among the roles (first key repeated at the end), or
 * null; a role reporting to itself and lines to unknown roles are refused on their own. */
export const reportingCycle = (roles: readonly { key: string; reportsTo: readonly string[] }[]): string[] | null => {
  const lines = new Map(roles.map((r) => [r.key, r.reportsTo.filter((k) => k !== r.key)]));
  const done = new Set<string>();
  const walk = (key: string, path: string[]): string[] | null => {
    const at = path.indexOf(key);
    if (at >= 0) return [...path.slice(at), key];
    if (done.has(key)) return null;
    for (const next of lines.get(key) ?? []) {
      const cycle = walk(next, [...path, key]);
      if (cycle) return cycle;
    }
    done.add(key);
    return null;
  };
  for (const { key } of roles) {
    const cycle = walk(key, []);
    if (cycle) return cycle;
  }
  return null;
};

export type Citation = z.output<typeof citationSchema>;
export type ReferenceResponsibility = z.output<typeof responsibilitySchema>;
export type ReferencePractice = z.output<typeof practiceSchema>;
export type ReferenceRole = z.output<typeof referenceRoleSchema>;
export type ReferenceModel = z.output<typeof referenceModelSchema>;
export type Phase = z.output<typeof phaseSchema>;
