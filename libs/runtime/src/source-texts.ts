// The seed texts reference-model citations are checked against, read from SEEDS_DIR when the
// folder is there. Rolebook runs without it (a container image does not ship the seeds): then
// only citations of the built-in model are accepted (libs/reference-model/src/citations.ts).
import { builtInCitations, sourceTexts, type SourceTexts } from '@rolebook/reference-model';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The texts in `dir` by file name, and how many; the built-in citations when there are none. */
export const loadSourceTexts = (dir: string): { texts: SourceTexts; files: number } => {
  const files = existsSync(dir) && statSync(dir).isDirectory() ? readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile()) : [];
  if (files.length === 0) return { texts: builtInCitations, files: 0 };
  return { texts: sourceTexts(Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, f), 'utf8')]))), files: files.length };
};
