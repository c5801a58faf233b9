import { decodeCursor, encodeCursor, InvalidCursor, parsePositionCursor } from './cursors';

describe('cursors', () => {
  it('round-trips a key', () => expect(decodeCursor<[string, number]>(encodeCursor(['a', 3]), ['string', 'number'])).toEqual(['a', 3]));
  it('refuses a key of another shape, a fractional number, or garbage', () => {
    expect(() => decodeCursor<[string, string]>(encodeCursor(['a']), ['string', 'string'])).toThrow(InvalidCursor);
    expect(() => decodeCursor<[string, number]>(encodeCursor(['a', 1.5]), ['string', 'number'])).toThrow(InvalidCursor);
    expect(() => decodeCursor<[string]>('%%%', ['string'])).toThrow(InvalidCursor);
  });
  it('takes positions as plain decimal integers only', () => {
    expect(parsePositionCursor('42')).toBe(42);
    expect(() => parsePositionCursor('4.2')).toThrow(InvalidCursor);
    expect(() => parsePositionCursor('-1')).toThrow(InvalidCursor);
  });
});
