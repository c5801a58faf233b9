// Logs the errors of a GraphQL request that the server did not expect (see isExpected), and a
// lagging projection, with the request's correlation id so an operator can find what the client
// saw (the client gets only 'Internal server error'). Expected errors are the client's to fix.
import type { ApolloServerPlugin } from '@apollo/server';
import { IdentityProviderUnavailable, Unauthenticated } from '@rolebook/auth';
import { ProjectionTimeout } from '@rolebook/projections';
import type { Logger } from 'pino';
import { causeOf, isExpected } from './format-error';
import type { GqlContext } from './request-context';

export const errorLog = (logger: Logger): ApolloServerPlugin<Partial<GqlContext>> => ({
  requestDidStart: async () => ({
    didEncounterErrors: async ({ errors, contextValue }) => {
      for (const error of errors) {
        const original = causeOf(error);
        const correlationId = contextValue.correlationId;
        if (original instanceof Unauthenticated) logger.info({ reason: original.reason }, 'request refused: not authenticated');
        else if (original instanceof IdentityProviderUnavailable) logger.error({ err: original }, 'identity provider unavailable');
        else if (original instanceof ProjectionTimeout) logger.error({ err: original, correlationId }, 'projection lagging');
        else if (!isExpected(error, error.extensions)) logger.error({ err: original, correlationId }, 'unexpected error');
      }
    },
  }),
});
