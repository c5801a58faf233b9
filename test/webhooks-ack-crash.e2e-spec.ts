// Group commit and a crash (embedded mode): the built API, receiving deliveries from many senders
// at once, is killed (SIGKILL) right after a group of them were answered 202, while others are in
// flight. Restarted, every delivery it acknowledged is in the inbox with the body it was sent: an
// answer is given only once its group's transaction has committed. (A process crash: the machine
// losing power is the business of synchronous=FULL, which the inbox keeps.)
import { SqliteDeliveryInbox } from '@rolebook/hris';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_READY, children, entry, exited, start } from './support/built-app';
import { integrations, signBambooHr } from './support/hris-signing';

const SENDERS = 20;
const KILL_AFTER = 150; // acknowledged deliveries

describe('deliveries acknowledged just before the API is killed', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(entry('api'))) throw new Error('dist is missing: npm test builds it first (npm run build)');
    dir = mkdtempSync(join(tmpdir(), 'rolebook-ack-crash-'));
  });
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('are every one in the inbox after a restart, with the body sent', async () => {
    const env = {
      DATA_DIR: dir,
      PORT: '0',
      DEMO_DATA: 'false',
      HRIS_INTEGRATIONS: integrations(),
      RATE_LIMIT_WEBHOOKS_PER_IP: '1000000',
      DRIFT_SCHEDULE_MS: '0',
      DRIFT_DEBOUNCE_MS: '600000',
    };
    const api = await start('api', env, API_READY);
    const url = api.match[1]!.replace('/graphql', '/webhooks/bamboohr');
    const acknowledged = new Map<number, string>();
    let next = 0;
    let killed = false;
    // each sender keeps sending until a request of its own fails: those in flight when the API died
    // (or sent after) fail; an answer read after the kill was still an acknowledgement, and counts
    const sender = async () => {
      for (;;) {
        const i = next++;
        const { raw, headers } = signBambooHr({
          employees: [{ id: `k-${i}`, action: 'Created', changedFields: [], fields: { firstName: 'Employee', lastName: `Number ${i}`, jobTitle: 'PM' } }],
        });
        let answer: { status: number; body: { status: string; id: string } };
        try {
          const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw });
          answer = { status: response.status, body: (await response.json()) as { status: string; id: string } };
        } catch (error) {
          if (killed) return;
          throw error;
        }
        expect([answer.status, answer.body.status]).toEqual([202, 'accepted']);
        acknowledged.set(Number(answer.body.id), raw);
        if (acknowledged.size >= KILL_AFTER && !killed) {
          killed = true;
          api.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: SENDERS }, sender));
    await exited(api.child);
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER);

    // restarted on the same files (its recovery of the inbox is the one a user gets), then read
    const again = await start('api', env, API_READY);
    const inbox = new SqliteDeliveryInbox(join(dir, 'webhooks.db'));
    try {
      for (const [seq, raw] of acknowledged) expect((await inbox.get(seq))?.body.toString()).toBe(raw);
    } finally {
      await inbox.close();
      again.child.kill('SIGKILL');
      await exited(again.child);
    }
  }, 120_000);
});
