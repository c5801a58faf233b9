// What the HTTP server does before any controller or Apollo sees a request: no X-Powered-By,
// security headers (helmet), which proxies are trusted to name the client (TRUST_PROXY), the
// per-IP limit of webhooks, the body parsers, GraphiQL and the dashboard at `/` (web-app.ts). They are registered on the Express
// instance while the module is created, so they come before Nest's own body parsers (added when
// the app is initialised) and before Apollo's handler, whichever way the app is booted (main.ts,
// the tests).
// - /webhooks/*: counted per client IP first (429 with Retry-After past RATE_LIMIT_WEBHOOKS_PER_IP,
//   before the body is even read); the body is kept as raw bytes (any content type, 100 kB) and not parsed here: a
//   webhook's signature is checked over those bytes before anything reads them.
// - elsewhere: JSON (100 kB) whose syntax errors answer one fixed message, where body-parser's
//   echoes part of the body. The app is created with `bodyParser: false`: these are the only
//   parsers (Nest's would add a urlencoded parser every request passes through).
// - WebSocket upgrades: counted per client IP (429 with Retry-After past RATE_LIMIT_PER_IP) in
//   front of graphql-ws's upgrade listener, once the GraphQL module has registered it (at bootstrap).
import { Inject, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Config } from '@rolebook/config';
import { json, raw, type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { clientIp } from '../auth/transport-context';
import { RateLimited, type RateLimits } from '../rate-limits/rate-limits';
import { limitUpgrades, upgradeClientIp } from '../rate-limits/upgrade-limit';
import { CONFIG, LOGGER, RATE_LIMITS } from '../rolebook.providers';
import { graphiqlPage } from './graphiql';
import { securityHeaders } from './security-headers';
import { serveWebApp, webCsp } from './web-app';

const BODY_LIMIT = '100kb';

const keepRawBody = (req: Request & { rawBody?: Buffer }, _res: Response, buffer: Buffer) => {
  req.rawBody = buffer;
};

/** What Nest turns into a 400 with this message (an Express SyntaxError with status 400). */
const malformedJson = () =>
  Object.assign(new SyntaxError('The body is not valid JSON'), { status: 400, statusCode: 400, expose: true, type: 'entity.parse.failed' });

export const bodyParsers = (): { webhookBody: RequestHandler; jsonParser: RequestHandler } => {
  const parseJson = json({ limit: BODY_LIMIT, verify: keepRawBody });
  const jsonParser: RequestHandler = (req, res, next: NextFunction) =>
    parseJson(req, res, (error?: unknown) => {
      const type = (error as { type?: unknown } | undefined)?.type;
      next(type === 'entity.parse.failed' ? malformedJson() : error);
    });
  return { webhookBody: raw({ type: () => true, limit: BODY_LIMIT, verify: keepRawBody }), jsonParser };
};

/** POST /webhooks/*: refused with 429 and Retry-After past the per-IP limit, in Nest's error shape. */
export const webhookRateLimit =
  (limits: RateLimits): RequestHandler =>
  (req, res, next) => {
    limits.consumeWebhook(clientIp(req)).then(
      () => next(),
      (error: unknown) => {
        if (!(error instanceof RateLimited)) return next(error);
        if (error.retryAfterSeconds !== null) res.set('Retry-After', String(error.retryAfterSeconds));
        res.status(429).json({ statusCode: 429, message: 'Too Many Requests' });
      },
    );
  };

const HARDENED = Symbol('HTTP_HARDENED');

@Module({})
export class HttpHardeningModule implements OnApplicationBootstrap {
  constructor(
    @Inject(HARDENED) readonly hardened: true,
    private readonly host: HttpAdapterHost,
    @Inject(RATE_LIMITS) private readonly limits: RateLimits,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** After every module's init, so graphql-ws's upgrade listener (GraphQLModule's) is there to wrap. */
  onApplicationBootstrap(): void {
    const adapter = this.host.httpAdapter;
    limitUpgrades(adapter.getHttpServer() as Server, this.limits, upgradeClientIp(adapter.getInstance<Express>()), this.logger);
  }

  static forRoot(): DynamicModule {
    return {
      module: HttpHardeningModule,
      providers: [
        {
          provide: HARDENED,
          inject: [HttpAdapterHost, CONFIG, RATE_LIMITS],
          useFactory: (host: HttpAdapterHost, config: Config, limits: RateLimits): true => {
            const app = host.httpAdapter.getInstance<Express>();
            app.disable('x-powered-by');
            // no ETag computed over every answer: GraphQL answers POSTs, which no cache revalidates (static files keep theirs)
            app.set('etag', false);
            // req.ip: the socket's peer unless proxies are trusted (then the address they forward)
            app.set('trust proxy', config.TRUST_PROXY);
            app.use(securityHeaders());
            const { webhookBody, jsonParser } = bodyParsers();
            app.use('/webhooks', webhookRateLimit(limits), webhookBody);
            app.use(jsonParser);
            if (config.GRAPHIQL) app.get('/graphql', graphiqlPage);
            serveWebApp(app, webCsp(config.OIDC_WEB_CLIENT_ID ? config.OIDC_TOKEN_URL : undefined));
            return true;
          },
        },
      ],
    };
  }
}
