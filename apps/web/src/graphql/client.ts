// The dashboard's one GraphQL client: queries and mutations over HTTP (POST /graphql), subscriptions
// over graphql-ws, both with the signed-in key, like any other client. A refused or expired key
// signs the viewer out (back to the sign-in, saying why).
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from 'urql';
import { isUnauthenticated } from './errors';

export interface ApiClient {
  client: Client;
  close: () => void;
}

export const createApiClient = (key: string, onUnauthenticated: () => void, origin: string = window.location.origin): ApiClient => {
  const url = new URL('/graphql', origin);
  let ws: WsClient | null = null;
  const socket = () =>
    (ws ??= createWsClient({
      url: url.href.replace(/^http/, 'ws'),
      connectionParams: { authorization: `Bearer ${key}` },
      lazy: true,
      retryAttempts: 5,
      on: {
        // 4403: the key was refused (revoked or expired) on connect or on a recheck
        closed: (event) => {
          if ((event as { code?: number }).code === 4403) onUnauthenticated();
        },
      },
    }));
  const client = new Client({
    url: url.href,
    // POST with a JSON body: what Apollo's CSRF prevention lets through (urql's default sends GETs)
    preferGetMethod: false,
    fetchOptions: () => ({ headers: { authorization: `Bearer ${key}` } }),
    requestPolicy: 'cache-and-network',
    exchanges: [
      mapExchange({
        onError: (error) => {
          if (isUnauthenticated(error)) onUnauthenticated();
        },
      }),
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: socket().subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
  });
  return { client, close: () => void ws?.dispose() };
};
