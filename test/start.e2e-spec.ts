// The README's start command, as a user runs it: the built API as a real Node process (which
// loads Nest 12 through Node's require(esm), unlike jest), on a fresh data directory.
import { openReadModelDb } from '@rolebook/projections';
import { spawnSync } from 'node:child_process';
import { dumpReadModel } from '@rolebook/projections/testing';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminKeyIn, API_READY, children, entry, gql, root, start, stop } from './support/built-app';

describe('npm start', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(entry('api'))) throw new Error('dist is missing: npm test builds it first (npm run build)');
    dir = mkdtempSync(join(tmpdir(), 'rolebook-start-'));
  });
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the demo organization from a fresh data directory, prints its URL, and keeps data across restarts', async () => {
    const env = { DATA_DIR: dir, PORT: '0' };
    const first = await start('api', env, API_READY);
    const url = first.match[1]!;
    expect(first.output()).toContain('demo organization loaded');
    // the first start prints the one admin key; nothing answers without a key
    const key = adminKeyIn(first.output());
    expect(
      await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ roles { totalCount } }"}' })).json(),
    ).toMatchObject({
      errors: [{ extensions: { code: 'UNAUTHENTICATED' } }],
    });
    const org = await gql(url, key, '{ roles { totalCount } people { totalCount } teams { totalCount } }');
    expect(org.data).toEqual({ roles: { totalCount: 7 }, people: { totalCount: 9 }, teams: { totalCount: 3 } });
    const history = await gql(url, key, '{ people(asOf: "2025-02-01T00:00:00Z") { totalCount } }');
    expect(history.data.people.totalCount).toBe(7);
    await gql(url, key, 'mutation { defineRole(input: { name: "Added after start", purpose: "x" }) { version } }');
    expect(await stop(first.child)).toBe('code 0');

    const second = await start('api', env, API_READY);
    expect(second.output()).not.toContain('demo organization loaded');
    expect(second.output()).not.toMatch(/rbk_/);
    expect((await gql(second.match[1]!, key, '{ roles { totalCount } }')).data.roles.totalCount).toBe(8);

    // without Redis the API runs drift checks itself, and the worker says it has nothing to do
    await expect(start('worker', env, /never/)).rejects.toThrow(/exited with 1[\s\S]*REDIS_URL/);
    expect((await gql(second.match[1]!, key, '{ driftRuns { totalCount } }')).data.driftRuns.totalCount).toBeGreaterThanOrEqual(1);
    expect(await stop(second.child)).toBe('code 0');

    // rolebook rebuild (npm run rebuild-read-model), with the service stopped: same read model, progress printed
    const readModel = () => {
      const db = openReadModelDb(join(dir, 'read-model.db'));
      const dump = dumpReadModel(db);
      db.close();
      return dump;
    };
    const before = readModel();
    const rebuild = spawnSync(process.execPath, [join(root, 'dist/apps/cli/src/main.js'), 'rebuild'], { env: { ...process.env, ...env }, encoding: 'utf8' });
    expect(rebuild.status).toBe(0);
    expect(rebuild.stdout).toMatch(/\d+ events, position \d+\/\d+ \(100%\)/);
    expect(rebuild.stdout).toMatch(/Rebuilt read-model: \d+ events/);
    expect(readModel()).toEqual(before);
  }, 60_000);

  it('refuses to start with a wrong setting, naming it', async () => {
    await expect(start('api', { DATA_DIR: dir, PORT: 'eighty' }, /never/)).rejects.toThrow(/exited with 1[\s\S]*PORT/);
  }, 60_000); // loading Nest takes seconds on a busy machine, before the setting is read
});
