import { z } from 'zod';
import { InvalidInput } from './errors';
import { isTenantId } from './tenant';
import { endedBy, inForceAt, overlaps } from './time';
import { parseStreamName, streamName } from './streams';
import { UpcasterRegistry } from './upcasting';
import { email, instant, name, parse, queryInstant, responsibilities, sameEmail } from './validation';

describe('validation', () => {
  const schema = z.object({ name, email: email.optional(), at: instant.optional(), duties: responsibilities.optional() });
  const fails = (input: unknown) => {
    try {
      parse(schema, input);
    } catch (error) {
      return error as InvalidInput;
    }
    throw new Error('expected a failure');
  };

  it('names the field and does not echo the value', () => {
    const error = fails({ name: 'Ada', email: 'ada.lovelace-at-example' });
    expect(error).toBeInstanceOf(InvalidInput);
    expect(error.field).toBe('email');
    expect(error.message).not.toContain('ada.lovelace');
  });
  it('trims names and refuses blank ones', () => {
    expect(parse(schema, { name: '  Ada ' }).name).toBe('Ada');
    expect(fails({ name: '   ' }).field).toBe('name');
  });
  it('refuses control characters', () => expect(fails({ name: 'A\u0000b' }).field).toBe('name'));
  it('normalises instants to UTC and refuses ones without offset', () => {
    expect(parse(schema, { name: 'A', at: '2026-03-01T09:00:00+02:00' }).at).toBe('2026-03-01T07:00:00.000Z');
    expect(fails({ name: 'A', at: '2026-03-01T09:00:00' }).field).toBe('at');
  });
  it('refuses repeated responsibilities regardless of case', () => expect(fails({ name: 'A', duties: ['Roadmap', 'roadmap'] }).field).toBe('duties'));

  describe('names and titles', () => {
    it('are NFC-normalised', () => expect(parse(schema, { name: 'Jose\u0301' }).name).toBe('Jos\u00e9'));
    it('lose invisible characters at either end, and keep joiners inside', () => {
      expect(parse(schema, { name: '\u200b\ufeffAda\u00ad\u2060\u202e ' }).name).toBe('Ada');
      expect(parse(schema, { name: '\u{1f469}\u200d\u{1f4bb} Ada' }).name).toBe('\u{1f469}\u200d\u{1f4bb} Ada');
    });
    it.each([
      ['zero-width characters', '\u200b\u200c\u200d'],
      ['a BOM, a word joiner and a soft hyphen', '\ufeff\u2060\u00ad'],
      ['bidi controls', '\u202a\u202e\u2066\u2069\u200e\u200f'],
      ['another format character and blanks', '\u180e\u3164 \u00a0\t'],
    ])('are empty when made of %s only', (_, blank) => {
      const error = fails({ name: blank });
      expect([error.reason, error.field, error.message]).toEqual(['INVALID_INPUT', 'name', 'name must not be empty']);
    });
    it.each([
      ['a high surrogate alone', 'Ada\ud800'],
      ['a high surrogate before a letter', 'A\ud83db'],
      ['a low surrogate alone', '\udc00Ada'],
    ])('refuse %s', (_, value) => expect(fails({ name: value })).toMatchObject({ reason: 'LONE_SURROGATE', field: 'name' }));
    it('take a surrogate pair (an emoji)', () => expect(parse(schema, { name: 'Ada \u{1f600}' }).name).toBe('Ada \u{1f600}'));
    it.each([
      ['NUL', 'A\u0000b'],
      ['a line break inside', 'A\nb'],
      ['DEL', 'A\u007fb'],
      ['a C1 control', 'A\u0085b'],
    ])('refuse %s', (_, value) => expect(fails({ name: value })).toMatchObject({ reason: 'CONTROL_CHARACTER', field: 'name' }));
    it('never quote the value', () => expect(fails({ name: 'Lovelace\u0000' }).message).not.toContain('Lovelace'));
  });

  describe('emails', () => {
    const ofLength = (n: number) => `${'a'.repeat(64)}@${'b'.repeat(n - 69)}.com`;
    it('are at most 254 characters', () => {
      expect(parse(schema, { name: 'A', email: ofLength(254) }).email).toHaveLength(254);
      expect(fails({ name: 'A', email: ofLength(255) })).toMatchObject({ field: 'email', message: 'email must be at most 254 characters' });
    });
    it('are kept as given', () => expect(parse(schema, { name: 'A', email: 'Ada.Lovelace@Example.com' }).email).toBe('Ada.Lovelace@Example.com'));
    it('are the same address whatever the letter case', () => {
      expect(sameEmail('Ada.Lovelace@Example.com', 'ada.lovelace@EXAMPLE.COM')).toBe(true);
      expect(sameEmail('ada@example.com', 'ada2@example.com')).toBe(false);
      expect([sameEmail(null, null), sameEmail(null, 'a@b.io'), sameEmail('a@b.io', undefined)]).toEqual([true, false, false]);
    });
  });

  describe('instants', () => {
    it.each(['1900-01-01T00:00:00Z', '2200-12-31T23:59:59.999Z', '2201-01-01T00:59:00+01:00'])('take %s, within 1900-01-01..2200-12-31', (at) =>
      expect(parse(schema, { name: 'A', at }).at).toBeDefined(),
    );
    it.each(['1899-12-31T23:59:59.999Z', '1900-01-01T00:30:00+01:00', '2201-01-01T00:00:00Z', '0202-06-01T00:00:00Z', '9999-12-31T00:00:00Z'])(
      'refuse %s',
      (at) =>
        expect(fails({ name: 'A', at })).toMatchObject({ reason: 'DATE_OUT_OF_RANGE', field: 'at', message: 'at must be between 1900-01-01 and 2200-12-31' }),
    );
    it('hold query instants to the same range', () => {
      expect(queryInstant(new Date('2026-03-01T09:00:00+02:00'), 'asOf')).toBe('2026-03-01T07:00:00.000Z');
      for (const date of [new Date('1899-12-31T23:59:59.999Z'), new Date('2201-01-01T00:00:00Z'), new Date(8.64e15), new Date(-8.64e15)]) {
        const error = (() => {
          try {
            return queryInstant(date, 'asOf');
          } catch (e) {
            return e;
          }
        })();
        expect(error).toBeInstanceOf(InvalidInput);
        expect(error).toMatchObject({ reason: 'DATE_OUT_OF_RANGE', field: 'asOf' });
      }
    });
  });
});

