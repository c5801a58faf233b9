// Deliveries signed the way each HRIS signs them, for the webhook e2e tests.
import { STAND_IN_CREDENTIALS } from '@rolebook/hris/testing';
import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

export interface Signed {
  raw: string;
  headers: Record<string, string>;
}

export const STANDARD_OLD = `whsec_${Buffer.from('old-secret-0123456789abcdef').toString('base64')}`;
export const STANDARD_NEW = `whsec_${Buffer.from('new-secret-0123456789abcdef').toString('base64')}`;
export const BAMBOO = 'bamboo-private-key';
export const BOB = 'hibob-webhook-secret';
export const MERGE = 'merge-signature-key';
export const PERSONIO = 'personio-token-123';

const now = () => Math.floor(Date.now() / 1000);

/** Standard Webhooks: `v1,` signatures over `id.timestamp.body`, one per secret given (a rotation). */
export const signStandard = (
  body: object,
  { id = `msg_${Math.random().toString(36).slice(2)}`, secrets = [STANDARD_NEW], at = now() } = {},
): Signed & { id: string } => {
  const raw = JSON.stringify(body);
  const signatures = secrets.map((s) => new Webhook(s).sign(id, new Date(at * 1000), raw)).join(' ');
  return { raw, headers: { 'webhook-id': id, 'webhook-timestamp': String(at), 'webhook-signature': signatures }, id };
};

/** BambooHR: hex HMAC-SHA256 of the body followed by the timestamp. */
export const signBambooHr = (body: object, key = BAMBOO): Signed => {
  const raw = JSON.stringify(body);
  const timestamp = String(now());
  return {
    raw,
    headers: {
      'x-bamboohr-timestamp': timestamp,
      'x-bamboohr-signature': createHmac('sha256', key)
        .update(raw + timestamp)
        .digest('hex'),
    },
  };
};

/** HiBob: base64 HMAC-SHA512 of the body. */
export const signHiBob = (body: object): Signed => {
  const raw = JSON.stringify(body);
  return { raw, headers: { 'bob-signature': createHmac('sha512', BOB).update(raw).digest('base64') } };
};

/** Merge: base64url HMAC-SHA256 of the body. */
export const signMerge = (body: object): Signed => {
  const raw = JSON.stringify(body);
  return { raw, headers: { 'x-merge-webhook-signature': createHmac('sha256', MERGE).update(raw).digest('base64url') } };
};

/** The HRIS_INTEGRATIONS value for the default tenant; `apiUrl` where the stand-in for the HRIS APIs (libs/hris testing) listens. */
export const integrations = (apiUrl = 'http://127.0.0.1:9') =>
  JSON.stringify({
    default: {
      standard: { secrets: [STANDARD_OLD, STANDARD_NEW] },
      bamboohr: { secrets: [BAMBOO], apiUrl, ...STAND_IN_CREDENTIALS.bamboohr },
      hibob: { secrets: [BOB], apiUrl, ...STAND_IN_CREDENTIALS.hibob },
      merge: { secrets: [MERGE], apiUrl, ...STAND_IN_CREDENTIALS.merge },
      personio: { secrets: [PERSONIO], apiUrl, ...STAND_IN_CREDENTIALS.personio },
    },
  });
