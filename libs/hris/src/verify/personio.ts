// Personio: the webhook is configured with a token that Personio sends back in the
// `Authorization` header (optionally as `Bearer <token>`); there is no body signature. The token
// is compared in constant time against each active one.
import { digestId, sameText } from './hmac';
import { header, type Verification, type VerifyInput } from './verification';

export const verifyPersonio = ({ raw, headers, secrets }: VerifyInput): Verification => {
  const given = header(headers, 'authorization')?.replace(/^Bearer\s+/i, '');
  if (!given) return { ok: false, reason: 'missing_signature' };
  if (!secrets.some((secret) => sameText(secret, given))) return { ok: false, reason: 'bad_signature' };
  return { ok: true, deliveryId: `personio-${digestId(raw)}` };
};
