import { inspect } from 'node:util';
import { DataKey } from './data-key';

describe('DataKey', () => {
  const key = DataKey.generate();
  const traces = [key.material.toString('hex'), key.material.toString('base64'), key.material.toString('base64url')];

  it('shows only its id when logged, inspected or serialised', () => {
    for (const shown of [JSON.stringify({ key }), inspect({ key }, { depth: 5 }), `${String(key)}`, String(key)]) {
      expect(shown).toContain(key.id);
      for (const trace of traces) expect(shown).not.toContain(trace);
    }
    expect(Object.keys(key)).toEqual(['id']);
  });

  it('keeps its own copy of the bytes it was given', () => {
    const bytes = Buffer.alloc(32, 7);
    const copy = new DataKey('k', bytes);
    bytes.fill(0);
    expect(copy.material.equals(Buffer.alloc(32, 7))).toBe(true);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new DataKey('k', Buffer.alloc(16))).toThrow(RangeError);
  });

  it('generates distinct random keys', () => {
    const other = DataKey.generate();
    expect(other.id).not.toBe(key.id);
    expect(other.material.equals(key.material)).toBe(false);
  });
});
