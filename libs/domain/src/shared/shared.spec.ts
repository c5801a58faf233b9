import { z } from 'zod';
import { InvalidInput } from './errors';
import { isTenantId } from './tenant';
import { endedBy, inForceAt, overlaps } from './time';
import { parseStreamName, streamName } from './streams';
import { UpcasterRegistry } from './upcasting';
import { email, instant, name, parse, responsibilities } from './validation';

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
