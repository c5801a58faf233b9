// The dashboard as a person uses it: the built app served by the built API (`npm start`), in
// headless Chromium, on the demo organization. Sign in, move the time slider and see a manager
// change, open a person's history, waive a drift finding, compare two dates.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@rolebook/event-store/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { WEB_CSP } from '../apps/api/src/http/web-app';
import { describeWithChromium, launchChromium, readmeScreenshotDir, screenshotDir } from './support/browser';
import { adminKeyIn, API_READY, children, entry, gql, root, start } from './support/built-app';
import { lowContrastText } from './support/contrast';

// demo people (apps/api/src/demo): Elena reported to Luis until 1 February 2026, then to Maya
const ELENA = '/people/';
// edges are SVG paths Playwright never deems visible: present is what counts
const edge = (page: Page, from: string, to: string) => page.locator(`[data-id="${from}->${to}"]`);
const byName = (page: Page, name: string) => page.locator('.person-node', { has: page.getByRole('link', { name, exact: true }) });
/**
 * Finds a person with the chart's search and brings them into view: the chart draws only what is
 * in view (10,000 people), so a person or line elsewhere on the canvas is not in the page.
 */
const reveal = async (page: Page, name: string) => {
  await page.locator('#chart-search').fill(name);
  await page.locator('.search-results button', { hasText: name }).first().click();
  await page.locator('#chart-search').fill('');
  await byName(page, name).waitFor();
};

