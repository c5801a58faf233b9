// Rate limits of GraphQL over HTTP once the operation is known: one point of the principal's
// limit per request, and the expensive root fields it asks for against their own limits. Thrown
// from didResolveOperation, the refusal ends the request before anything executes: HTTP 429 with
// Retry-After, extensions.code RATE_LIMITED (the per-IP limit is counted earlier, in the request
// context, before authentication: auth/transport-context.ts).
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { GqlContext } from '../graphql/request-context';
import { RateLimited, type RateLimits } from './rate-limits';

/** How often each root field occurs in the operation, by coordinate ('Mutation.runDriftCheck'), through fragments and aliases alike. */
export const rootFieldOccurrences = (document: DocumentNode, operation: OperationDefinitionNode, rootTypeName: string): Map<string, number> => {
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const counts = new Map<string, number>();
  const visit = (selectionSet: SelectionSetNode, seen: ReadonlySet<string>): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const coordinate = `${rootTypeName}.${selection.name.value}`;
        counts.set(coordinate, (counts.get(coordinate) ?? 0) + 1);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet, seen);
      else {
        const fragment = fragments.get(selection.name.value);
        // validation refuses fragment cycles; `seen` only keeps this walk finite regardless
        if (fragment && !seen.has(fragment.name.value)) visit(fragment.selectionSet, new Set([...seen, fragment.name.value]));
      }
    }
  };
  visit(operation.selectionSet, new Set());
  return counts;
};

/** The GraphQL error a refusal becomes, with its HTTP status and Retry-After for Apollo to answer with. */
export const rateLimitedError = (refusal: RateLimited): GraphQLError => {
  const headers = new HeaderMap();
  if (refusal.retryAfterSeconds !== null) headers.set('retry-after', String(refusal.retryAfterSeconds));
  return new GraphQLError(refusal.message, { originalError: refusal, extensions: { code: 'RATE_LIMITED', http: { status: 429, headers } } });
};

export const rateLimitPlugin = (limits: RateLimits): ApolloServerPlugin<Partial<GqlContext>> => ({
  requestDidStart: async () => ({
    didResolveOperation: async ({ contextValue, document, operation, schema }) => {
      const principal = contextValue.principal;
      // the context refuses a request without a principal; Apollo has refused one without an operation
      if (!principal || !operation) return;
      const root = schema.getRootType(operation.operation);
      try {
        await limits.consumePrincipal(principal);
        if (root) await limits.consumeOperations(principal, rootFieldOccurrences(document, operation, root.name));
      } catch (error) {
        if (error instanceof RateLimited) throw rateLimitedError(error);
        throw error;
      }
    },
  }),
});
