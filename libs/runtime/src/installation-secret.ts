// The installation's secret: API key hashes and request hashes are keyed with it, so neither the
// access store nor the event log alone lets anyone test a guess. INSTALLATION_SECRET when set
// (required with DATABASE_URL: every replica must key alike); otherwise generated once into
// DATA_DIR (which the API and the worker share), readable by its owner only.
import type { Config } from '@rolebook/config';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const embeddedSecret = (dataDir: string): string => {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'installation-secret');
  try {
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // another process of the installation made it first: use theirs
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
};

export const installationSecret = (config: Pick<Config, 'INSTALLATION_SECRET' | 'DATA_DIR'>): string =>
  config.INSTALLATION_SECRET ?? embeddedSecret(config.DATA_DIR);
