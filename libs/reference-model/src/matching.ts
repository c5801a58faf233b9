// Matching an org's free text (role names, job titles, responsibilities) to the reference model.
import type { ReferenceModel, ReferenceRole } from './schema';

export const normalize = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9/+-]+/g, ' ')
    .trim();

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** True when some alternative has every stem starting a word of the text. */
export const matches = (text: string, alternatives: string[][]): boolean => {
  const t = normalize(text);
  return alternatives.some((stems) => stems.every((stem) => new RegExp(`(^|[\\s/-])${escape(stem.toLowerCase())}`).test(t)));
};

/** The reference role a job title names: an exact alias, else the longest alias it contains. */
export const roleForTitle = (model: ReferenceModel, title: string | null | undefined): ReferenceRole | null => {
  if (!title) return null;
  const t = ` ${normalize(title)} `;
  let best: { role: ReferenceRole; length: number } | null = null;
  for (const role of model.roles) {
    for (const alias of role.aliases) {
      const a = normalize(alias);
      if (t.includes(` ${a} `) && (!best || a.length > best.length)) best = { role, length: a.length };
    }
  }
  return best?.role ?? null;
};

export const roleByKey = (model: ReferenceModel, key: string | null | undefined): ReferenceRole | null =>
  (key && model.roles.find((r) => r.key === key)) || null;

/** The reference role an org role corresponds to: its explicit mapping, else what its name says. */
export const referenceRoleOf = (model: ReferenceModel, role: { name: string; referenceRoleKey?: string | null }): ReferenceRole | null =>
  roleByKey(model, role.referenceRoleKey) ?? roleForTitle(model, role.name);
