// Standard Webhooks (standardwebhooks.com): `webhook-id`, `webhook-timestamp` (Unix seconds,
// five minutes' tolerance either way) and `webhook-signature`, space-separated `v1,<base64>`
// HMAC-SHA256 signatures of `id.timestamp.body` keyed with the base64 `whsec_` secret. Computed
// here over the raw bytes: the spec authors' library (standardwebhooks) decodes the body to a
// UTF-8 string before signing, so bytes that are not UTF-8 would be verified as their
// replacement characters, not as sent. A unit test checks this against the library.
import { timingSafeEqual } from 'node:crypto';
import { hmac } from './hmac';
import { withinTolerance } from './tolerance';
import { header, type Verification, type VerifyInput } from './verification';

const key = (secret: string): Buffer => Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');

export const verifyStandard = ({ raw, headers, secrets, now }: VerifyInput): Verification => {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signature = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signature) return { ok: false, reason: 'missing_signature' };
  const given = signature
    .split(' ')
    .map((entry) => entry.split(','))
    .filter((parts) => parts.length === 2 && parts[0] === 'v1')
    .map((parts) => Buffer.from(parts[1]!, 'base64'));
  const signed = secrets.some((secret) => {
    const expected = hmac('sha256', key(secret), `${id}.${timestamp}.`, raw);
    return given.some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected));
  });
  if (!signed) return { ok: false, reason: 'bad_signature' };
  if (!/^\d{1,12}$/.test(timestamp) || !withinTolerance(timestamp, now)) return { ok: false, reason: 'stale_timestamp' };
  return { ok: true, deliveryId: id };
};
