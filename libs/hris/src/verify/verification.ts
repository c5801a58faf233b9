// What a verifier answers. A failure names the reason (for the delivery log and metrics),
// never a secret, a signature or the body.
export type Headers = Record<string, string | string[] | undefined>;

export type Verification = { ok: true; deliveryId: string } | { ok: false; reason: 'missing_signature' | 'bad_signature' | 'stale_timestamp' };

export interface VerifyInput {
  raw: Buffer;
  headers: Headers;
  /** Every secret currently active for this provider and tenant (several during a rotation). */
  secrets: readonly string[];
  now: Date;
}

export const header = (headers: Headers, name: string): string | undefined => {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};
