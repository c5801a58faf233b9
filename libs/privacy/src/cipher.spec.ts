import { randomBytes } from 'node:crypto';
import { open, seal, type SealContext } from './cipher';
import { DataKey } from './data-key';
import { NotSealable, UnreadableSealedValue, type UnreadableReason } from './errors';
import type { SealableValue, SealedValue } from './sealed-value';

const key = DataKey.generate();
const at: SealContext = { tenantId: 't1', subjectId: 'p1', field: 'name' };

const failure = (fn: () => unknown): UnreadableSealedValue => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UnreadableSealedValue);
    return error as UnreadableSealedValue;
  }
  throw new Error('expected the sealed value not to open');
};

const expectUnreadable = (sealed: unknown, reason: UnreadableReason, context = at, withKey = key) => {
  const error = failure(() => open(withKey, context, sealed));
  expect(error.reason).toBe(reason);
  expect(error.field).toBe(context.field);
};

/** The same base64url part with one bit of its bytes flipped. */
const flipped = (part: string, index = 0): string => {
  const bytes = Buffer.from(part, 'base64url');
  bytes[index]! ^= 0x01;
  return bytes.toString('base64url');
};

describe('seal and open', () => {
  it.each<[string, SealableValue]>([
    ['a name', 'Ada Lovelace'],
    ['unicode', 'Zoë Ångström 李小龍 ✓'],
    ['the empty string', ''],
    ['null', null],
    ['an array of strings', ['E-1001', 'bamboohr:42']],
    ['an empty array', []],
  ])('opens what it sealed: %s', (_, value) => {
    expect(open(key, at, seal(key, at, value))).toEqual(value);
  });

  it('keeps null and the text "null" apart', () => {
    expect(open(key, at, seal(key, at, 'null'))).toBe('null');
    expect(open(key, at, seal(key, at, null))).toBeNull();
  });

  it('stores a JSON-safe value that holds no trace of the plaintext', () => {
    const name = 'Grace Brewster Murray Hopper';
    const stored = JSON.stringify(seal(key, at, name));
    expect(JSON.parse(stored)).toEqual({ $sealed: 1, kid: key.id, iv: expect.any(String), ct: expect.any(String), tag: expect.any(String) });
    for (const trace of [name, 'Hopper', Buffer.from(name).toString('base64'), Buffer.from(name).toString('base64url'), Buffer.from(name).toString('hex')])
      expect(stored).not.toContain(trace);
    expect(stored).not.toContain(key.material.toString('base64url'));
  });

  it('uses a fresh IV each time, so equal values do not look equal', () => {
    const a = seal(key, at, 'Ada');
    const b = seal(key, at, 'Ada');
    expect(a.iv).not.toBe(b.iv);
    expect(a.ct).not.toBe(b.ct);
  });

  it('pads, so a ciphertext does not tell a name length to the byte', () => {
    expect(seal(key, at, 'Al').ct.length).toBe(seal(key, at, 'Alexandra Ocasio').ct.length);
    expect(seal(key, at, 'A'.repeat(40)).ct.length).toBeGreaterThan(seal(key, at, 'Al').ct.length);
  });

  it('refuses values that are not a string, null or an array of strings', () => {
    for (const value of [42, { name: 'Ada' }, ['a', 1], undefined, seal(key, at, 'Ada')])
      expect(() => seal(key, at, value as SealableValue)).toThrow(NotSealable);
  });
});

describe('opening a sealed value that was altered or moved', () => {
  const sealed = seal(key, at, 'Ada Lovelace');

  it.each<[string, SealedValue]>([
    ['ciphertext', { ...sealed, ct: flipped(sealed.ct) }],
    ['tag', { ...sealed, tag: flipped(sealed.tag, 15) }],
    ['IV', { ...sealed, iv: flipped(sealed.iv, 11) }],
    ['shortened ciphertext', { ...sealed, ct: Buffer.from(sealed.ct, 'base64url').subarray(1).toString('base64url') }],
  ])('fails on an altered %s', (_, altered) => expectUnreadable(altered, 'not-authentic'));

  it.each<[string, SealContext]>([
    ['another subject', { ...at, subjectId: 'p2' }],
    ['another field', { ...at, field: 'email' }],
    ['another tenant', { ...at, tenantId: 't2' }],
  ])('fails when moved to %s', (_, elsewhere) => expectUnreadable(sealed, 'not-authentic', elsewhere));

  it('fails under the same key id with other key bytes', () => expectUnreadable(sealed, 'not-authentic', at, new DataKey(key.id, randomBytes(32))));

  it('fails under another key, saying so', () => expectUnreadable(sealed, 'other-key', at, DataKey.generate()));

  it('refuses a truncated tag rather than checking fewer bytes', () =>
    expectUnreadable({ ...sealed, tag: Buffer.from(sealed.tag, 'base64url').subarray(0, 12).toString('base64url') }, 'malformed'));

  it('refuses a part that is not canonical base64url', () => {
    expectUnreadable({ ...sealed, ct: `${sealed.ct}=` }, 'malformed');
    expectUnreadable({ ...sealed, ct: `${sealed.ct.slice(0, 4)}.${sealed.ct.slice(4)}` }, 'malformed');
  });

  it.each<[string, unknown]>([
    ['a plain string', 'Ada'],
    ['a missing part', { $sealed: 1, kid: key.id, iv: sealed.iv, ct: sealed.ct }],
    ['an extra member', { ...sealed, name: 'Ada' }],
    ['a non-string part', { ...sealed, ct: 42 }],
    ['a text version', { ...sealed, $sealed: '1' }],
  ])('refuses %s as malformed', (_, value) => expectUnreadable(value, 'malformed'));

  it('refuses a newer version as unsupported', () => expectUnreadable({ ...sealed, $sealed: 2 }, 'unsupported-version'));

  it('keeps values, keys and ciphertext out of the error message', () => {
    const error = failure(() => open(key, { ...at, subjectId: 'p2' }, sealed));
    expect(error.message).not.toContain(sealed.ct);
    expect(error.message).not.toContain('p2');
    expect(error.message).not.toContain(key.material.toString('base64url'));
  });
});
