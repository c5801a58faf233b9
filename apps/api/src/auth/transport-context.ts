// Who is asking, on each transport. HTTP: the Authorization header of every request. graphql-ws:
// the `authorization` connection param (browsers cannot set headers on a WebSocket) or the upgrade
// request's header, checked once in connection_init, on a connection from an allowed Origin; the
// socket then carries subscriptions only (queries and mutations go over HTTP, where the CSRF
// guard applies), within per-connection and per-principal caps.
import { IdentityProviderUnavailable, Unauthenticated } from '@rolebook/auth';
import { DomainError } from '@rolebook/domain';
import { getOperationAST, GraphQLError, OperationTypeNode, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { contextFor, type Authenticate, type GqlContext } from '../graphql/request-context';
import type { wsErrorHandling } from '../graphql/ws-errors';
import type { LiveConnections } from './live-connections';

type Headers = Record<string, string | string[] | undefined>;

/** Why a request is refused before any field runs, as a GraphQL error with its HTTP status. */
const refusal = (error: unknown): GraphQLError => {
  if (error instanceof Unauthenticated)
    return new GraphQLError(error.message, { originalError: error, extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  if (error instanceof IdentityProviderUnavailable)
    return new GraphQLError(error.message, { originalError: error, extensions: { code: 'INTERNAL_SERVER_ERROR', http: { status: 503 } } });
  if (error instanceof DomainError)
    return new GraphQLError(error.message, {
      originalError: error,
      extensions: { code: error.code, http: { status: error.code === 'FORBIDDEN' ? 403 : 400 } },
    });
  throw error;
};

const single = (headers: Headers, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export const httpContext =
  (authenticate: Authenticate, logger: Logger) =>
  async ({ req }: { req: IncomingMessage }): Promise<GqlContext> => {
    try {
      return contextFor(await authenticate(single(req.headers, 'authorization')), req.headers);
    } catch (error) {
      if (error instanceof Unauthenticated) logger.info({ reason: error.reason }, 'request refused: not authenticated');
      throw refusal(error);
    }
  };

export interface WsOptions {
  authenticate: Authenticate;
  connections: LiveConnections;
  logger: Logger;
  /** Origins allowed to open a socket; empty: the API's own origin only. Requests without Origin (not browsers) are let through to authenticate. */
  allowedOrigins: readonly string[];
  maxSubscriptionsPerConnection: number;
  /** Parsing, validation and error shaping as over HTTP (graphql/ws-errors.ts). */
  errors: ReturnType<typeof wsErrorHandling>;
}

interface WsExtra {
  request: IncomingMessage;
  socket: { close(code: number, reason: string): void };
  rolebook?: { context: GqlContext; forget: () => void; subscriptions: Set<string> };
}
interface WsCtx {
  connectionParams?: Readonly<Record<string, unknown>>;
  extra: WsExtra;
}

/** Same origin: the Origin's host is the Host the request came to. */
const originAllowed = (request: IncomingMessage, allowed: readonly string[]): boolean => {
  const origin = single(request.headers, 'origin');
  if (origin === undefined) return true;
  if (allowed.length > 0) return allowed.includes(origin);
  try {
    return new URL(origin).host === single(request.headers, 'host');
  } catch {
    return false;
  }
};

export const wsServerOptions = (options: WsOptions) => ({
  path: '/graphql',
  // refusing here closes the socket with 4403 before any subscription; a client that never sends
  // connection_init is closed by graphql-ws after connectionInitWaitTimeout
  connectionInitWaitTimeout: 5_000,
  onConnect: async (ctx: WsCtx): Promise<boolean> => {
    if (!originAllowed(ctx.extra.request, options.allowedOrigins)) {
      options.logger.info('subscription connection refused: origin not allowed');
      return false;
    }
    const params = Object.fromEntries(
      Object.entries(ctx.connectionParams ?? {})
        .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
        .map(([key, value]) => [key.toLowerCase(), value]),
    );
    // a param that is not a string (a tenant given as a number, say) is refused, not ignored
    if (Object.keys(params).length !== Object.keys(ctx.connectionParams ?? {}).length) return false;
    const authorization = params['authorization'] ?? single(ctx.extra.request.headers, 'authorization');
    try {
      const principal = await options.authenticate(authorization);
      const context = contextFor(principal, { ...ctx.extra.request.headers, ...params });
      if (!options.connections.hasRoomFor(principal)) {
        options.logger.warn({ principal: principal.id }, 'subscription connection refused: too many connections for this principal');
        return false;
      }
      ctx.extra.rolebook = { context, forget: options.connections.add(ctx.extra.socket, principal, authorization), subscriptions: new Set() };
      return true;
    } catch (error) {
      if (error instanceof Unauthenticated) options.logger.info({ reason: error.reason }, 'subscription connection refused: not authenticated');
      else if (!(error instanceof DomainError)) options.logger.error({ err: error }, 'subscription connection failed');
      return false;
    }
  },
  onClose: (ctx: WsCtx) => ctx.extra.rolebook?.forget(),
  context: (ctx: WsCtx): GqlContext | undefined => ctx.extra.rolebook?.context,
  onSubscribe: (ctx: WsCtx, id: string, payload: SubscribePayload) => {
    const live = ctx.extra.rolebook;
    if (live && live.subscriptions.size >= options.maxSubscriptionsPerConnection)
      return [new GraphQLError('Too many subscriptions on this connection', { extensions: { code: 'RATE_LIMITED' } })];
    const refused = options.errors.onSubscribe(ctx as never, id, payload);
    if (refused) return refused;
    live?.subscriptions.add(id);
    return undefined;
  },
  onComplete: (ctx: WsCtx, id: string) => ctx.extra.rolebook?.subscriptions.delete(id),
  parse: options.errors.parse,
  validate: (schema: GraphQLSchema, document: DocumentNode): readonly GraphQLError[] => {
    const errors = options.errors.validate(schema, document);
    if (errors.length > 0) return errors;
    if (getOperationAST(document)?.operation !== OperationTypeNode.SUBSCRIPTION)
      return [
        new GraphQLError('Only subscriptions are served over WebSocket; send queries and mutations over HTTP', { extensions: { code: 'BAD_USER_INPUT' } }),
      ];
    return [];
  },
  onNext: options.errors.onNext,
  onError: options.errors.onError,
});
