import helmet from 'helmet';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_CSP, helmetHeaders, securityHeaders } from './security-headers';

// answers with the headers a middleware sets, over a real node:http server
const headersFrom = async (middleware: (req: never, res: never, next: () => void) => void): Promise<Record<string, string>> => {
  const server: Server = createServer((req, res) => middleware(req as never, res as never, () => res.end('{}')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  server.close();
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(name)) headers[name] = value;
  });
  return headers;
};

describe('security headers', () => {
  it('sets exactly the headers helmet itself sets, with the API CSP', async () => {
    const ours = await headersFrom(securityHeaders() as never);
    const theirs = await headersFrom(
      helmet({
        contentSecurityPolicy: {
          useDefaults: false,
          directives: { defaultSrc: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"], frameAncestors: ["'none'"] },
        },
      }),
    );
    expect(ours).toEqual(theirs);
    const directives = (csp: string | undefined) => csp?.split(';').map((d) => d.trim());
    expect(directives(ours['content-security-policy'])).toEqual(directives(API_CSP));
    expect(ours['strict-transport-security']).toBeDefined();
    expect(ours['x-content-type-options']).toBe('nosniff');
  });

  it('records the headers once, as name and value pairs', () => {
    expect(new Map(helmetHeaders()).get('x-frame-options')).toBe('SAMEORIGIN');
  });
});
