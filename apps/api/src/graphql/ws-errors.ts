// graphql-ws options that give WebSocket clients what Apollo gives HTTP ones. Nest hands these to
// graphql-ws's useServer (GqlSubscriptionService), which knows nothing of Apollo's parse options,
// validation rules, formatError or plugins: without them a syntax error closed the socket with
// graphql-js's message (and was logged as an internal error), validation errors carried no code
// and suggested field names, the token limit did not apply, and resolver errors left unmasked.
import { GraphQLError, getOperationAST, parse, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import type { Logger } from 'pino';
import { logGraphqlError } from './error-log';
import { validateWithLimits, type GraphqlLimits } from './limits';

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** A request error under the code Apollo gives it, so formatError treats it alike on both transports. */
const withCode = (error: GraphQLError, code: string): GraphQLError =>
  new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });

const correlationOf = (contextValue: unknown): string | undefined => {
  const id = (contextValue as { correlationId?: unknown } | undefined)?.correlationId;
  return typeof id === 'string' ? id : undefined;
};

export const wsErrorHandling = (limits: GraphqlLimits, formatError: FormatError, logger: Logger) => {
  const validate = validateWithLimits(limits);
  const format = (errors: readonly GraphQLError[], correlationId: string | undefined): GraphQLFormattedError[] =>
    errors.map((error) => {
      logGraphqlError(logger, error, correlationId, 'ws');
      // a failed subscription's error has no path, which unwrapResolverError needs: unwrap it here
      return formatError(error.toJSON(), error.originalError ?? error);
    });
  return {
    parse: (source: string): DocumentNode => parse(source, limits.parseOptions),
    validate: (schema: GraphQLSchema, document: DocumentNode) => validate(schema, document).map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED')),
    // Parse errors (and the token limit) and an operation that cannot be picked become error
    // messages on the subscription, as over HTTP; graphql-ws would close the socket (4500) with the
    // parser's message. On success graphql-ws parses again with `parse` (a bounded document) and validates.
    onSubscribe: (_ctx, _id, payload) => {
      let document: DocumentNode;
      try {
        document = parse(payload.query, limits.parseOptions);
      } catch (error) {
        if (error instanceof GraphQLError) return [withCode(error, 'GRAPHQL_PARSE_FAILED')];
        throw error;
      }
      if (!getOperationAST(document, payload.operationName)) {
        return [new GraphQLError('Unable to identify operation', { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })];
      }
      return undefined;
    },
    onNext: (_ctx, _id, _payload, args, result) => (result.errors ? { ...result, errors: format(result.errors, correlationOf(args.contextValue)) } : undefined),
    onError: (_ctx, _id, _payload, errors) => format(errors, undefined),
  } satisfies Pick<ServerOptions, 'onSubscribe' | 'onNext' | 'onError'> & Record<string, unknown>;
};
