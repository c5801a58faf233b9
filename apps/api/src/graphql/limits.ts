// Limits on what one GraphQL document may ask: depth, cost and aliases (GraphQL Armor's
// validation rules), tokens (graphql-js's own parser limit, so an oversized document is a parse
// error, 400 BAD_USER_INPUT, where Armor's Apollo plugin throws from a hook and answers 500), and
// in production no introspection. Applied over HTTP by Apollo and over graphql-ws by ws-errors.ts
// with the same rules. Suggestions in messages are removed by formatError (format-error.ts).
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { isProduction, type Config } from '@rolebook/config';
import {
  NoSchemaIntrospectionCustomRule,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationRule,
} from 'graphql';

export interface GraphqlLimits {
  /** Apollo plugins (Armor's, none of which rewrites or throws). */
  plugins: ReturnType<ApolloArmor['protect']>['plugins'];
  /** For Apollo's `validationRules` (Apollo adds its own introspection rule when introspection is off). */
  validationRules: ValidationRule[];
  /** For graphql-ws, which knows nothing of Apollo's options: the rules above, and no introspection in production. */
  wsValidationRules: ValidationRule[];
  parseOptions: ParseOptions;
  introspection: boolean;
}

export const graphqlLimits = (config: Config): GraphqlLimits => {
  const armor = new ApolloArmor({
    maxDepth: { n: config.GRAPHQL_MAX_DEPTH },
    costLimit: { maxCost: config.GRAPHQL_MAX_COST },
    maxAliases: { n: 15 },
    // Armor's suggestion mask is an Apollo plugin (HTTP only, field suggestions only) and its
    // token limit throws from parsingDidStart (a 500): formatError and parseOptions do both instead
    blockFieldSuggestion: { enabled: false },
    maxTokens: { enabled: false },
  }).protect();
  const introspection = !isProduction(config);
  return {
    plugins: armor.plugins,
    validationRules: armor.validationRules,
    wsValidationRules: introspection ? armor.validationRules : [...armor.validationRules, NoSchemaIntrospectionCustomRule],
    parseOptions: { maxTokens: config.GRAPHQL_MAX_TOKENS },
    introspection,
  };
};

/** graphql-ws `validate`: the standard rules and the limits. */
export const validateWithLimits = (limits: GraphqlLimits) => (schema: GraphQLSchema, document: DocumentNode) =>
  validate(schema, document, [...specifiedRules, ...limits.wsValidationRules]);
