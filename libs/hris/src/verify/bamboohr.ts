// BambooHR: the webhook's private key signs the raw body followed by the `X-BambooHR-Timestamp`
// value with HMAC-SHA256, sent hex-encoded in `X-BambooHR-Signature`. BambooHR sends no
// delivery id: the digest of what was signed stands in for one.
import { digestId, hmac, sameDigest } from './hmac';
import { header, type Verification, type VerifyInput } from './verification';
import { withinTolerance } from './tolerance';

export const verifyBambooHr = ({ raw, headers, secrets, now }: VerifyInput): Verification => {
  const signature = header(headers, 'x-bamboohr-signature');
  const timestamp = header(headers, 'x-bamboohr-timestamp');
  if (!signature || !timestamp) return { ok: false, reason: 'missing_signature' };
  if (!secrets.some((secret) => sameDigest(hmac('sha256', secret, raw, timestamp), signature, 'hex'))) return { ok: false, reason: 'bad_signature' };
  if (!withinTolerance(timestamp, now)) return { ok: false, reason: 'stale_timestamp' };
  return { ok: true, deliveryId: `bamboohr-${digestId(raw, timestamp)}` };
};
