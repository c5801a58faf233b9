// How a key's secret is stored: HMAC-SHA256 keyed by a per-installation secret, over the key id
// and the secret.
//
// Why not scrypt/argon2: a slow KDF protects low-entropy passwords from guessing; a 256-bit random
// secret cannot be guessed however fast the hash, so a KDF would only add tens of milliseconds of
// CPU to every request (every request authenticates) and hand anyone who knows a key id a cheap
// way to burn our CPU. Why keyed rather than a bare SHA-256: a leaked database or backup alone
// does not let anyone check a candidate key; the installation secret lives in configuration, not
// beside the hashes. The key id is hashed in so a hash copied onto another row does not match.
// Changing the installation secret invalidates every key (keys are then created anew).
import { createHmac, timingSafeEqual } from 'node:crypto';

const MIN_SECRET_LENGTH = 32;

export class KeyHasher {
  private readonly secret: Buffer;

  constructor(installationSecret: string) {
    if (installationSecret.length < MIN_SECRET_LENGTH) throw new TypeError(`The API key hashing secret must be at least ${MIN_SECRET_LENGTH} characters`);
    this.secret = Buffer.from(installationSecret);
  }

  hash(keyId: string, secret: string): Buffer {
    return createHmac('sha256', this.secret).update(keyId).update('\0').update(secret).digest();
  }
}

/** Constant-time: how much of a hash matched never shows in the timing. */
export const sameHash = (stored: Buffer, presented: Buffer): boolean => stored.length === presented.length && timingSafeEqual(stored, presented);
