// Who is asking, on each transport. HTTP: the Authorization header of every request. graphql-ws:
// the `authorization` connection param (browsers cannot set headers on a WebSocket) or the upgrade
// request's header, checked once in connection_init, on a connection from an allowed Origin; the
// socket then carries subscriptions only (queries and mutations go over HTTP, where the CSRF
// guard applies), within per-connection and per-principal caps, its messages paced per connection
// (rate-limits/message-pace.ts). Rate limits (rate-limits/) are counted here where the transport
// is: per client IP before authenticating an HTTP request, per principal on each subscribe (HTTP
// requests count per principal in rate-limit.plugin.ts; WebSocket upgrades per client IP in
// rate-limits/upgrade-limit.ts).
import { IdentityProviderUnavailable, Unauthenticated } from '@rolebook/auth';
import { DomainError } from '@rolebook/domain';
import { getOperationAST, GraphQLError, OperationTypeNode, subscribe, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import type { Request } from 'express';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { contextFor, type Authenticate, type GqlContext } from '../graphql/request-context';
import type { wsErrorHandling } from '../graphql/ws-errors';
import { MessagePace, paced } from '../rate-limits/message-pace';
import { rateLimitedError } from '../rate-limits/rate-limit.plugin';
import { RateLimited, type RateLimits } from '../rate-limits/rate-limits';
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

/** The client's address: the socket's peer, or what trusted proxies say (TRUST_PROXY, Express's `trust proxy`). */
export const clientIp = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

export const httpContext =
  (authenticate: Authenticate, logger: Logger, limits: RateLimits) =>
  async ({ req }: { req: Request }): Promise<GqlContext> => {
    try {
      // before authenticating: a flood of guessed credentials from one address is refused too
      await limits.consumeIp(clientIp(req));
    } catch (error) {
      if (error instanceof RateLimited) throw rateLimitedError(error);
      throw error;
    }
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
  /** Subscription messages one connection is sent per second at most (all its subscriptions): delivery is paced past it. */
  maxMessagesPerSecond: number;
  /** Every subscribe counts against its principal's limit, shared with HTTP requests. */
  limits: RateLimits;
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

/** Why a subscribe is refused, if it is: over its principal's rate limit, or a document that does not parse. */
const subscribeRefusal = async (options: WsOptions, ctx: WsCtx, id: string, payload: SubscribePayload): Promise<readonly GraphQLError[] | undefined> => {
  const live = ctx.extra.rolebook;
  try {
    // subscribe messages are requests too: a client re-subscribing in a loop runs out like one polling over HTTP
    if (live) await options.limits.consumePrincipal(live.context.principal);
  } catch (error) {
    if (error instanceof RateLimited) return [rateLimitedError(error)];
    throw error;
  }
  return options.errors.onSubscribe(ctx as never, id, payload);
};

/** Each connection's pace, by its context: the one object every subscribe on it executes with. */
const paces = new WeakMap<object, MessagePace>();

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
      paces.set(context, new MessagePace(options.maxMessagesPerSecond));
      return true;
    } catch (error) {
      if (error instanceof Unauthenticated) options.logger.info({ reason: error.reason }, 'subscription connection refused: not authenticated');
      else if (!(error instanceof DomainError)) options.logger.error({ err: error }, 'subscription connection failed');
      return false;
    }
  },
  onClose: (ctx: WsCtx) => ctx.extra.rolebook?.forget(),
  context: (ctx: WsCtx): GqlContext | undefined => ctx.extra.rolebook?.context,
  onSubscribe: async (ctx: WsCtx, id: string, payload: SubscribePayload) => {
    const live = ctx.extra.rolebook;
    // an id still counted here is being completed (graphql-ws forgets it before our onComplete
    // runs): taking it again now would let the old completion uncount the new subscription, which
    // graphql-ws would then lose track of too, so it would outlive the socket
    if (live?.subscriptions.has(id))
      return [new GraphQLError('This subscription id is still completing; subscribe under another id', { extensions: { code: 'BAD_USER_INPUT' } })];
    if (live && live.subscriptions.size >= options.maxSubscriptionsPerConnection)
      return [rateLimitedError(new RateLimited('SUBSCRIPTIONS_PER_CONNECTION', 'Too many subscriptions on this connection; complete one first', null))];
    // held before anything is awaited: subscribes arriving meanwhile count it against the cap
    live?.subscriptions.add(id);
    const refused = await subscribeRefusal(options, ctx, id, payload);
    if (refused) live?.subscriptions.delete(id);
    return refused;
  },
  onComplete: (ctx: WsCtx, id: string) => ctx.extra.rolebook?.subscriptions.delete(id),
  // graphql-js's subscribe, its results paced per connection; graphql-ws awaits each message's
  // sending before pulling the next, so a paused iterator holds the feed behind it
  subscribe: async (args: ExecutionArgs) => {
    const result = await subscribe(args);
    if (!(Symbol.asyncIterator in result)) return result;
    const context = args.contextValue as object;
    return paced(result, paces.get(context) ?? new MessagePace(options.maxMessagesPerSecond));
  },
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
