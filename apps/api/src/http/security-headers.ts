// Security headers on every HTTP answer, by helmet (maintained, tracks browser changes). The API
// answers JSON, never pages, so its Content-Security-Policy allows nothing; the GraphiQL page
// replaces it with its own (graphiql.ts).
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export const API_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const API_CSP_DIRECTIVES = { defaultSrc: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"], frameAncestors: ["'none'"] };

export const securityHeaders = (): RequestHandler => helmet({ contentSecurityPolicy: { useDefaults: false, directives: API_CSP_DIRECTIVES } });
