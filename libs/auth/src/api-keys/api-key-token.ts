// The API key a client presents: `rbk_<key id>_<secret>`. The key id is public (it names the key
// in lists and logs and finds its row); the secret is 256 bits from the OS CSPRNG, shown once.
// The `rbk_` prefix lets secret scanners and the authenticator tell a key from a JWT.
import { randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'rbk_';

const FORMAT = /^rbk_([0-9a-f]{24})_([A-Za-z0-9_-]{43})$/;

export interface ApiKeyParts {
  keyId: string;
  secret: string;
}

export const newApiKey = (): ApiKeyParts & { plaintext: string } => {
  const keyId = randomBytes(12).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { keyId, secret, plaintext: `${API_KEY_PREFIX}${keyId}_${secret}` };
};

/** The parts of a well-formed key; null for anything else. */
export const parseApiKey = (plaintext: string): ApiKeyParts | null => {
  const match = FORMAT.exec(plaintext);
  return match ? { keyId: match[1]!, secret: match[2]! } : null;
};
