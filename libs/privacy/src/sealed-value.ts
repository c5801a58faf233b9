// The stored form of an encrypted field: a JSON object, self-describing and versioned,
//   { "$sealed": 1, "kid": "<data key id>", "iv": b64url(12 bytes), "ct": b64url, "tag": b64url(16 bytes) }
// An object rather than a "sealed:v1:..." string because the fields it replaces hold strings,
// null or arrays of strings, never objects: no plain value, whatever a user typed, can be taken
// for a sealed one, and a reader that forgets to open a field gets an object its schema rejects
// instead of showing ciphertext as a name.
import { UnreadableSealedValue } from './errors';

export const SEALED_VERSION = 1;

export const IV_BYTES = 12;
export const TAG_BYTES = 16;

export interface SealedValue {
  $sealed: typeof SEALED_VERSION;
  /** Id of the data key that sealed it (random, says nothing about the key). */
  kid: string;
  iv: string;
  ct: string;
  tag: string;
}

/** A string, null or an array of strings: what a personal field holds. */
export type SealableValue = string | null | readonly string[];

export const isSealableValue = (value: unknown): value is SealableValue =>
  value === null || typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));

/** True for anything that claims to be sealed (any version); plain values, legacy ones included, are false. */
export const isSealed = (value: unknown): value is { $sealed: unknown } =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, '$sealed');

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Strict base64url: Node's decoder skips stray characters, so only the canonical text of the bytes is accepted. */
export const fromBase64Url = (text: string): Buffer | null => {
  if (!BASE64URL.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
};

export interface SealedParts {
  kid: string;
  iv: Buffer;
  ct: Buffer;
  tag: Buffer;
}

/** Checks the shape of a stored sealed value and decodes it; `field` names it in the error. */
export const sealedParts = (value: unknown, field: string): SealedParts => {
  if (!isSealed(value)) throw new UnreadableSealedValue(field, 'malformed');
  if (value.$sealed !== SEALED_VERSION) throw new UnreadableSealedValue(field, typeof value.$sealed === 'number' ? 'unsupported-version' : 'malformed');
  const v = value as Record<string, unknown>;
  const keys = Object.keys(v).sort().join(',');
  if (keys !== '$sealed,ct,iv,kid,tag' || typeof v.kid !== 'string' || v.kid === '') throw new UnreadableSealedValue(field, 'malformed');
  const [iv, ct, tag] = [v.iv, v.ct, v.tag].map((part) => (typeof part === 'string' ? fromBase64Url(part) : null));
  if (!iv || !ct || !tag || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new UnreadableSealedValue(field, 'malformed');
  return { kid: v.kid, iv, ct, tag };
};
