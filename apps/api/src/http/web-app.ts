// The dashboard (apps/web, built by `npm run build` into dist/web) at `/`: its page and its
// hashed assets, under a Content-Security-Policy of its own (scripts, styles and requests to this
// origin only, WebSocket included), replacing the API's allow-nothing one. The dashboard is a
// GraphQL client like any other: it signs in with a key and calls /graphql.
import express, { type Express, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

// apps/api/src/http -> the repository root (from source, under jest) or dist/ (built)
const appRoot = resolve(__dirname, '../../../..');

/** dist/web of the repository (or image), whether this file runs from dist/ or from source. */
export const WEB_DIST = basename(appRoot) === 'dist' ? join(appRoot, 'web') : join(appRoot, 'dist', 'web');

/** The dashboard's policy; `tokenEndpoint`: the identity provider's token endpoint, the one other place the OIDC sign-in posts to. */
export const webCsp = (tokenEndpoint?: string): string =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    // 'self' covers ws(s):// to this origin in CSP level 3 browsers
    tokenEndpoint ? `connect-src 'self' ${new URL(tokenEndpoint).origin}` : "connect-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

export const WEB_CSP = webCsp();

const page = (dir: string, csp: string) => (_req: Request, res: Response) => {
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('Cache-Control', 'no-cache');
  if (!existsSync(join(dir, 'index.html'))) {
    res.status(404).type('text').send('The dashboard is not built: run npm run build.');
    return;
  }
  res.sendFile(join(dir, 'index.html'));
};

/** GET / (the page) and /assets/* (content-hashed, cached for good). */
export const serveWebApp = (app: Express, csp: string = WEB_CSP, dir: string = WEB_DIST): void => {
  app.get(['/', '/index.html'], page(dir, csp));
  app.use('/assets', express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
};
