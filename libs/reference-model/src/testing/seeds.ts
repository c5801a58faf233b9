// The seed texts the reference model cites live outside the repository (SEEDS_DIR, relative to
// the repository root, ../shared/seeds by default, as the runtime reads it). Tests that need them
// run wherever they are present; CI requires them (fails when they are missing); elsewhere (a
// fresh clone with nothing beside it) those tests are skipped, saying so and why.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SEEDS = resolve(__dirname, '../../../..', process.env['SEEDS_DIR'] ?? '../shared/seeds');

export const seedsAvailable = existsSync(SEEDS) && readdirSync(SEEDS).length > 0;

if (!seedsAvailable && (process.env['CI'] === 'true' || process.env['REQUIRE_SERVICES'] === '1')) {
  throw new Error(`CI requires the seed texts, but SEEDS_DIR (${SEEDS}) is missing or empty`);
}

export const readSeeds = (): Record<string, string> => Object.fromEntries(readdirSync(SEEDS).map((f) => [f, readFileSync(join(SEEDS, f), 'utf8')]));

/** it() when the seed texts are present; otherwise a skipped test that says why. */
export const itWithSeeds = (name: string, body: jest.ProvidesCallback): void =>
  seedsAvailable ? it(name, body) : it.skip(`${name} (skipped: no seed texts at SEEDS_DIR ${SEEDS}; CI requires them)`, body);
