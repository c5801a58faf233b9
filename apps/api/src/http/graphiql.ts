// GraphiQL at GET /graphql (a browser asking for HTML), in place of @nestjs/apollo's page, which
// loads react@18 and react-dom@18 from unpkg at whatever version is newest, the development
// builds, without integrity checks. Here every file is pinned to one version and checked by its
// Subresource Integrity hash (sha384 of the file in the npm tarball), and the page carries its
// own Content-Security-Policy: scripts only from those URLs and this page's one inline script
// (by hash), requests only to this origin. Off unless GRAPHIQL (default: on, off in production).
import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const CDN = 'https://unpkg.com';

// npm pack <name>@<version>; openssl dgst -sha384 -binary <file> | openssl base64 -A
export const GRAPHIQL_ASSETS = {
  react: { url: `${CDN}/react@18.3.1/umd/react.production.min.js`, integrity: 'sha384-DGyLxAyjq0f9SPpVevD6IgztCFlnMF6oW/XQGmfe+IsZ8TqEiDrcHkMLKI6fiB/Z' },
  reactDom: {
    url: `${CDN}/react-dom@18.3.1/umd/react-dom.production.min.js`,
    integrity: 'sha384-gTGxhz21lVGYNMcdJOyq01Edg0jhn/c22nsx0kyqP0TxaV5WVdsSH1fSDUf5YJj1',
  },
  graphiql: { url: `${CDN}/graphiql@3.8.3/graphiql.min.js`, integrity: 'sha384-HbRVEFG0JGJZeAHCJ9Xm2+tpknBQ7QZmNlO/DgZtkZ0aJSypT96YYGRNod99l9Ie' },
  css: { url: `${CDN}/graphiql@3.8.3/graphiql.min.css`, integrity: 'sha384-Mq3vbRBY71jfjQAt/DcjxUIYY33ksal4cgdRt9U/hNPvHBCaT2JfJ/PTRiPKf0aM' },
} as const;

// Headers are not persisted (they will hold API keys); the WebSocket URL follows the page's origin.
const INLINE_SCRIPT = `
const url = new URL('/graphql', location.href);
const subscriptionUrl = url.href.replace(/^http/, 'ws');
const fetcher = GraphiQL.createFetcher({ url: url.href, subscriptionUrl });
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: true, shouldPersistHeaders: false, isHeadersEditorEnabled: true }),
);
`;

const scriptHash = `'sha256-${createHash('sha256').update(INLINE_SCRIPT).digest('base64')}'`;

export const GRAPHIQL_CSP = [
  "default-src 'none'",
  `script-src ${GRAPHIQL_ASSETS.react.url} ${GRAPHIQL_ASSETS.reactDom.url} ${GRAPHIQL_ASSETS.graphiql.url} ${scriptHash}`,
  // GraphiQL sets style attributes from script
  `style-src ${GRAPHIQL_ASSETS.css.url} 'unsafe-inline'`,
  "img-src 'self' data:",
  'font-src data:',
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const tag = (asset: { url: string; integrity: string }, kind: 'script' | 'style') =>
  kind === 'script'
    ? `<script src="${asset.url}" integrity="${asset.integrity}" crossorigin="anonymous"></script>`
    : `<link rel="stylesheet" href="${asset.url}" integrity="${asset.integrity}" crossorigin="anonymous" />`;

export const GRAPHIQL_HTML = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Rolebook GraphiQL</title>
    ${tag(GRAPHIQL_ASSETS.css, 'style')}
  </head>
  <body style="margin: 0; height: 100vh">
    <div id="graphiql" style="height: 100vh">Loading...</div>
    ${tag(GRAPHIQL_ASSETS.react, 'script')}
    ${tag(GRAPHIQL_ASSETS.reactDom, 'script')}
    ${tag(GRAPHIQL_ASSETS.graphiql, 'script')}
    <script>${INLINE_SCRIPT}</script>
  </body>
</html>
`;

/** GET /graphql from a browser: the page, under its own CSP (replacing the API's strict one). Anything else goes on to Apollo. */
export const graphiqlPage = (req: Request, res: Response, next: NextFunction): void => {
  if (req.query['query'] !== undefined || !req.accepts(['application/json', 'text/html']) || req.accepts(['application/json', 'text/html']) !== 'text/html') {
    next();
    return;
  }
  res.setHeader('Content-Security-Policy', GRAPHIQL_CSP);
  res.setHeader('Cache-Control', 'no-store');
  res.type('html').send(GRAPHIQL_HTML);
};
