// Standard Webhooks (standardwebhooks.com): `webhook-id`, `webhook-timestamp` (Unix seconds,
// five minutes' tolerance either way) and `webhook-signature`, space-separated `v1,<base64>`
// HMAC-SHA256 signatures of `id.timestamp.body` keyed with the base64 `whsec_` secret. Verified
// by the spec authors' library, once per active secret.
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { header, type Verification, type VerifyInput } from './verification';

export const verifyStandard = ({ raw, headers, secrets }: VerifyInput): Verification => {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signature = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signature) return { ok: false, reason: 'missing_signature' };
  let stale = false;
  for (const secret of secrets) {
    try {
      new Webhook(secret).verify(raw, { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature }, { jsonParse: false });
      return { ok: true, deliveryId: id };
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      if (/timestamp|Invalid Signature Headers/.test(error.message)) stale = true;
    }
  }
  return { ok: false, reason: stale ? 'stale_timestamp' : 'bad_signature' };
};
