// HiBob: `Bob-Signature` is the base64 HMAC-SHA512 of the raw body keyed with the webhook
// secret. HiBob sends no timestamp header and no delivery id: the body's digest stands in.
import { digestId, hmac, sameDigest } from './hmac';
import { header, type Verification, type VerifyInput } from './verification';

export const verifyHiBob = ({ raw, headers, secrets }: VerifyInput): Verification => {
  const signature = header(headers, 'bob-signature');
  if (!signature) return { ok: false, reason: 'missing_signature' };
  if (!secrets.some((secret) => sameDigest(hmac('sha512', secret, raw), signature, 'base64'))) return { ok: false, reason: 'bad_signature' };
  return { ok: true, deliveryId: `hibob-${digestId(raw)}` };
};
