import { buildSchema, isObjectType, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPERATION_LIMITS } from './operation-limits';
import { rootFieldOccurrences } from './rate-limit.plugin';

// the committed schema is the served one (test/schema.e2e-spec.ts keeps them equal)
const schema = buildSchema(readFileSync(join(__dirname, '..', '..', '..', '..', 'schema.graphql'), 'utf8'));

describe('operation limits', () => {
  it('name only root fields the schema has', () => {
    const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) =>
      type && isObjectType(type) ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`) : [],
    );
    expect(Object.keys(OPERATION_LIMITS).filter((coordinate) => !roots.includes(coordinate))).toEqual([]);
  });

  it('cover the expensive operations of issue 13', () =>
    expect(Object.keys(OPERATION_LIMITS).sort()).toEqual(
      [
        'Mutation.createApiKey',
        'Mutation.erasePersonalData',
        'Mutation.publishReferenceModel',
        'Mutation.replayWebhookDelivery',
        'Mutation.runDriftCheck',
        'Query.orgDiff',
      ].sort(),
    ));
});

describe('rootFieldOccurrences', () => {
  const occurrences = (source: string) => {
    const document = parse(source);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    return Object.fromEntries(rootFieldOccurrences(document, operation, 'Mutation'));
  };

  it('counts every alias of a field', () =>
    expect(occurrences('mutation { a: runDriftCheck { id } b: runDriftCheck { id } defineRole(input: {}) { changed } }')).toEqual({
      'Mutation.runDriftCheck': 2,
      'Mutation.defineRole': 1,
    }));

  it('counts fields reached through named and inline fragments', () =>
    expect(
      occurrences('mutation { ...F ... on Mutation { runDriftCheck { id } } } fragment F on Mutation { runDriftCheck { id } x: runDriftCheck { id } }'),
    ).toEqual({
      'Mutation.runDriftCheck': 3,
    }));
});
