// Every verifier decides on the raw bytes as sent, before anything parses them.
import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { VERIFIERS } from './index';
import { verifyStandard } from './standard';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const now = new Date('2026-03-01T12:00:00Z');
const at = Math.floor(now.getTime() / 1000);

describe('verifyStandard', () => {
  it('accepts what the spec authors’ library signs, with the secret as the second of a rotation', () => {
    const raw = Buffer.from('{"type":"employee.hired","data":{"employeeId":"e1"}}');
    const signature = new Webhook(SECRET).sign('msg_1', new Date(at * 1000), raw.toString());
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(at), 'webhook-signature': `v1,bm9wZQ== ${signature}` };
    expect(verifyStandard({ raw, headers, secrets: ['whsec_b3RoZXJzZWNyZXRvdGhlcg==', SECRET], now })).toEqual({ ok: true, deliveryId: 'msg_1' });
    expect(verifyStandard({ raw, headers, secrets: [SECRET], now: new Date(now.getTime() + 6 * 60_000) })).toEqual({ ok: false, reason: 'stale_timestamp' });
  });

  it('signs the bytes, not their UTF-8 decoding: bytes that decode alike are told apart', () => {
    const sent = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]); // {"a":"<0xff>"}
    const forged = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xfe, 0x22, 0x7d]); // decodes to the same string
    expect(sent.toString()).toBe(forged.toString());
    const key = Buffer.from(SECRET.slice(6), 'base64');
    const sign = (raw: Buffer) => `v1,${createHmac('sha256', key).update(`msg_2.${at}.`).update(raw).digest('base64')}`;
    const headers = { 'webhook-id': 'msg_2', 'webhook-timestamp': String(at), 'webhook-signature': sign(sent) };
    expect(verifyStandard({ raw: sent, headers, secrets: [SECRET], now }).ok).toBe(true);
    expect(verifyStandard({ raw: forged, headers, secrets: [SECRET], now })).toEqual({ ok: false, reason: 'bad_signature' });
  });
});

describe('every verifier', () => {
  it('refuses a body that is not JSON without parsing it (no throw), and a missing signature', () => {
    const raw = Buffer.from('{"not json');
    for (const verify of Object.values(VERIFIERS)) {
      expect(verify({ raw, headers: {}, secrets: [SECRET], now }).ok).toBe(false);
      const headers = {
        'webhook-id': 'x',
        'webhook-timestamp': String(at),
        'webhook-signature': 'v1,AAAA',
        'x-bamboohr-signature': 'aa',
        'x-bamboohr-timestamp': String(at),
        'bob-signature': 'AAAA',
        'x-merge-webhook-signature': 'AAAA',
        authorization: 'Bearer wrong-token',
      };
      expect(() => verify({ raw, headers, secrets: [SECRET], now })).not.toThrow();
      expect(verify({ raw, headers, secrets: [SECRET], now }).ok).toBe(false);
    }
  });
});
