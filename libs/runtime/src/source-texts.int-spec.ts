import { builtInCitations, defaultReferenceModel } from '@rolebook/reference-model';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSourceTexts } from './source-texts';

describe('the source texts of SEEDS_DIR', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rolebook-seeds-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are read by file name', () => {
    writeFileSync(join(dir, '000_a.txt'), 'Product managers\ndiscover what to build.');
    const { texts, files } = loadSourceTexts(dir);
    expect(files).toBe(1);
    expect([
      texts.passageFound('000_a.txt', 'managers discover what'),
      texts.passageFound('000_a.txt', 'deliver'),
      texts.passageFound('001_b.txt', 'x'),
    ]).toEqual([true, false, 'unknown-source']);
  });

  it('are the built-in citations only when the folder is missing or empty', () => {
    const cite = defaultReferenceModel.rules.vacantRole.cite;
    for (const folder of [join(dir, 'missing'), dir]) {
      const { texts, files } = loadSourceTexts(folder);
      expect(files).toBe(0);
      expect(texts).toBe(builtInCitations);
      expect(texts.passageFound(cite.source, cite.passage)).toBe(true);
    }
  });
});
