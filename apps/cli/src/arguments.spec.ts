import { InvalidArgumentError } from 'commander';
import { instant, slug } from './arguments';

describe('command-line values', () => {
  it.each([
    ['2026-06-30', '2026-06-30T00:00:00.000Z'],
    ['2028-02-29', '2028-02-29T00:00:00.000Z'],
    ['2026-06-30T18:00Z', '2026-06-30T18:00:00.000Z'],
    ['2026-06-30T18:00:05.5+02:00', '2026-06-30T16:00:05.500Z'],
    ['2026-07-01T00:30:00-01:00', '2026-07-01T01:30:00.000Z'],
  ])('takes %s as the instant %s', (value, expected) => {
    expect(instant(value)).toBe(expected);
  });

  it.each([
    '2026-02-30',
    '2026-02-29',
    '2026-13-01',
    '2026-06-31T00:00:00Z',
    '2026-06-30T24:00:00Z',
    '2026-06-30T10:60Z',
    '2026-06-30T10:00',
    'yesterday',
    '30/06/2026',
    '',
  ])('refuses %j, saying what it takes', (value) => {
    expect(() => instant(value)).toThrow(
      new InvalidArgumentError('give a date (2027-01-31, midnight UTC) or an ISO-8601 date-time with offset (2027-01-31T18:00:00Z).'),
    );
  });

  it.each(['0202-01-01', '2201-01-01', '1899-12-31T23:59:59Z'])('refuses %s, out of the range Rolebook takes', (value) => {
    expect(() => instant(value)).toThrow('give an instant between 1900-01-01 and 2200-12-31.');
  });

  it('takes a lowercase slug as a tenant and refuses anything else', () => {
    expect(slug('acme-2')).toBe('acme-2');
    expect(() => slug('Acme')).toThrow(InvalidArgumentError);
  });
});
