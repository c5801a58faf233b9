// The dashboard's sign-in at an identity provider, as a person uses it: the built app served by
// the built API configured with a (stand-in) IdP, in headless Chromium. The sign-in page offers
// the IdP beside API keys; the authorization code flow with PKCE comes back to the chart; a
// forged redirect is refused; an expired token brings back the sign-in, whether the dashboard
// knew when it expires or the API refused it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { webCsp } from '../apps/api/src/http/web-app';
import { describeWithChromium, launchChromium, screenshotDir } from './support/browser';
import { API_READY, children, start } from './support/built-app';
import { startOidcIssuer, type OidcIssuer } from './support/oidc-issuer';

const CLIENT_ID = 'rolebook-dashboard';
const maya = (page: Page) => page.locator('.person-node', { has: page.getByRole('link', { name: 'Maya Chen', exact: true }) });

describeWithChromium('the web dashboard with an identity provider', () => {
  let dir: string;
  let base: string;
  let idp: OidcIssuer;
  let browser: Browser;
  let page: Page;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    idp = await startOidcIssuer({ clientId: CLIENT_ID, audience: 'rolebook' });
    idp.configure({ claims: { rolebook_tenant: 'default', rolebook_role: 'viewer' } });
    dir = mkdtempSync(join(tmpdir(), 'rolebook-web-oidc-'));
    const api = await start(
      'api',
      {
        DATA_DIR: dir,
        PORT: '0',
        HOST: '127.0.0.1',
        OIDC_JWKS_URL: idp.jwksUrl,
        OIDC_ISSUER: idp.issuer,
        OIDC_AUDIENCE: 'rolebook',
        OIDC_ALGORITHMS: 'ES256',
        OIDC_CLOCK_TOLERANCE_S: '0',
        OIDC_WEB_CLIENT_ID: CLIENT_ID,
        OIDC_AUTHORIZATION_URL: idp.authorizationUrl,
        OIDC_TOKEN_URL: idp.tokenUrl,
        OIDC_WEB_SCOPES: 'openid profile',
      },
      API_READY,
      90_000,
    );
    base = new URL(api.match[1]!).origin;
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.exposeFunction('reportCspViolation', (text: string) => cspViolations.push(text));
    await page.addInitScript({
      content: "document.addEventListener('securitypolicyviolation', (e) => window.reportCspViolation(e.violatedDirective + ' ' + e.blockedURI));",
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    for (const child of children) child.kill('SIGKILL');
    await idp?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('advertises the identity provider publicly, and lets the dashboard post to its token endpoint only', async () => {
    const options = await fetch(`${base}/auth/sign-in-options`);
    expect(options.status).toBe(200);
    expect(await options.json()).toEqual({
      apiKey: true,
      oidc: { issuer: idp.issuer, clientId: CLIENT_ID, authorizationEndpoint: idp.authorizationUrl, tokenEndpoint: idp.tokenUrl, scopes: 'openid profile' },
    });
    const index = await fetch(`${base}/`);
    expect(index.headers.get('content-security-policy')).toBe(webCsp(idp.tokenUrl));
    expect(index.headers.get('content-security-policy')).toContain(`connect-src 'self' ${new URL(idp.tokenUrl).origin};`);
  });

  it('signs in at the identity provider (code with PKCE) and draws the chart with its token', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('textbox', { name: 'API key' }).waitFor();
    await page.getByRole('button', { name: `Sign in with ${new URL(idp.issuer).host}` }).click();
    await page.getByRole('heading', { name: 'Org chart' }).waitFor();
    await maya(page).waitFor();
    expect(idp.exchanged).toBe(1);
    expect(idp.refused).toEqual([]);
    // the code and state left the address bar
    expect(new URL(page.url()).search).toBe('');
    await page.screenshot({ path: join(screenshotDir(), 'oidc-signed-in.png') });
  }, 60_000);

  it('refuses a redirect this tab did not start, without asking the identity provider', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`${base}/?code=stolen&state=forged`);
    await page.getByText('The sign-in could not be completed (it was not started in this tab, or it was already used): try again.').waitFor();
    expect(idp.exchanged).toBe(1);
    expect(new URL(page.url()).search).toBe('');
  }, 60_000);

  it('brings back the sign-in when the token expires', async () => {
    idp.configure({ lifetimeSeconds: 3 });
    await page.getByRole('button', { name: /^Sign in with/ }).click();
    await maya(page).waitFor();
    await page.getByText('Your sign-in has expired: sign in again.').waitFor({ timeout: 15_000 });
    await page.getByRole('textbox', { name: 'API key' }).waitFor();
  }, 60_000);

  it('brings back the sign-in when the API refuses an expired token the dashboard did not know the expiry of', async () => {
    idp.configure({ lifetimeSeconds: 3, expiresIn: false });
    await page.getByRole('button', { name: /^Sign in with/ }).click();
    await maya(page).waitFor();
    await page.waitForTimeout(4_000);
    // the next request is refused (401): back to the sign-in
    await page.getByRole('link', { name: 'Drift' }).click();
    await page.getByText('Your sign-in has expired or was refused: sign in again.').waitFor({ timeout: 15_000 });
    expect(idp.exchanged).toBe(3);
  }, 60_000);

  it('broke no content security rule', () => {
    expect(cspViolations).toEqual([]);
  });
});
