// Sign-in at the identity provider when the API advertises one (GET /auth/sign-in-options): the
// OAuth 2.0 authorization code flow with PKCE (RFC 7636, S256) for a public client, using the
// browser's own crypto (Web Crypto: random bytes and SHA-256). The verifier and state wait in this
// tab's sessionStorage across the redirect; the access token the token endpoint returns is what
// the API verifies (OIDC_AUDIENCE).

export interface OidcOptions {
  issuer: string;
  clientId: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  scopes: string;
}

export interface SignInOptions {
  apiKey: boolean;
  oidc: OidcOptions | null;
}

/** A token and the instant it stops being accepted (ms since the epoch; null: the IdP did not say). */
export interface OidcToken {
  token: string;
  expiresAt: number | null;
}

/** What went wrong on the way back from the identity provider: said to the person, never a token or a code. */
export class OidcSignInFailed extends Error {}

const PENDING_KEY = 'rolebook.oidcPending';

interface Pending {
  state: string;
  verifier: string;
  redirectUri: string;
  tokenEndpoint: string;
  clientId: string;
}

export const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** 32 random bytes, base64url: 43 characters, within RFC 7636's 43 to 128 for a verifier. */
export const randomToken = (): string => base64url(crypto.getRandomValues(new Uint8Array(32)));

/** The S256 code challenge of a verifier: base64url(SHA-256(verifier)). */
export const challengeOf = async (verifier: string): Promise<string> =>
  base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));

/** Where the identity provider sends the browser back: the dashboard's own page. */
export const redirectUriOf = (location: Pick<Location, 'origin'>): string => `${location.origin}/`;

/** The authorization request's URL; what it needs to finish waits in `storage`. */
export const authorizationUrl = async (options: OidcOptions, storage: Storage, location: Pick<Location, 'origin'>): Promise<string> => {
  const pending: Pending = {
    state: randomToken(),
    verifier: randomToken(),
    redirectUri: redirectUriOf(location),
    tokenEndpoint: options.tokenEndpoint,
    clientId: options.clientId,
  };
  storage.setItem(PENDING_KEY, JSON.stringify(pending));
  // the endpoint's own query parameters are kept (RFC 6749, 3.1)
  const url = new URL(options.authorizationEndpoint);
  const params = {
    response_type: 'code',
    client_id: options.clientId,
    redirect_uri: pending.redirectUri,
    scope: options.scopes,
    state: pending.state,
    code_challenge: await challengeOf(pending.verifier),
    code_challenge_method: 'S256',
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.href;
};

/** Whether the page was opened by the identity provider's redirect (a code or an error, with a state). */
export const isRedirectBack = (search: string): boolean => {
  const params = new URLSearchParams(search);
  return params.has('state') && (params.has('code') || params.has('error'));
};

/**
 * Finishes a sign-in the identity provider sent back to `search`: the state must be the one this
 * tab sent (else a forged or stale redirect), then the code is exchanged with the verifier.
 */
export const completeSignIn = async (search: string, storage: Storage, fetchFn: typeof fetch = fetch, now: () => number = Date.now): Promise<OidcToken> => {
  const params = new URLSearchParams(search);
  const raw = storage.getItem(PENDING_KEY);
  storage.removeItem(PENDING_KEY);
  const pending = raw ? (JSON.parse(raw) as Pending) : null;
  if (!pending || params.get('state') !== pending.state)
    throw new OidcSignInFailed('The sign-in could not be completed (it was not started in this tab, or it was already used): try again.');
  const error = params.get('error');
  if (error)
    throw new OidcSignInFailed(
      error === 'access_denied' ? 'The sign-in was cancelled or refused at your identity provider.' : `Your identity provider refused the sign-in (${error}).`,
    );
  const code = params.get('code');
  if (!code) throw new OidcSignInFailed('Your identity provider sent no authorization code: try again.');
  let response: Response;
  try {
    response = await fetchFn(pending.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: pending.redirectUri,
        client_id: pending.clientId,
        code_verifier: pending.verifier,
      }),
    });
  } catch {
    throw new OidcSignInFailed('Your identity provider cannot be reached: try again.');
  }
  const body = (await response.json().catch(() => null)) as { access_token?: unknown; expires_in?: unknown; error?: unknown } | null;
  if (!response.ok || typeof body?.access_token !== 'string')
    throw new OidcSignInFailed(`Your identity provider did not issue a token${typeof body?.error === 'string' ? ` (${body.error})` : ''}: try again.`);
  return { token: body.access_token, expiresAt: typeof body.expires_in === 'number' ? now() + body.expires_in * 1000 : null };
};

/** How this installation lets people sign in; API keys only when it cannot be read. */
export const fetchSignInOptions = async (fetchFn: typeof fetch = fetch): Promise<SignInOptions> => {
  try {
    const response = await fetchFn('/auth/sign-in-options', { headers: { accept: 'application/json' } });
    if (!response.ok) return { apiKey: true, oidc: null };
    return (await response.json()) as SignInOptions;
  } catch {
    return { apiKey: true, oidc: null };
  }
};
