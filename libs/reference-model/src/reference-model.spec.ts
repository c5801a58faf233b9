import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultReferenceModel as model } from './default-model';
import { matches, referenceRoleOf, roleForTitle } from './matching';
import { referenceModelSchema, type Citation } from './schema';

const SEEDS = join(__dirname, '../../../../shared/seeds');

const citations = (value: unknown): Citation[] => {
  if (Array.isArray(value)) return value.flatMap(citations);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o['source'] === 'string' && typeof o['passage'] === 'string') return [o as unknown as Citation];
    return Object.values(o).flatMap(citations);
  }
  return [];
};

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

  it('cites, for every entry, a passage that stands verbatim in the seed file it names', () => {
    expect(existsSync(SEEDS)).toBe(true);
    const seeds = Object.fromEntries(readdirSync(SEEDS).map((f) => [f, readFileSync(join(SEEDS, f), 'utf8')]));
    const all = citations(model);
    expect(all.length).toBeGreaterThan(60);
    const missing = all.filter((c) => !seeds[c.source]?.includes(c.passage));
    expect(missing).toEqual([]);
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
