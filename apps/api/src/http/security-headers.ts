// Security headers on every HTTP answer, by helmet (maintained, tracks browser changes). The API
// answers JSON, never pages, so its Content-Security-Policy allows nothing; the GraphiQL page
// replaces it with its own (graphiql.ts).
// Helmet's headers here do not depend on the request (no nonces), so helmet runs once, at start,
// and every answer gets the headers it set: one loop of setHeader instead of a dozen middlewares.
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const API_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const API_CSP_DIRECTIVES = { defaultSrc: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"], frameAncestors: ["'none'"] };

/** The headers helmet sets on an answer, recorded from one run of its middleware. */
export const helmetHeaders = (): [string, string][] => {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  };
  const run: { outcome: 'pending' | 'done' | 'failed' } = { outcome: 'pending' };
  helmet({ contentSecurityPolicy: { useDefaults: false, directives: API_CSP_DIRECTIVES } })(
    {} as IncomingMessage,
    recorder as unknown as ServerResponse,
    (error?: unknown) => (run.outcome = error ? 'failed' : 'done'),
  );
  if (run.outcome !== 'done' || headers.size === 0) throw new Error(`helmet did not set its headers synchronously (${run.outcome})`);
  return [...headers];
};

export const securityHeaders = (): RequestHandler => {
  const headers = helmetHeaders();
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
};
