import { newApiKey, parseApiKey } from './api-key-token';

describe('API key format', () => {
  it('issues rbk_<24 hex>_<43 base64url> (96-bit id, 256-bit secret) that parses back to its parts', () => {
    const key = newApiKey();
    expect(key.plaintext).toMatch(/^rbk_[0-9a-f]{24}_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.secret, 'base64url')).toHaveLength(32);
    expect(parseApiKey(key.plaintext)).toEqual({ keyId: key.keyId, secret: key.secret });
  });

  it('parses a secret that itself contains underscores', () => {
    const secret = `_${'a'.repeat(20)}_${'b'.repeat(21)}`;
    expect(parseApiKey(`rbk_${'0'.repeat(24)}_${secret}`)).toEqual({ keyId: '0'.repeat(24), secret });
  });

  it.each([
    ['empty', ''],
    ['another prefix', `rbx_${'0'.repeat(24)}_${'a'.repeat(43)}`],
    ['a short secret', `rbk_${'0'.repeat(24)}_${'a'.repeat(42)}`],
    ['a long secret', `rbk_${'0'.repeat(24)}_${'a'.repeat(44)}`],
    ['an uppercase id', `rbk_${'A'.repeat(24)}_${'a'.repeat(43)}`],
    ['padding', `rbk_${'0'.repeat(24)}_${'a'.repeat(42)}=`],
    ['surrounding space', ` rbk_${'0'.repeat(24)}_${'a'.repeat(43)}`],
    ['a JWT', 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln'],
  ])('refuses %s', (_, text) => expect(parseApiKey(text)).toBeNull());
});
