import { createHash } from 'node:crypto';
import { derivedId, keyedRequestHasher } from './ids';

describe('request hashes', () => {
  const request = { type: 'RegisterPerson', name: 'Ada Lovelace', email: 'ada@example.com' };

  it('are stable for one installation, so a retry is recognised', () =>
    expect(keyedRequestHasher('s'.repeat(32))(request)).toBe(keyedRequestHasher('s'.repeat(32))({ ...request })));

  it('tell different requests apart', () =>
    expect(keyedRequestHasher('s'.repeat(32))(request)).not.toBe(keyedRequestHasher('s'.repeat(32))({ ...request, name: 'Ada King' })));

  it('cannot be recomputed without the installation secret: a guessed request is not confirmed by the log', () => {
    const hash = keyedRequestHasher('s'.repeat(32))(request);
    expect(hash).not.toBe(createHash('sha256').update(JSON.stringify(request)).digest('base64url'));
    expect(hash).not.toBe(keyedRequestHasher('t'.repeat(32))(request));
  });
});

describe('derived ids', () => {
  it('name the same entity for the same key and scope, and a new one without a key', () => {
    expect(derivedId('k', 'acme', 'DefineRole')).toBe(derivedId('k', 'acme', 'DefineRole'));
    expect(derivedId('k', 'acme', 'DefineRole')).not.toBe(derivedId('k', 'globex', 'DefineRole'));
    expect(derivedId(null, 'acme')).not.toBe(derivedId(null, 'acme'));
  });
});
