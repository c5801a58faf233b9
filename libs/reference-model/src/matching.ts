// Matching an org's free text (role names, job titles, responsibilities) to the reference model.
import type { ReferenceModel, ReferenceRole } from './schema';

export const normalize = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9/+-]+/g, ' ')
    .trim();

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// A check matches thousands of titles and duties against the same model: each model's patterns
// are compiled once (kept while the model is), not once per comparison.
const compiledStems = new WeakMap<string[][], RegExp[][]>();
const compile = (alternatives: string[][]): RegExp[][] => {
  let compiled = compiledStems.get(alternatives);
  if (!compiled) {
    compiled = alternatives.map((stems) => stems.map((stem) => new RegExp(`(^|[\\s/-])${escape(stem.toLowerCase())}`)));
    compiledStems.set(alternatives, compiled);
  }
  return compiled;
};

/** True when some alternative has every stem starting a word of the text. */
export const matches = (text: string, alternatives: string[][]): boolean => {
  const t = normalize(text);
  return compile(alternatives).some((stems) => stems.every((stem) => stem.test(t)));
};

interface TitleIndex {
  aliases: { role: ReferenceRole; alias: string }[];
  /** Titles already looked up: an org has far fewer distinct titles than people. */
  byTitle: Map<string, ReferenceRole | null>;
}
const titleIndexes = new WeakMap<ReferenceModel, TitleIndex>();
const titleIndex = (model: ReferenceModel): TitleIndex => {
  let index = titleIndexes.get(model);
  if (!index) {
    index = { aliases: model.roles.flatMap((role) => role.aliases.map((alias) => ({ role, alias: ` ${normalize(alias)} ` }))), byTitle: new Map() };
    titleIndexes.set(model, index);
  }
  return index;
};

/** The reference role a job title names: an exact alias, else the longest alias it contains. */
export const roleForTitle = (model: ReferenceModel, title: string | null | undefined): ReferenceRole | null => {
  if (!title) return null;
  const index = titleIndex(model);
  const known = index.byTitle.get(title);
  if (known !== undefined) return known;
  const t = ` ${normalize(title)} `;
  let best: { role: ReferenceRole; length: number } | null = null;
  for (const { role, alias } of index.aliases) {
    if (t.includes(alias) && (!best || alias.length > best.length)) best = { role, length: alias.length };
  }
  index.byTitle.set(title, best?.role ?? null);
  return best?.role ?? null;
};

export const roleByKey = (model: ReferenceModel, key: string | null | undefined): ReferenceRole | null =>
  (key && model.roles.find((r) => r.key === key)) || null;

/** The reference role an org role corresponds to: its explicit mapping, else what its name says. */
export const referenceRoleOf = (model: ReferenceModel, role: { name: string; referenceRoleKey?: string | null }): ReferenceRole | null =>
  roleByKey(model, role.referenceRoleKey) ?? roleForTitle(model, role.name);
