// Merge: `X-Merge-Webhook-Signature` is the base64url HMAC-SHA256 of the raw body keyed with
// the account's webhook signature key. Merge sends no timestamp; the body's digest is the id.
import { digestId, hmac, sameDigest } from './hmac';
import { header, type Verification, type VerifyInput } from './verification';

export const verifyMerge = ({ raw, headers, secrets }: VerifyInput): Verification => {
  const signature = header(headers, 'x-merge-webhook-signature');
  if (!signature) return { ok: false, reason: 'missing_signature' };
  const matches = secrets.some((secret) => {
    const digest = hmac('sha256', secret, raw);
    // Merge documents base64url; padded base64 senders exist too
    return sameDigest(digest, signature, 'base64url') || sameDigest(digest, signature, 'base64');
  });
  if (!matches) return { ok: false, reason: 'bad_signature' };
  return { ok: true, deliveryId: `merge-${digestId(raw)}` };
};
