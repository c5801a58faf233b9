// The one line the API says once it listens: where it is, where GraphiQL is (or that it is off),
// and how to stop it.
import type { Config } from '@rolebook/config';

/** The address a person on this host types: localhost when the API listens on every interface or on loopback. */
const hostOf = (host: string): string =>
  ['0.0.0.0', '::', '127.0.0.1', '::1', 'localhost'].includes(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host;

export const startLine = (config: Pick<Config, 'HOST' | 'GRAPHIQL'>, port: number): string => {
  const base = `http://${hostOf(config.HOST)}:${port}`;
  const graphql = config.GRAPHIQL ? `GraphQL and GraphiQL at ${base}/graphql` : `GraphQL at ${base}/graphql (GraphiQL off: GRAPHIQL=true serves it)`;
  return `Rolebook API listening on ${base} — ${graphql}, Ctrl-C to stop`;
};