describe('intervals', () => {
  const i = (from: string, to: string | null) => ({ from, to });
  it('half-open intervals touching at one end do not overlap', () => expect(overlaps(i('a', 'b'), i('b', null))).toBe(false));
  it('an open-ended interval overlaps anything after its start', () => expect(overlaps(i('a', null), i('c', 'd'))).toBe(true));
  it('an assignment is in force from its start up to, not at, its end', () => {
    const a = { effectiveFrom: 'b', effectiveTo: 'd' };
    expect(['a', 'b', 'c', 'd'].map((t) => inForceAt(a, t))).toEqual([false, true, true, false]);
    expect(inForceAt({ effectiveFrom: 'b', effectiveTo: null }, 'z')).toBe(true);
  });
  it('an assignment not ended by an instant may not have started yet', () => {
    expect(['a', 'c', 'd'].map((t) => endedBy({ effectiveTo: 'd' }, t))).toEqual([false, false, true]);
    expect(endedBy({ effectiveTo: null }, 'z')).toBe(false);
  });
});

describe('tenants and streams', () => {
  it('takes lowercase slugs only as tenant ids', () =>
    expect(['acme', 'a-1', 'Acme', '-a', 'a'.repeat(64)].map(isTenantId)).toEqual([true, true, false, false, false]));
  it('reads back the stream names it makes, and no other tenant', () => {
    expect(parseStreamName(streamName('acme', 'role', 'r1'))).toEqual({ tenantId: 'acme', kind: 'role', id: 'r1' });
    expect(parseStreamName('rb/Acme/role/r1')).toBeNull();
  });
});

describe('upcasting', () => {
  const registry = new UpcasterRegistry()
    .declare('RoleDefined', 3)
    .register('RoleDefined', 1, (d) => ({ ...(d as object), purpose: '' }))
    .register('RoleDefined', 2, (d) => ({ ...(d as object), responsibilities: [] }));

  it('brings an old version up to the current one step by step', () =>
    expect(registry.upcast('RoleDefined.v1', { name: 'PM' })).toEqual({
      type: 'RoleDefined',
      version: 3,
      data: { name: 'PM', purpose: '', responsibilities: [] },
    }));
  it('leaves the current version as it is', () => expect(registry.upcast('RoleDefined.v3', { a: 1 }).data).toEqual({ a: 1 }));
  it('refuses a version newer than the code', () => expect(() => registry.upcast('RoleDefined.v4', {})).toThrow(/newer/));
  it('refuses a gap in the chain', () => {
    const gappy = new UpcasterRegistry().declare('X', 3).register('X', 2, (d) => d);
    expect(() => gappy.upcast('X.v1', {})).toThrow(/No upcaster/);
  });
});
