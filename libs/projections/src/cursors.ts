// Page cursors. Opaque ones encode the sort key of the last item seen; position cursors are a
// plain integer (a global position, so a subscriber can resume from a message's position, or
// another sequence number or index).
import { InvalidInput } from '@rolebook/domain';

export class InvalidCursor extends InvalidInput {
  constructor() {
    super('INVALID_CURSOR', 'after is not a cursor this query returned', 'after');
  }
}

export const encodeCursor = (key: readonly (string | number)[]): string => Buffer.from(JSON.stringify(key)).toString('base64url');

/** Decodes a cursor made by encodeCursor whose key has the given element types (numbers are integers). */
export const decodeCursor = <K extends (string | number)[]>(cursor: string, types: { [I in keyof K]: K[I] extends string ? 'string' : 'number' }): K => {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    const fits = (v: unknown, type: string) => (type === 'number' ? Number.isInteger(v) : typeof v === type);
    if (Array.isArray(value) && value.length === types.length && value.every((v, i) => fits(v, types[i]!))) return value as K;
  } catch {
    // fall through
  }
  throw new InvalidCursor();
};

export const positionCursor = (position: number): string => String(position);

export const parsePositionCursor = (cursor: string): number => {
  if (!/^\d{1,15}$/.test(cursor)) throw new InvalidCursor();
  return Number(cursor);
};
