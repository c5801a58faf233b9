// WebSocket connection attempts (HTTP upgrade requests) counted per client IP, against the same
// limiter as GraphQL over HTTP (RATE_LIMIT_PER_IP per RATE_LIMIT_WINDOW_S, PER_IP), before the
// handshake and so before any authentication or Origin check. Over the limit the upgrade is
// refused with HTTP 429 and Retry-After, and no socket is opened. Not a 4429 close after the
// handshake: graphql-ws clients treat 4429 as fatal and never reconnect, while a refused
// handshake reaches them as an abnormal closure (1006) that they retry with their randomised
// exponential back-off, by which time the window may have passed; non-browser clients also
// see the status and Retry-After (ws: 'unexpected-response').
// Issue 13: connection attempts were not limited per IP.
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Express, Request } from 'express';
import type { Logger } from 'pino';
import { RateLimited, type RateLimits } from './rate-limits';

type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * The client IP of an upgrade request, which Express never sees: Express's own `req.ip` (proxy-addr
 * with the app's compiled `trust proxy`, i.e. TRUST_PROXY) read on a view of the request, so
 * that both transports name the same client alike.
 */
export const upgradeClientIp =
  (app: Express) =>
  (req: IncomingMessage): string => {
    const view = Object.create(app.request as object, {
      headers: { value: req.headers },
      socket: { value: req.socket },
      connection: { value: req.socket },
    }) as Request;
    return view.ip ?? req.socket.remoteAddress ?? 'unknown';
  };

/** Answers the upgrade with a plain HTTP status instead of switching protocols, then closes. */
const refuse = (socket: Duplex, status: number, retryAfterSeconds: number | null): void => {
  if (socket.destroyed) return;
  const body = STATUS_CODES[status] ?? 'Error';
  const headers = [
    `HTTP/1.1 ${status} ${body}`,
    'Connection: close',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...(retryAfterSeconds === null ? [] : [`Retry-After: ${retryAfterSeconds}`]),
  ];
  socket.once('finish', () => socket.destroy());
  socket.end(`${headers.join('\r\n')}\r\n\r\n${body}`);
};

/**
 * Puts the per-IP count in front of the server's upgrade listeners (graphql-ws's, registered by
 * Nest when the GraphQL module starts): call it once they are registered. They are handed only
 * the upgrades let through; a listener added later would see every upgrade, uncounted.
 */
export const limitUpgrades = (server: Server, limits: RateLimits, clientIp: (req: IncomingMessage) => string, logger: Logger): void => {
  const listeners = server.listeners('upgrade') as UpgradeListener[];
  server.removeAllListeners('upgrade');
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node has let go of the socket's errors: a client resetting while the count is awaited must
    // not become an unhandled 'error' (ws adds its own listener once it takes the socket)
    const onError = () => socket.destroy();
    socket.on('error', onError);
    limits.consumeIp(clientIp(req)).then(
      () => {
        socket.removeListener('error', onError);
        if (socket.destroyed) return;
        for (const listener of listeners) listener.call(server, req, socket, head);
      },
      (error: unknown) => {
        if (error instanceof RateLimited) {
          logger.info({ reason: error.reason }, 'WebSocket connection refused: rate limited');
          refuse(socket, 429, error.retryAfterSeconds);
        } else {
          logger.error({ err: error }, 'WebSocket connection refused: could not count it');
          refuse(socket, 500, null);
        }
      },
    );
  });
};
