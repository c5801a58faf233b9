// Page cursors. Opaque ones carry the sort key of the last item seen (a lowercased name, so
// personal data) sealed with AES-256-GCM: a client sees neither the name nor the id inside, and
// a cursor it altered or made up fails authentication and is refused. Position cursors are a
// plain integer (a global position, so a subscriber can resume from a message's position, or
// another sequence number or index): they reveal nothing.
import { InvalidInput } from '@rolebook/domain';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export class InvalidCursor extends InvalidInput {
  constructor() {
    super('INVALID_CURSOR', 'after is not a cursor this query returned', 'after');
  }
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

// One key per process unless the installation sets one (CURSOR_SECRET): then cursors survive a
// restart and are accepted by every replica.
let cursorKey: Buffer = randomBytes(32);

/** Keys cursors with a secret of the installation (any length; hashed to an AES-256 key). */
export const useCursorSecret = (secret: string): void => {
  cursorKey = createHash('sha256').update('rolebook cursor key\0').update(secret).digest();
};

export const encodeCursor = (key: readonly (string | number)[]): string => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', cursorKey, iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(key), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
};

const open = (cursor: string): string | null => {
  if (!/^[A-Za-z0-9_-]{1,4096}$/.test(cursor)) return null;
  const bytes = Buffer.from(cursor, 'base64url');
  if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', cursorKey, bytes.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return null; // altered, made up, or sealed with another key
  }
};

/** Decodes a cursor made by encodeCursor whose key has the given element types (numbers are integers). */
export const decodeCursor = <K extends (string | number)[]>(cursor: string, types: { [I in keyof K]: K[I] extends string ? 'string' : 'number' }): K => {
  const text = open(cursor);
  if (text !== null) {
    try {
      const value: unknown = JSON.parse(text);
      const fits = (v: unknown, type: string) => (type === 'number' ? Number.isInteger(v) : typeof v === type);
      if (Array.isArray(value) && value.length === types.length && value.every((v, i) => fits(v, types[i]!))) return value as K;
    } catch {
      // fall through
    }
  }
  throw new InvalidCursor();
};

export const positionCursor = (position: number): string => String(position);

export const parsePositionCursor = (cursor: string): number => {
  if (!/^\d{1,15}$/.test(cursor)) throw new InvalidCursor();
  return Number(cursor);
};
