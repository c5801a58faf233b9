import { itWithSeeds, readSeeds } from './testing/seeds';
import { builtInCitations, citationsOf, sourceTexts, unsupportedCitation } from './citations';
import { defaultReferenceModel as model } from './default-model';
import { matches, referenceRoleOf, roleForTitle } from './matching';
import { referenceModelSchema } from './schema';

describe('the built-in reference model', () => {
  it('covers the product roles the sources describe', () =>
    expect(model.roles.map((r) => r.key).sort()).toEqual(
      [
        'associate-product-manager',
        'business-analyst',
        'chief-product-officer',
        'director-of-product',
        'engineering-manager',
        'group-product-manager',
        'growth-product-manager',
        'marketing-manager',
        'platform-product-manager',
        'product-designer',
        'product-developer',
        'product-manager',
        'product-marketing-manager',
        'product-owner',
        'program-manager',
        'project-manager',
        'senior-product-manager',
        'technical-product-manager',
      ].sort(),
    ));

  itWithSeeds('cites, for every entry, a passage that stands verbatim in the seed file it names', () => {
    const seeds = readSeeds();
    const all = citationsOf(model).map(({ cite }) => cite);
    expect(all.length).toBeGreaterThan(60);
    const missing = all.filter((c) => !seeds[c.source]?.includes(c.passage));
    expect(missing).toEqual([]);
    // the check a published model goes through, against the same texts
    expect(unsupportedCitation(model, sourceTexts(seeds))).toBeNull();
  });

  it('gives every role a purpose, responsibilities and a phase or family, and the product ladder its order', () => {
    for (const role of model.roles) expect(role.responsibilities.length).toBeGreaterThan(0);
    const ladder = model.roles.filter((r) => r.ladder !== null).sort((a, b) => a.ladder! - b.ladder!);
    expect(ladder[0]!.key).toBe('associate-product-manager');
    expect(ladder[ladder.length - 1]!.key).toBe('chief-product-officer');
  });

  it('refuses a model with an unknown reporting line or an alias used twice', () => {
    const broken = structuredClone(model);
    broken.roles[0]!.reportsTo = ['nobody'];
    broken.roles[1]!.aliases.push(broken.roles[2]!.aliases[0]!);
    const result = referenceModelSchema.safeParse(broken);
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => i.message).join(' | ');
    expect(messages).toMatch(/unknown role nobody/);
    expect(messages).toMatch(/alias "senior product manager" is already used/);
  });

  const refusal = (broken: unknown) => {
    const result = referenceModelSchema.safeParse(broken);
    expect(result.success).toBe(false);
    return result.error!.issues.map((i) => ({ path: i.path.join('.'), message: i.message, reason: i.code === 'custom' ? i.params?.['reason'] : undefined }));
  };

  it('refuses a role that reports to itself', () => {
    const broken = structuredClone(model);
    const pm = broken.roles[1]!;
    pm.reportsTo.push(pm.key);
    expect(refusal(broken)).toEqual([
      { path: `roles.1.reportsTo.${pm.reportsTo.length - 1}`, message: `role ${broken.roles[1]!.key} reports to itself`, reason: 'SELF_REPORTING_ROLE' },
    ]);
  });

  it('refuses reporting lines that go round in a cycle', () => {
    const broken = structuredClone(model);
    const [a, b, c] = broken.roles;
    [a!.reportsTo, b!.reportsTo, c!.reportsTo] = [[b!.key], [c!.key], [a!.key]];
    expect(refusal(broken)).toEqual([
      {
        path: 'roles.0.reportsTo',
        message: `roles ${a!.key} -> ${b!.key} -> ${c!.key} -> ${a!.key} report to each other in a cycle`,
        reason: 'REPORTING_CYCLE',
      },
    ]);
  });

  it('takes reporting lines that share a top without going round', () => {
    const lines = structuredClone(model);
    const [a, b, c] = lines.roles;
    [a!.reportsTo, b!.reportsTo, c!.reportsTo] = [[b!.key, c!.key], [c!.key], []];
    expect(referenceModelSchema.safeParse(lines).success).toBe(true);
  });
});

describe('citations of a published model', () => {
  const texts = sourceTexts({ 'a.txt': 'The product manager decides\n  what to build,  and why.', 'b.txt': 'Other text.' });

  it('are found in their source whatever the whitespace', () => {
    expect(texts.passageFound('a.txt', 'decides what to build, and why.')).toBe(true);
    expect(texts.passageFound('a.txt', 'decides what\nto   build')).toBe(true);
  });
  it('are not found when the passage is not verbatim in the source it names', () => {
    expect(texts.passageFound('a.txt', 'decides what to sell')).toBe(false);
    expect(texts.passageFound('b.txt', 'decides what to build')).toBe(false);
  });
  it('cannot be checked against a source that is not known', () => expect(texts.passageFound('c.txt', 'Other text.')).toBe('unknown-source'));

  it('without the texts, are verified only when the built-in model cites them', () => {
    const { cite } = model.roles[0]!.purpose;
    expect(builtInCitations.passageFound(cite.source, cite.passage)).toBe(true);
    expect(builtInCitations.passageFound(cite.source, `${cite.passage} and more`)).toBe('unknown-source');
    expect(unsupportedCitation(model, builtInCitations)).toBeNull();
  });

  itWithSeeds('are reported by path: the first one not found, or not checkable', () => {
    const edited = structuredClone(model);
    edited.roles[2]!.responsibilities[0]!.cite.passage = 'a passage no source has';
    expect(unsupportedCitation(edited, sourceTexts(readSeeds()))).toMatchObject({
      path: ['roles', 2, 'responsibilities', 0, 'cite'],
      problem: 'CITATION_NOT_FOUND',
    });
    expect(unsupportedCitation(edited, builtInCitations)).toMatchObject({
      path: ['roles', 2, 'responsibilities', 0, 'cite'],
      problem: 'UNVERIFIABLE_CITATION',
    });
    edited.roles[2]!.responsibilities[0]!.cite.source = 'unknown.txt';
    expect(unsupportedCitation(edited, sourceTexts(readSeeds()))).toMatchObject({ problem: 'UNVERIFIABLE_CITATION' });
  });
});

describe('matching', () => {
  it('maps HRIS job titles through aliases, preferring the longest', () => {
    expect(roleForTitle(model, 'Senior Product Manager, Payments')?.key).toBe('senior-product-manager');
    expect(roleForTitle(model, 'VP Product')?.key).toBe('chief-product-officer');
    expect(roleForTitle(model, 'Growth PM')?.key).toBe('growth-product-manager');
    expect(roleForTitle(model, 'Chef')).toBeNull();
  });
  it('prefers an explicit mapping over the role name', () =>
    expect(referenceRoleOf(model, { name: 'Product Manager', referenceRoleKey: 'product-owner' })?.key).toBe('product-owner'));
  it('matches responsibilities on word stems', () => {
    expect(matches('Decide which campaigns to run', [['campaign']])).toBe(true);
    expect(matches('Tell engineering exactly what to build', [['tell', 'engineering', 'build']])).toBe(true);
    expect(matches('Encampment planning', [['campaign']])).toBe(false);
  });
});
