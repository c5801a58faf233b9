import { decodeCursor, encodeCursor, InvalidCursor, parsePositionCursor, useCursorSecret } from './cursors';

describe('cursors', () => {
  it('round-trips a key', () => expect(decodeCursor<[string, number]>(encodeCursor(['a', 3]), ['string', 'number'])).toEqual(['a', 3]));
  it('refuses a key of another shape, a fractional number, or garbage', () => {
    expect(() => decodeCursor<[string, string]>(encodeCursor(['a']), ['string', 'string'])).toThrow(InvalidCursor);
    expect(() => decodeCursor<[string, number]>(encodeCursor(['a', 1.5]), ['string', 'number'])).toThrow(InvalidCursor);
    expect(() => decodeCursor<[string]>('%%%', ['string'])).toThrow(InvalidCursor);
  });
  it('is opaque: neither the name nor the id can be read from it', () => {
    const cursor = encodeCursor(['ada lovelace', 'person-42']);
    for (const encoding of ['utf8', 'latin1'] as const) {
      const decoded = Buffer.from(cursor, 'base64url').toString(encoding);
      expect(decoded).not.toMatch(/ada|lovelace|person/i);
    }
    expect(cursor).not.toMatch(/ada|lovelace/i);
  });
  it('refuses a cursor altered in any byte, a plain base64 key (the old format), or one sealed with another key', () => {
    const cursor = encodeCursor(['ada', 'p1']);
    const bytes = Buffer.from(cursor, 'base64url');
    for (let i = 0; i < bytes.length; i++) {
      const altered = Buffer.from(bytes);
      altered[i] = altered[i]! ^ 1;
      expect(() => decodeCursor<[string, string]>(altered.toString('base64url'), ['string', 'string'])).toThrow(InvalidCursor);
    }
    expect(() => decodeCursor<[string, string]>(Buffer.from(JSON.stringify(['ada', 'p1'])).toString('base64url'), ['string', 'string'])).toThrow(InvalidCursor);
    useCursorSecret('one installation secret');
    const sealed = encodeCursor(['ada', 'p1']);
    expect(decodeCursor<[string, string]>(sealed, ['string', 'string'])).toEqual(['ada', 'p1']);
    useCursorSecret('another installation secret');
    expect(() => decodeCursor<[string, string]>(sealed, ['string', 'string'])).toThrow(InvalidCursor);
  });
  it('takes positions as plain decimal integers only', () => {
    expect(parsePositionCursor('42')).toBe(42);
    expect(() => parsePositionCursor('4.2')).toThrow(InvalidCursor);
    expect(() => parsePositionCursor('-1')).toThrow(InvalidCursor);
  });
});
