import { KeyHasher, sameHash } from './key-hasher';

const SECRET = 'installation-secret-0123456789abcdef';

describe('KeyHasher', () => {
  it('hashes the same key the same way, and differently under another installation secret', () => {
    const hasher = new KeyHasher(SECRET);
    expect(sameHash(hasher.hash('id1', 's'), new KeyHasher(SECRET).hash('id1', 's'))).toBe(true);
    expect(sameHash(hasher.hash('id1', 's'), new KeyHasher(`${SECRET}x`).hash('id1', 's'))).toBe(false);
  });

  it('binds the hash to the key id, so a hash moved to another row does not match', () => {
    const hasher = new KeyHasher(SECRET);
    expect(sameHash(hasher.hash('id1', 's'), hasher.hash('id2', 's'))).toBe(false);
    // the separator keeps (id, secret) pairs from running into each other
    expect(sameHash(hasher.hash('ab', 'c'), hasher.hash('a', 'bc'))).toBe(false);
  });

  it('refuses an installation secret under 32 characters', () => expect(() => new KeyHasher('x'.repeat(31))).toThrow(/at least 32/));

  it('compares hashes of different lengths as different instead of throwing', () => expect(sameHash(Buffer.alloc(32), Buffer.alloc(31))).toBe(false));
});
