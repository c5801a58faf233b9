// Logs the errors of a GraphQL request, over HTTP (this Apollo plugin) and over graphql-ws
// (ws-errors.ts). What the server did not expect (see isExpected), and a lagging projection, are
// errors, logged with the request's correlation id so an operator can find what the client saw
// (the client gets only 'Internal server error'). Expected errors are the client's to fix: info,
// with their code and reason only (their messages are the client's business).
import type { ApolloServerPlugin } from '@apollo/server';
import { IdentityProviderUnavailable, Unauthenticated } from '@rolebook/auth';
import { DomainError } from '@rolebook/domain';
import { ProjectionTimeout } from '@rolebook/projections';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { RateLimited } from '../rate-limits/rate-limits';
import { causeOf, isExpected } from './format-error';
import type { GqlContext } from './request-context';

export const logGraphqlError = (logger: Logger, error: GraphQLError, correlationId: string | undefined, transport: 'http' | 'ws'): void => {
  // also a failed subscription's error (graphql-ws), which has no path for unwrapResolverError
  const original = error.originalError ?? causeOf(error);
  if (original instanceof Unauthenticated) logger.info({ reason: original.reason, transport }, 'request refused: not authenticated');
  else if (original instanceof IdentityProviderUnavailable) logger.error({ err: original, transport }, 'identity provider unavailable');
  else if (original instanceof ProjectionTimeout) logger.error({ err: original, correlationId, transport }, 'projection lagging');
  else if (!isExpected(original, error.extensions)) logger.error({ err: original, correlationId, transport }, 'unexpected error');
  else {
    const code = original instanceof DomainError ? original.code : error.extensions['code'];
    const reason = original instanceof DomainError || original instanceof RateLimited ? original.reason : undefined;
    logger.info({ code, reason, correlationId, transport }, 'graphql request refused');
  }
};

export const errorLog = (logger: Logger): ApolloServerPlugin<Partial<GqlContext>> => ({
  requestDidStart: async () => ({
    didEncounterErrors: async ({ errors, contextValue }) => {
      for (const error of errors) logGraphqlError(logger, error, contextValue.correlationId, 'http');
    },
  }),
});
