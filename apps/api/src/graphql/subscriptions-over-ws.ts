// Subscriptions are served over graphql-ws only. Over HTTP, Apollo would run a subscription
// field's resolve with no event (an internal error any auditor could cause at will), so such an
// operation is refused as the client's mistake before it executes.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, OperationTypeNode } from 'graphql';

export const subscriptionsOverWsOnly: ApolloServerPlugin = {
  requestDidStart: async () => ({
    didResolveOperation: async ({ operation }) => {
      if (operation?.operation === OperationTypeNode.SUBSCRIPTION)
        throw new GraphQLError('Subscriptions are served over WebSocket (graphql-ws) only', { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
    },
  }),
};
