// A stand-in identity provider for the dashboard's OIDC sign-in: an authorization endpoint that
// approves at once as one user (no login page) and sends the browser back with a code, a token
// endpoint that checks the PKCE verifier against the S256 challenge (RFC 7636) and issues an
// ES256 access token signed with jose, and the key set the API verifies it with.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface IssuedToken {
  clientId: string;
  lifetimeSeconds: number;
}

export interface OidcIssuer {
  /** http://127.0.0.1:PORT/ (the `iss` of its tokens). */
  issuer: string;
  jwksUrl: string;
  authorizationUrl: string;
  tokenUrl: string;
  /** The claims and lifetime of the next tokens; `expiresIn: false` leaves expires_in out of the answer. */
  configure(next: { claims?: Record<string, unknown>; lifetimeSeconds?: number; expiresIn?: boolean }): void;
  /** Codes exchanged, and exchanges refused (a wrong verifier, a code used twice, ...). */
  readonly exchanged: number;
  readonly refused: string[];
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => resolve(body));
  });

export const startOidcIssuer = async ({ clientId, audience }: { clientId: string; audience: string }): Promise<OidcIssuer> => {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'stand-in', alg: 'ES256', use: 'sig' };
  let claims: Record<string, unknown> = {};
  let lifetimeSeconds = 300;
  let expiresIn = true;
  let exchanged = 0;
  const refused: string[] = [];
  const codes = new Map<string, { challenge: string; redirectUri: string; clientId: string }>();
  let issuer = '';

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const cors = { 'access-control-allow-origin': req.headers.origin ?? '*', 'access-control-allow-headers': 'content-type, accept' };
    if (req.method === 'GET' && url.pathname === '/jwks')
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    if (req.method === 'GET' && url.pathname === '/authorize') {
      const p = Object.fromEntries(url.searchParams);
      if (p['response_type'] !== 'code' || p['client_id'] !== clientId || p['code_challenge_method'] !== 'S256' || !p['code_challenge'] || !p['redirect_uri'])
        return void res.writeHead(400).end('bad authorization request');
      const code = randomBytes(16).toString('hex');
      codes.set(code, { challenge: p['code_challenge'], redirectUri: p['redirect_uri'], clientId: p['client_id'] });
      const back = new URL(p['redirect_uri']);
      back.searchParams.set('code', code);
      back.searchParams.set('state', p['state'] ?? '');
      return void res.writeHead(302, { location: back.href }).end();
    }
    if (req.method === 'OPTIONS' && url.pathname === '/token') return void res.writeHead(204, cors).end();
    if (req.method === 'POST' && url.pathname === '/token') {
      void readBody(req).then(async (raw) => {
        const p = Object.fromEntries(new URLSearchParams(raw));
        const issued = codes.get(p['code'] ?? '');
        codes.delete(p['code'] ?? '');
        const verifierHash = createHash('sha256')
          .update(p['code_verifier'] ?? '')
          .digest('base64url');
        const problem = !issued
          ? 'unknown or used code'
          : p['grant_type'] !== 'authorization_code'
            ? 'grant_type'
            : p['client_id'] !== issued.clientId
              ? 'client_id'
              : p['redirect_uri'] !== issued.redirectUri
                ? 'redirect_uri'
                : verifierHash !== issued.challenge
                  ? 'code_verifier'
                  : null;
        if (problem) {
          refused.push(problem);
          return void res.writeHead(400, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_grant' }));
        }
        exchanged++;
        const token = await new SignJWT(claims)
          .setProtectedHeader({ alg: 'ES256', kid: 'stand-in' })
          .setIssuer(issuer)
          .setAudience(audience)
          .setSubject('u-ada')
          .setIssuedAt()
          .setExpirationTime(Math.floor(Date.now() / 1000) + lifetimeSeconds)
          .sign(privateKey);
        res
          .writeHead(200, { ...cors, 'content-type': 'application/json', 'cache-control': 'no-store' })
          .end(JSON.stringify({ access_token: token, token_type: 'Bearer', ...(expiresIn ? { expires_in: lifetimeSeconds } : {}) }));
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    issuer,
    jwksUrl: `${issuer}jwks`,
    authorizationUrl: `${issuer}authorize`,
    tokenUrl: `${issuer}token`,
    configure: (next) => {
      claims = next.claims ?? claims;
      lifetimeSeconds = next.lifetimeSeconds ?? lifetimeSeconds;
      expiresIn = next.expiresIn ?? expiresIn;
    },
    get exchanged() {
      return exchanged;
    },
    refused,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
};
