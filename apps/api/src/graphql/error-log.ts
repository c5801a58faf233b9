// Logs the errors of a GraphQL request that the server did not expect (see isExpected), and a
// lagging projection, with the request's correlation id so an operator can find what the client
// saw (the client gets only 'Internal server error'). Expected errors are the client's to fix.
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ProjectionTimeout } from '@rolebook/projections';
import type { Logger } from 'pino';
import { isExpected } from './format-error';
import type { GqlContext } from './request-context';

export const errorLog = (logger: Logger): ApolloServerPlugin<Partial<GqlContext>> => ({
  requestDidStart: async () => ({
    didEncounterErrors: async ({ errors, contextValue }) => {
      for (const error of errors) {
        const original = unwrapResolverError(error);
        const correlationId = contextValue.correlationId;
        if (original instanceof ProjectionTimeout) logger.error({ err: original, correlationId }, 'projection lagging');
        else if (!isExpected(error, error.extensions)) logger.error({ err: original, correlationId }, 'unexpected error');
      }
    },
  }),
});
