// Limits on what one GraphQL document may ask (GraphQL Armor): depth, cost, aliases, directives
// and tokens, and no field suggestions in errors. Applied over HTTP by Apollo and over
// graphql-ws by validating each subscription with the same rules.
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Config } from '@rolebook/config';
import { specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';

export const graphqlLimits = (config: Config) =>
  new ApolloArmor({
    maxDepth: { n: config.GRAPHQL_MAX_DEPTH },
    costLimit: { maxCost: config.GRAPHQL_MAX_COST },
    maxAliases: { n: 15 },
    blockFieldSuggestion: { enabled: true },
  }).protect();

/** graphql-ws `validate`: the standard rules and the limits. */
export const validateWithLimits = (limits: ReturnType<typeof graphqlLimits>) => (schema: GraphQLSchema, document: DocumentNode) =>
  validate(schema, document, [...specifiedRules, ...limits.validationRules]);
