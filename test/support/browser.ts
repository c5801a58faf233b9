// Headless Chromium for the dashboard's browser tests: Debian's `chromium` package (installed by
// .ci/run) driven by playwright-core. Without it the suite skips saying so; REQUIRE_SERVICES=1 (CI)
// makes a missing browser a failure.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { root } from './built-app';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM_PATH);

if (!chromiumAvailable && process.env.REQUIRE_SERVICES === '1') throw new Error(`REQUIRE_SERVICES=1 but no Chromium at ${CHROMIUM_PATH}`);

export const describeWithChromium = (name: string, body: () => void): void =>
  chromiumAvailable ? describe(name, body) : describe.skip(`${name} (no Chromium at ${CHROMIUM_PATH}: apt-get install chromium)`, body);

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });

/** Every screenshot a run takes (gitignored); with UPDATE_README_SCREENSHOTS=1 the README's are written to docs/screenshots too. */
export const screenshotDir = (): string => {
  const dir = join(root, 'test', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
};
export const readmeScreenshotDir = (): string | null => {
  if (process.env.UPDATE_README_SCREENSHOTS !== '1') return null;
  const dir = join(root, 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
};
