import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { csvRecord, csvRows, type CsvValue } from './csv';

const parsed = (text: string): string[][] => parse(text, { relax_column_count: false });

describe('csv (RFC 4180)', () => {
  it('leaves plain text as it is and writes null as an empty field', () => {
    expect(csvRecord(['a', 1, true, null, 'Zoë'])).toBe('a,1,true,,Zoë\r\n');
  });

  it.each([
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rlf', '"cr\rlf"'],
    [' padded ', '" padded "'],
    ['"', '""""'],
  ])('quotes %j as %s', (value, expected) => {
    expect(csvRecord([value])).toBe(`${expected}\r\n`);
  });

  // the full-width = + - @ too: spreadsheets read them as the ASCII ones
  it.each(['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\uFF1D1+1', '\uFF0B1', '\uFF0D2', '\uFF20SUM(A1)'])(
    'keeps a spreadsheet from running %j as a formula',
    (value) => {
      expect(parsed(csvRecord([value]))).toEqual([[`'${value}`]]);
    },
  );

  it('writes a header and one record per item', () => {
    const rows = [...csvRows([{ header: 'id', value: (r: { id: string }) => r.id }], [{ id: 'x' }, { id: 'y,z' }])];
    expect(rows.join('')).toBe('id\r\nx\r\n"y,z"\r\n');
  });

  it('reads back, through a maintained CSV parser, as the very fields written', () => {
    // what does not start as a formula would (those are prefixed, above)
    const text = fc.string({ unit: 'grapheme' }).filter((t) => !/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(t));
    const field = fc.oneof(text, fc.constantFrom('"', ',', 'a\r\nb', 'a\nb', ' x', 'x ', '""'));
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (records) => {
        const width = records[0]!.length;
        const rows = records.map((r) => [...r, ...Array<string>(width).fill('')].slice(0, width));
        expect(parsed(rows.map((r) => csvRecord(r)).join(''))).toEqual(rows);
      }),
    );
  });

  it('writes numbers and booleans as their text', () => {
    const values: CsvValue[] = [0, -1.5, false];
    expect(parsed(csvRecord(values))).toEqual([['0', '-1.5', 'false']]);
  });
});
