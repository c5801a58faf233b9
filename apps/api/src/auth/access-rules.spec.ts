import { buildSchema, isObjectType } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCESS_RULES, ARGUMENT_RULES, grantedTo, ruleOf } from './access-rules';

// the committed schema is the served one (test/schema.e2e-spec.ts keeps them equal)
const schema = buildSchema(readFileSync(join(__dirname, '..', '..', '..', '..', 'schema.graphql'), 'utf8'));
const objectTypes = Object.values(schema.getTypeMap()).filter((t) => isObjectType(t) && !t.name.startsWith('__'));
const coordinates = objectTypes.flatMap((type) => (isObjectType(type) ? Object.keys(type.getFields()).map((field) => [type.name, field] as const) : []));

describe('access rules', () => {
  it('give every field of the schema a rule', () => {
    expect(coordinates.filter(([type, field]) => !ruleOf(ACCESS_RULES, type, field)).map(([type, field]) => `${type}.${field}`)).toEqual([]);
  });

  it('name no field or type the schema does not have', () => {
    const known = new Set(coordinates.flatMap(([type, field]) => [`${type}.${field}`, `${type}.*`]));
    expect(Object.keys(ACCESS_RULES).filter((coordinate) => !known.has(coordinate))).toEqual([]);
  });

  it('give every root field its own rule, not one inherited from its type', () => {
    const roots = coordinates.filter(([type]) => ['Query', 'Mutation', 'Subscription'].includes(type));
    expect(roots.filter(([type, field]) => !ACCESS_RULES[`${type}.${field}`]).map(([type, field]) => `${type}.${field}`)).toEqual([]);
  });

  it('guard the recorded-time axis wherever it is an argument', () => {
    const withKnownAt = coordinates.filter(([type, field]) => {
      const object = schema.getType(type);
      return isObjectType(object) && object.getFields()[field]!.args.some((arg) => arg.name === 'knownAt');
    });
    expect(withKnownAt.length).toBeGreaterThan(0);
    expect(ARGUMENT_RULES['knownAt']).toBe('auditor');
  });

  it('describe each role by what its rules grant it beyond the role below, root fields by root', () => {
    expect(grantedTo('admin')).toContain('mutation publishReferenceModel, replayWebhookDelivery, startHrisSync, erasePersonalData, createApiKey, revokeApiKey');
    expect(grantedTo('admin')).toContain('query apiKeys');
    const auditor = grantedTo('auditor');
    expect(auditor.find((line) => line.startsWith('query '))).toContain('hrisSyncRuns');
    expect(auditor).toEqual(expect.arrayContaining(['subscription orgChanged, driftFindingChanged', 'Person.email', 'the knownAt argument']));
    expect(grantedTo('integration')).toEqual([]);
  });
});
