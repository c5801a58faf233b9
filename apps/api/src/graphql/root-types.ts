// Nest's code-first builder cannot describe the root types (Query, Mutation, Subscription), so
// their descriptions are set here, on the built schema: the app serves it and `npm run schema`
// prints it, both through this function.
import { mapSchema, MapperKind } from '@graphql-tools/utils';
import { GraphQLObjectType, type GraphQLSchema } from 'graphql';

const ROOT_TYPE_DESCRIPTIONS: Record<string, string> = {
  Query:
    "Reads of the caller's tenant: the org at any instant (asOf: valid time, knownAt: record time), its history, drift, the reference model, API keys and HRIS deliveries.",
  Mutation:
    "Changes to the caller's tenant. Each org change is recorded as events; idempotencyKey makes a retry a no-op and expectedVersion turns a concurrent change into a CONFLICT.",
  Subscription: "Live feeds of the caller's tenant over graphql-ws (ws://<host>/graphql), resumable from the last position received.",
};

export const describeRootTypes = (schema: GraphQLSchema): GraphQLSchema =>
  mapSchema(schema, {
    [MapperKind.ROOT_OBJECT]: (type) => new GraphQLObjectType({ ...type.toConfig(), description: ROOT_TYPE_DESCRIPTIONS[type.name] ?? type.description }),
  });
