// Checks that a model's citations stand in the texts they cite. The texts (the seed files) live
// outside the repository, so the check takes them through a port: the runtime loads them when it
// has them; without them only the built-in model's citations, checked against the texts by a unit
// test, are taken as verified.
import { defaultReferenceModel } from './default-model';
import type { Citation } from './schema';

/** The source texts Rolebook knows. */
export interface SourceTexts {
  /** Whether the passage stands in the source (whitespace normalised), or 'unknown-source' when the source is not one of them. */
  passageFound(source: string, passage: string): boolean | 'unknown-source';
}

/** Runs of whitespace (line breaks of a hand-wrapped passage included) as one space, none at either end. */
export const normaliseWhitespace = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Source texts held in memory, by source name (the seed file's name). */
export const sourceTexts = (texts: Readonly<Record<string, string>>): SourceTexts => {
  const normalised = new Map(Object.entries(texts).map(([source, text]) => [source, normaliseWhitespace(text)]));
  return {
    passageFound: (source, passage) => {
      const text = normalised.get(source);
      return text === undefined ? 'unknown-source' : text.includes(normaliseWhitespace(passage));
    },
  };
};

/** Every citation in a model (or any part of one), with its path from the model's root. */
export const citationsOf = (value: unknown, path: (string | number)[] = []): { path: (string | number)[]; cite: Citation }[] => {
  if (Array.isArray(value)) return value.flatMap((v, i) => citationsOf(v, [...path, i]));
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o['source'] === 'string' && typeof o['passage'] === 'string') return [{ path, cite: { source: o['source'], passage: o['passage'] } }];
    return Object.entries(o).flatMap(([key, v]) => citationsOf(v, [...path, key]));
  }
  return [];
};

const citationKey = (source: string, passage: string) => `${source}\n${normaliseWhitespace(passage)}`;
const builtIn = new Set(citationsOf(defaultReferenceModel).map(({ cite }) => citationKey(cite.source, cite.passage)));

/** Without the texts: the built-in model's citations are found (the unit test checks them against
 * the texts); any other citation cannot be checked, as if its source were unknown. */
export const builtInCitations: SourceTexts = {
  passageFound: (source, passage) => builtIn.has(citationKey(source, passage)) || 'unknown-source',
};

export type CitationProblem = 'CITATION_NOT_FOUND' | 'UNVERIFIABLE_CITATION';

/** The first citation of a model that the texts do not bear out, with its path and why; null when all do. */
export const unsupportedCitation = (model: unknown, texts: SourceTexts): { path: (string | number)[]; cite: Citation; problem: CitationProblem } | null => {
  for (const { path, cite } of citationsOf(model)) {
    const found = texts.passageFound(cite.source, cite.passage);
    if (found === true) continue;
    return { path, cite, problem: found === false ? 'CITATION_NOT_FOUND' : 'UNVERIFIABLE_CITATION' };
  }
  return null;
};
