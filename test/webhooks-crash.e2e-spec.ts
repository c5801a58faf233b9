// Embedded mode (no Redis): the built API processes HRIS deliveries in its own process. Killed in
// the middle of one, it finishes it at its next start (once the claim of the attempt cut short has
// lapsed: WEBHOOK_CLAIM_MS), with every change made exactly once.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@rolebook/event-store/testing';
import { adminKeyIn, API_READY, children, entry, exited, gql, start } from './support/built-app';
import { bambooHires, defineProductRoles, deliveriesOf, expectEveryHireOnce, fromBamboo, logCounter, type Gql } from './support/crash-scenario';
import { integrations } from './support/hris-signing';

const SETTLE_MS = 20_000;

describe('an HRIS delivery cut short by a crash of the API (embedded mode)', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(entry('api'))) throw new Error('dist is missing: npm test builds it first (npm run build)');
    dir = mkdtempSync(join(tmpdir(), 'rolebook-crash-'));
  });
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('is finished at the next start: every change once, none lost', async () => {
    const n = 300;
    const env = {
      DATA_DIR: dir,
      PORT: '0',
      DEMO_DATA: 'false',
      HRIS_INTEGRATIONS: integrations(),
      DRIFT_SCHEDULE_MS: '0',
      DRIFT_DEBOUNCE_MS: '600000',
      WEBHOOK_CLAIM_MS: '1000',
    };
    const first = await start('api', env, API_READY);
    const key = adminKeyIn(first.output());
    const firstGql: Gql = (query, variables) => gql(first.match[1]!, key, query, variables);
    await defineProductRoles(firstGql);
    const batch = bambooHires(n);
    const response = await fetch(first.match[1]!.replace('/graphql', '/webhooks/bamboohr'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...batch.headers },
      body: batch.raw,
    });
    expect(response.status).toBe(202);
    // watched in the log itself, not through the API, whose event loop is busy with the delivery
    const log = logCounter(dir);
    const hrisEvents = () => log.count() - 2; // less the two roles
    await eventually(() => expect(hrisEvents()).toBeGreaterThanOrEqual(10), SETTLE_MS);
    first.child.kill('SIGKILL');
    await exited(first.child);
    const cutAt = hrisEvents();
    log.close();
    expect(cutAt).toBeGreaterThan(0);
    expect(cutAt).toBeLessThan(2 * n);

    const second = await start('api', env, API_READY);
    const secondGql: Gql = (query, variables) => gql(second.match[1]!, key, query, variables);
    await eventually(async () => expect((await deliveriesOf(secondGql))[0]).toMatchObject({ provider: 'BAMBOOHR', status: 'PROCESSED' }), SETTLE_MS);
    await eventually(async () => expect(await fromBamboo(secondGql)).toBe(2 * n), SETTLE_MS);
    await expectEveryHireOnce(secondGql, n);
  }, 90_000);
});
