// rolebook rebuild --beside against the built API while it serves: every request in the meantime
// is answered (from the live model, then from the rebuilt one, never from a half-built one), a
// change made during the rebuild is there after the switch, the answers after it are those before
// plus the changes, the replaced file is deleted, and a restart reads the rebuilt file. A rebuild
// asked for while no API runs is switched to at the API's start; a second one meanwhile is refused.
import { eventually } from '@rolebook/event-store/testing';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminKeyIn, API_READY, children, CLI, entry, gql, run, start, stop } from './support/built-app';

const ORG =
  '{ people(first: 100) { totalCount edges { node { id name } } } roles { totalCount } teams { totalCount } org { stats { headcount roles activeAssignments } } }';
const REBUILT = /^read-model\.rebuilt-[0-9TZ]+\.db$/;

describe('rolebook rebuild --beside', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(entry('api'))) throw new Error('dist is missing: npm test builds it first (npm run build)');
    dir = mkdtempSync(join(tmpdir(), 'rolebook-beside-'));
  });
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('rebuilds beside the live read model while the API answers, and switches to it without a restart', async () => {
    const env = { DATA_DIR: dir, PORT: '0' };
    const api = await start('api', env, API_READY);
    const url = api.match[1]!;
    const key = adminKeyIn(api.output());
    const before = await gql(url, key, ORG);
    expect(before.errors).toBeUndefined();

    // queries one after another for as long as the rebuild and the switch take
    const failures: unknown[] = [];
    let answered = 0;
    let rebuilding = true;
    const asking = (async () => {
      while (rebuilding) {
        const answer = await gql(url, key, ORG).catch((error: unknown) => ({ data: null, errors: [String(error)] }));
        if (answer.errors) failures.push(answer.errors);
        answered++;
      }
    })();
    const rebuild = run(CLI, env, ['rebuild', '--beside', '--wait', '60']);
    const defined = await gql(url, key, 'mutation { defineRole(input: { name: "Defined during the rebuild", purpose: "x" }) { role { id } } }');
    expect(defined.errors).toBeUndefined();
    const done = await rebuild;
    rebuilding = false;
    await asking;

    expect(done).toMatchObject({ code: 0 });
    expect(done.stdout).toMatch(/Rebuilding read-model into read-model\.rebuilt-[0-9TZ]+\.db, beside the live read-model\.db/);
    expect(done.stdout).toMatch(/Switched: the service reads read-model\.rebuilt-[0-9TZ]+\.db/);
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(0);
    expect(api.output()).toContain('read model switched');

    const after = await gql(url, key, ORG);
    expect(after.data).toEqual({
      ...before.data,
      roles: { totalCount: before.data.roles.totalCount + 1 },
      org: { stats: { ...before.data.org.stats, roles: before.data.org.stats.roles + 1 } },
    });
    const role = await gql(url, key, 'query ($id: ID!) { role(id: $id) { name } }', { id: defined.data.defineRole.role.id });
    expect(role.data).toEqual({ role: { name: 'Defined during the rebuild' } });
    // a change after the switch lands in the rebuilt model
    await gql(url, key, 'mutation { defineRole(input: { name: "Defined after the switch", purpose: "x" }) { version } }');
    expect((await gql(url, key, '{ roles { totalCount } }')).data.roles.totalCount).toBe(before.data.roles.totalCount + 2);

    const live = readFileSync(join(dir, 'read-model.live'), 'utf8');
    expect(live).toMatch(REBUILT);
    await eventually(() => expect(existsSync(join(dir, 'read-model.db'))).toBe(false), 15_000); // deleted once closed
    expect(await stop(api.child)).toBe('code 0');

    // a restart reads the rebuilt file
    const again = await start('api', env, API_READY);
    expect((await gql(again.match[1]!, key, '{ roles { totalCount } }')).data.roles.totalCount).toBe(before.data.roles.totalCount + 2);
    expect(await stop(again.child)).toBe('code 0');

    // no API running: the rebuilt file waits for the next start; a second rebuild meanwhile is refused
    const offline = await run(CLI, env, ['rebuild', '--beside', '--wait', '0']);
    expect(offline.code).toBe(0);
    expect(offline.stdout).toMatch(/switches to read-model\.rebuilt-[0-9TZ]+\.db as soon as it runs/);
    const waiting = readFileSync(join(dir, 'read-model.switch'), 'utf8');
    const second = await run(CLI, env, ['rebuild', '--beside']);
    expect(second).toMatchObject({ code: 1 });
    expect(second.stderr).toContain(`${waiting} waits to be switched to`);
    const third = await start('api', env, API_READY);
    expect(readFileSync(join(dir, 'read-model.live'), 'utf8')).toBe(waiting);
    expect(existsSync(join(dir, 'read-model.switch'))).toBe(false);
    expect(existsSync(join(dir, live))).toBe(false);
    expect((await gql(third.match[1]!, key, '{ roles { totalCount } }')).data.roles.totalCount).toBe(before.data.roles.totalCount + 2);
    expect(await stop(third.child)).toBe('code 0');
  }, 180_000);
});
