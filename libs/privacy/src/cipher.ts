// AES-256-GCM over one field value. A fresh random 96-bit IV per value (a subject's key seals a
// handful of values, far below the 2^32 random-IV bound of NIST SP 800-38D). The additional
// authenticated data binds the ciphertext to its tenant, subject, field and key id, so a value
// copied onto another person or into another field fails to open instead of reading as theirs.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataKey } from './data-key';
import { NotSealable, UnreadableSealedValue } from './errors';
import { IV_BYTES, SEALED_VERSION, TAG_BYTES, isSealableValue, sealedParts, type SealableValue, type SealedValue } from './sealed-value';

const ALGORITHM = 'aes-256-gcm';

/** Plaintexts are padded (JSON ignores trailing spaces) to a multiple of this, so a ciphertext tells a name's length only to within 32 bytes. */
const PAD_TO = 32;

/** Where a value belongs; authenticated, not stored in the sealed value (the reader knows it from the event). */
export interface SealContext {
  tenantId: string;
  subjectId: string;
  field: string;
}

// JSON of an array: unambiguous whatever characters the ids hold.
const additionalData = (context: SealContext, kid: string): Buffer =>
  Buffer.from(JSON.stringify(['rolebook/sealed', SEALED_VERSION, context.tenantId, context.subjectId, context.field, kid]), 'utf8');

const padded = (json: string): Buffer => {
  const bytes = Buffer.from(json, 'utf8');
  return Buffer.concat([bytes, Buffer.alloc(PAD_TO - (bytes.length % PAD_TO), ' ')]);
};

export const seal = (key: DataKey, context: SealContext, value: SealableValue): SealedValue => {
  if (!isSealableValue(value)) throw new NotSealable(context.field);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key.material, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(context, key.id));
  const ct = Buffer.concat([cipher.update(padded(JSON.stringify(value))), cipher.final()]);
  return { $sealed: SEALED_VERSION, kid: key.id, iv: iv.toString('base64url'), ct: ct.toString('base64url'), tag: cipher.getAuthTag().toString('base64url') };
};

/** Opens a stored sealed value; an altered or misplaced one throws UnreadableSealedValue, never answers garbage. */
export const open = (key: DataKey, context: SealContext, sealed: unknown): SealableValue => {
  const parts = sealedParts(sealed, context.field);
  if (parts.kid !== key.id) throw new UnreadableSealedValue(context.field, 'other-key');
  // authTagLength pins the tag at 16 bytes: GCM would otherwise accept a truncated, forgeable tag
  const decipher = createDecipheriv(ALGORITHM, key.material, parts.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(additionalData(context, parts.kid));
  decipher.setAuthTag(parts.tag);
  let plaintext: string;
  try {
    plaintext = Buffer.concat([decipher.update(parts.ct), decipher.final()]).toString('utf8');
  } catch {
    throw new UnreadableSealedValue(context.field, 'not-authentic');
  }
  const value: unknown = JSON.parse(plaintext);
  if (!isSealableValue(value)) throw new UnreadableSealedValue(context.field, 'malformed');
  return value;
};
