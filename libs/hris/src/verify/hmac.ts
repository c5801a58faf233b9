// HMAC over the raw bytes with Node's crypto, compared in constant time.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const hmac = (algorithm: 'sha256' | 'sha512', secret: string | Buffer, ...parts: (Buffer | string)[]): Buffer => {
  const mac = createHmac(algorithm, secret);
  for (const part of parts) mac.update(part);
  return mac.digest();
};

/** Constant-time comparison of two strings (a length difference shows, the content does not). */
export const sameText = (expected: string, given: string): boolean => {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** Constant-time comparison of a computed digest with a received encoding of it. */
export const sameDigest = (computed: Buffer, received: string, encoding: 'hex' | 'base64' | 'base64url'): boolean =>
  sameText(computed.toString(encoding), received.trim());

/** A delivery id for providers that send none: the digest of what was signed. */
export const digestId = (...parts: (Buffer | string)[]): string => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex').slice(0, 32);
};
