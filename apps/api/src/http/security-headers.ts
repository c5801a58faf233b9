// Security headers on every HTTP answer, by helmet (maintained, tracks browser changes). The API
// answers JSON, never pages, so its Content-Security-Policy allows nothing; the GraphiQL page
// replaces it with its own (graphiql.ts). Until helmet is installed (it is not in the lockfile
// yet) the same headers as helmet's defaults are set by hand, and a warning says so.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { createRequire } from 'node:module';
import type { Logger } from 'pino';

export const API_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const API_CSP_DIRECTIVES = { defaultSrc: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"], frameAncestors: ["'none'"] };

type Helmet = (options: { contentSecurityPolicy: { useDefaults: boolean; directives: Record<string, string[]> } }) => RequestHandler;

const loadHelmet = (): Helmet | null => {
  try {
    const loaded = createRequire(__filename)('helmet') as { default?: Helmet } | Helmet;
    return typeof loaded === 'function' ? loaded : (loaded.default ?? null);
  } catch {
    return null;
  }
};

/** helmet 8's default headers, with the API's CSP. */
const FALLBACK_HEADERS: Record<string, string> = {
  'Content-Security-Policy': API_CSP,
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Origin-Agent-Cluster': '?1',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-DNS-Prefetch-Control': 'off',
  'X-Download-Options': 'noopen',
  'X-Frame-Options': 'SAMEORIGIN',
  'X-Permitted-Cross-Domain-Policies': 'none',
  'X-XSS-Protection': '0',
};

export const securityHeaders = (logger: Logger): RequestHandler => {
  const helmet = loadHelmet();
  if (helmet) return helmet({ contentSecurityPolicy: { useDefaults: false, directives: API_CSP_DIRECTIVES } });
  logger.warn('helmet is not installed: setting its default security headers by hand');
  return (_req: Request, res: Response, next: NextFunction) => {
    for (const [name, value] of Object.entries(FALLBACK_HEADERS)) res.setHeader(name, value);
    res.removeHeader('X-Powered-By');
    next();
  };
};