describeWithChromium('the web dashboard', () => {
  let dir: string;
  let base: string;
  let key: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const cspViolations: string[] = [];
  const consoleErrors: string[] = [];

  const shot = async (name: string, readme = false) => {
    const buffer = await page.screenshot({ fullPage: false });
    writeFileSync(join(screenshotDir(), `${name}.png`), buffer);
    const docs = readmeScreenshotDir();
    if (readme && docs) writeFileSync(join(docs, `${name}.png`), buffer);
  };

  beforeAll(async () => {
    if (!existsSync(entry('api')) || !existsSync(join(root, 'dist/web/index.html')))
      throw new Error('dist is missing: npm test builds it first (npm run build)');
    dir = mkdtempSync(join(tmpdir(), 'rolebook-web-'));
    const api = await start('api', { DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1' }, API_READY, 90_000);
    key = adminKeyIn(api.output());
    base = new URL(api.match[1]!).origin;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/Berlin' });
    page = await context.newPage();
    // the build machines are shared: give the page time, not the test a race
    page.setDefaultTimeout(20_000);
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.exposeFunction('reportCspViolation', (text: string) => cspViolations.push(text));
    await page.addInitScript({
      content: "document.addEventListener('securitypolicyviolation', (e) => window.reportCspViolation(e.violatedDirective + ' ' + e.blockedURI));",
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    for (const child of children) child.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is served at / under its own CSP; the API and GraphiQL keep theirs', async () => {
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(WEB_CSP);
    const html = await index.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${base}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    const graphiql = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(graphiql.headers.get('content-security-policy')).toContain('unpkg.com');
  });

  it('refuses a malformed key, signs in with the admin key and draws the demo org', async () => {
    await page.goto(`${base}/`);
    await page.getByLabel('API key').fill('not-a-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That is not an API key').waitFor();
    // by keyboard: Enter in the field signs in
    await page.getByLabel('API key').fill(key);
    await page.getByLabel('API key').press('Enter');
    await page.getByRole('heading', { name: 'Org chart' }).waitFor();
    await byName(page, 'Maya Chen').waitFor();
    await byName(page, 'Elena Petrova').waitFor();
    // today Elena reports to Maya: the edge from Maya to Elena is drawn
    const elenaId = await byName(page, 'Elena Petrova').getAttribute('data-person-id');
    const mayaId = await byName(page, 'Maya Chen').getAttribute('data-person-id');
    expect(await edge(page, mayaId!, elenaId!).count()).toBe(1);
    await expect(byName(page, 'Elena Petrova').textContent()).resolves.toContain('Product Designer');
    await shot('org-chart', true);
  }, 60_000);

  it('moves the time slider back and shows Elena reporting to Luis, then forward again', async () => {
    const elenaId = (await byName(page, 'Elena Petrova').getAttribute('data-person-id'))!;
    const luisId = (await byName(page, 'Luis Ortega').getAttribute('data-person-id'))!;
    const mayaId = (await byName(page, 'Maya Chen').getAttribute('data-person-id'))!;
    const slider = page.getByRole('slider', { name: /In effect on/ });
    const max = Number(await slider.getAttribute('max'));
    // the slider starts on the org's first day (6 January 2025); 1 June 2025 is 146 days later
    await slider.fill('146');
    await eventually(async () => expect(await page.locator('#as-of-date').inputValue()).toBe('2025-06-01'), 20_000);
    // the list view says it in words
    await page.getByRole('button', { name: 'List' }).click();
    await page.locator('.people-row', { hasText: 'Elena Petrova' }).getByText('reports to Luis Ortega').waitFor();
    // and the chart draws the line (brought into view: the chart draws only what is in view)
    await page.getByRole('button', { name: 'Chart' }).click();
    await reveal(page, 'Elena Petrova');
    await edge(page, luisId, elenaId).waitFor({ state: 'attached' });
    expect(await edge(page, mayaId, elenaId).count()).toBe(0);
    // Grace joined in September 2025: not in the org in June
    await page.locator('#chart-search').fill('Grace Lee');
    await page.getByText('Nobody matches.').waitFor();
    await page.locator('#chart-search').fill('');
    await slider.fill(String(max));
    await page.getByRole('button', { name: 'List' }).click();
    await page.locator('.people-row', { hasText: 'Elena Petrova' }).getByText('reports to Maya Chen').waitFor();
    await page.getByRole('button', { name: 'Chart' }).click();
    await reveal(page, 'Elena Petrova');
    await edge(page, mayaId, elenaId).waitFor({ state: 'attached' });
  }, 60_000);

  it('updates the chart when a change is recorded, without a reload', async () => {
    await gql(
      `${base}/graphql`,
      key,
      'mutation { registerPerson(input: { name: "Noor Haddad", title: "Data Analyst", idempotencyKey: "web-e2e-noor" }) { person { id } } }',
    );
    // found by the chart's search, which reads the org the chart holds: it was read again
    await reveal(page, 'Noor Haddad');
  }, 60_000);

  it("opens a person's history: who changed what, when, why and from where", async () => {
    await reveal(page, 'Elena Petrova');
    // by keyboard: a pointer could land on the canvas while it still pans to her
    await byName(page, 'Elena Petrova').getByRole('link', { name: 'Elena Petrova', exact: true }).press('Enter');
    await page.getByRole('heading', { name: 'Elena Petrova' }).waitFor();
    expect(page.url()).toContain(`#${ELENA}`);
    const timeline = page.getByRole('list', { name: 'History of Elena Petrova' });
    await timeline.getByText('Joined as Product Designer').waitFor();
    const move = timeline.locator('.timeline-item[data-type="ManagerSet"]').last();
    await move.getByRole('link', { name: 'Maya Chen' }).waitFor();
    await expect(move.locator('time').textContent()).resolves.toBe('1 Feb 2026');
    // the demo organization is written by the system's demo loader, back-dated, with a reason
    await expect(move.textContent()).resolves.toMatch(/Recorded .* by demo-loader \(system\)back-datedWhy: demo data/);
    await page.getByRole('cell', { name: 'Product Designer' }).waitFor();
    await shot('person-history');
  }, 60_000);

  it('shows open drift findings grouped by rule with their cited passage, and waives one with a reason', async () => {
    await page.getByRole('link', { name: 'Drift' }).click();
    await page.getByRole('heading', { name: 'Drift', exact: true }).waitFor();
    const findings = page.locator('.finding');
    await findings.first().waitFor();
    const before = await findings.count();
    expect(before).toBeGreaterThan(0);
    expect(await page.locator('.rule-group h2').count()).toBeGreaterThan(1);
    expect((await findings.first().locator('blockquote').textContent())!.length).toBeGreaterThan(20);
    // a team's finding names the team
    await page.locator('.finding-subject', { hasText: 'team Core Platform' }).waitFor();
    await shot('drift', true);

    const finding = findings.first();
    const findingId = (await finding.getAttribute('data-finding-id'))!;
    await finding.getByRole('button', { name: 'Waive…' }).click();
    await finding.getByRole('button', { name: 'Waive', exact: true }).click();
    await finding.getByText('Say why this finding is accepted.').waitFor();
    await finding.getByLabel('Reason').fill('Accepted until the Q3 reorg');
    await finding.getByRole('button', { name: 'Waive', exact: true }).click();
    await page.locator(`.finding[data-finding-id="${findingId}"]`).waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'Resolved and waived' }).click();
    const waived = page.locator(`.finding[data-finding-id="${findingId}"]`);
    await waived.getByText(/Accepted until the Q3 reorg/).waitFor();
    const recorded = await gql(`${base}/graphql`, key, '{ driftFindings(filter: { status: [WAIVED] }) { edges { node { id waiver { reason } } } } }');
    expect(recorded.data.driftFindings.edges).toEqual([{ node: { id: findingId, waiver: { reason: 'Accepted until the Q3 reorg' } } }]);
  }, 60_000);

  it('runs a drift check and shows its outcome', async () => {
    await page.getByRole('tab', { name: 'Open' }).click();
    await page.getByRole('button', { name: 'Run a check now' }).click();
    await page.getByText(/Checked .* in \d+ ms: \d+ new, \d+ resolved, \d+ open\./).waitFor({ timeout: 15_000 });
  }, 60_000);

  it('lists who joined, left, moved and changed title between two dates, and marks them on the chart', async () => {
    await page.getByRole('link', { name: 'What changed' }).click();
    await page.getByLabel('From', { exact: true }).fill('2025-06-01');
    const joined = page.locator('.diff-joined');
    await joined.getByText('Grace Lee').waitFor();
    await page.locator('.diff-left').getByText('Tom Becker').waitFor();
    await page.locator('.diff-moved').getByText('Elena Petrova').waitFor();
    await page.locator('.diff-moved').getByRole('link', { name: 'Luis Ortega' }).waitFor();
    await page.locator('.diff-title').getByText('Senior Product Manager').waitFor();
    await page.locator('.person-node.highlight-joined', { hasText: 'Grace Lee' }).waitFor();
    await page.locator('.person-node.highlight-moved', { hasText: 'Elena Petrova' }).waitFor();
    await shot('diff');
  }, 60_000);

  it('shows every text at WCAG AA contrast on the chart, a person, drift and the diff', async () => {
    // the diff page is open (previous test), with the chart's highlights
    expect(await lowContrastText(page)).toEqual([]);
    for (const [link, ready] of [
      ['Org chart', () => byName(page, 'Maya Chen').waitFor()],
      ['Drift', () => page.locator('.finding').first().waitFor()],
    ] as const) {
      await page.getByRole('link', { name: link, exact: true }).first().click();
      await ready();
      expect({ page: link, low: await lowContrastText(page) }).toEqual({ page: link, low: [] });
    }
    await page.getByRole('tab', { name: 'Resolved and waived' }).click();
    await page.locator('.finding').first().waitFor();
    expect(await lowContrastText(page)).toEqual([]);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Org chart' }).click();
    await page.getByRole('link', { name: 'Elena Petrova', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Elena Petrova' }).waitFor();
    expect(await lowContrastText(page)).toEqual([]);
  }, 60_000);

  it("is usable by keyboard: the skip link, then Tab to a person's reports and open them with Enter", async () => {
    // a fresh load of the chart: the focus starts at the top of the page
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Org chart' }).click();
    await page.reload();
    await byName(page, 'Maya Chen').waitFor();
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement.textContent')).resolves.toBe('Skip to content');
    await page.keyboard.press('Enter');
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe('main');
    // Tab on until a person's "Show/Hide … reports" button has the focus, then flip it with Enter
    let label = '';
    for (let i = 0; i < 80 && !/^(Show|Hide) \d+ reports?$/.test(label); i++) {
      await page.keyboard.press('Tab');
      label = String(await page.evaluate('document.activeElement.textContent'));
    }
    expect(label).toMatch(/^(Show|Hide) \d+ reports?$/);
    const expanded = await page.evaluate('document.activeElement.getAttribute("aria-expanded")');
    const shownBefore = await page.locator('.person-node').count();
    await page.keyboard.press('Enter');
    await expect(page.evaluate('document.activeElement.getAttribute("aria-expanded")')).resolves.toBe(expanded === 'true' ? 'false' : 'true');
    await page.waitForFunction(`document.querySelectorAll('.person-node').length ${expanded === 'true' ? '<' : '>'} ${shownBefore}`);
    // the focus stays on the button, and shows where it is
    expect(String(await page.evaluate('document.activeElement.textContent'))).toMatch(expanded === 'true' ? /^Show/ : /^Hide/);
    await expect(page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).resolves.not.toBe('none');
    await page.keyboard.press('Enter');
  }, 60_000);

  it('sends an expired or revoked key back to the sign-in, saying why', async () => {
    const created = await gql(`${base}/graphql`, key, 'mutation { createApiKey(input: { name: "web-e2e-viewer", role: VIEWER }) { secret apiKey { id } } }');
    const viewer = created.data.createApiKey;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').fill(viewer.secret);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // a viewer sees the chart, and is told which role drift needs
    await byName(page, 'Maya Chen').waitFor();
    await page.getByRole('link', { name: 'Drift' }).click();
    await page.getByText('You need the auditor role to see this.').first().waitFor();
    await gql(`${base}/graphql`, key, `mutation { revokeApiKey(input: { id: "${viewer.apiKey.id}" }) { revokedAt } }`);
    // the dashboard learns it at its next request: the next page's, or a live feed's first
    // (then the sign-in is already back and there is no link to follow)
    await page
      .getByRole('link', { name: 'Org chart' })
      .click({ timeout: 2000 })
      .catch(() => undefined);
    await page.getByText('Your key was refused or has expired: sign in again.').waitFor();
    await page.getByLabel('API key').waitFor();
  }, 60_000);

  it('broke no content security rule and logged no error but the refusals it provoked', () => {
    expect(cspViolations).toEqual([]);
    expect(consoleErrors.filter((e) => !/status of (401|403)/.test(e))).toEqual([]);
  });
});
