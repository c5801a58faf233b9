import { beforeEach, describe, expect, it, vi } from 'vitest';
import { authorizationUrl, challengeOf, completeSignIn, isRedirectBack, OidcSignInFailed, randomToken, type OidcOptions } from './oidc';

const OPTIONS: OidcOptions = {
  issuer: 'https://idp.example/',
  clientId: 'rolebook-dashboard',
  authorizationEndpoint: 'https://idp.example/authorize?prompt=login',
  tokenEndpoint: 'https://idp.example/token',
  scopes: 'openid profile',
};
const ORIGIN = { origin: 'https://rolebook.example' };

beforeEach(() => sessionStorage.clear());

const started = async () => new URL(await authorizationUrl(OPTIONS, sessionStorage, ORIGIN));
const tokenResponse = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('PKCE', () => {
  it('derives the S256 challenge of RFC 7636, appendix B', async () => {
    expect(await challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes verifiers and states of 43 base64url characters, never the same twice', () => {
    const tokens = new Set(Array.from({ length: 50 }, randomToken));
    expect(tokens.size).toBe(50);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('the authorization request', () => {
  it("asks for a code for this client with the S256 challenge of a verifier kept in the tab, keeping the endpoint's own parameters", async () => {
    const url = await started();
    expect(url.origin + url.pathname).toBe('https://idp.example/authorize');
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({
      response_type: 'code',
      client_id: 'rolebook-dashboard',
      redirect_uri: 'https://rolebook.example/',
      scope: 'openid profile',
      code_challenge_method: 'S256',
    });
    expect(params['prompt']).toBe('login');
    const pending = JSON.parse(sessionStorage.getItem('rolebook.oidcPending')!) as { state: string; verifier: string };
    expect(params['state']).toBe(pending.state);
    expect(params['code_challenge']).toBe(await challengeOf(pending.verifier));
    expect(JSON.stringify(params)).not.toContain(pending.verifier);
  });
});

describe('the way back', () => {
  it('is recognised by its state with a code or an error', () => {
    expect(isRedirectBack('?code=c&state=s')).toBe(true);
    expect(isRedirectBack('?error=access_denied&state=s')).toBe(true);
    expect(isRedirectBack('?code=c')).toBe(false);
    expect(isRedirectBack('')).toBe(false);
  });

  it('exchanges the code with the verifier for the access token, and knows when it expires', async () => {
    const state = (await started()).searchParams.get('state')!;
    const { verifier } = JSON.parse(sessionStorage.getItem('rolebook.oidcPending')!) as { verifier: string };
    const fetchFn = vi.fn(async () => tokenResponse(200, { access_token: 'eyJ.token', token_type: 'Bearer', expires_in: 300, id_token: 'eyJ.id' }));
    const token = await completeSignIn(`?code=the-code&state=${state}`, sessionStorage, fetchFn, () => 1_000);
    expect(token).toEqual({ token: 'eyJ.token', expiresAt: 301_000 });
    const [url, init] = fetchFn.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://idp.example/token');
    expect(init.method).toBe('POST');
    expect(Object.fromEntries(init.body as URLSearchParams)).toEqual({
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: 'https://rolebook.example/',
      client_id: 'rolebook-dashboard',
      code_verifier: verifier,
    });
    // used once: the same answer again is refused without asking the identity provider
    await expect(completeSignIn(`?code=the-code&state=${state}`, sessionStorage, fetchFn)).rejects.toBeInstanceOf(OidcSignInFailed);
    expect(fetchFn).toHaveBeenCalledTimes(1);
  });

  it('refuses a state this tab did not send, without exchanging the code', async () => {
    await started();
    const fetchFn = vi.fn();
    await expect(completeSignIn('?code=stolen&state=forged', sessionStorage, fetchFn)).rejects.toThrow(/not started in this tab/);
    expect(fetchFn).not.toHaveBeenCalled();
  });

  it('says when the identity provider refused, or issued no token', async () => {
    let state = (await started()).searchParams.get('state')!;
    await expect(completeSignIn(`?error=access_denied&state=${state}`, sessionStorage, vi.fn())).rejects.toThrow(
      'The sign-in was cancelled or refused at your identity provider.',
    );
    state = (await started()).searchParams.get('state')!;
    const refused = vi.fn(async () => tokenResponse(400, { error: 'invalid_grant' }));
    await expect(completeSignIn(`?code=c&state=${state}`, sessionStorage, refused)).rejects.toThrow(
      'Your identity provider did not issue a token (invalid_grant): try again.',
    );
    state = (await started()).searchParams.get('state')!;
    const unreachable = vi.fn(async () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(completeSignIn(`?code=c&state=${state}`, sessionStorage, unreachable)).rejects.toThrow('Your identity provider cannot be reached: try again.');
  });
});
