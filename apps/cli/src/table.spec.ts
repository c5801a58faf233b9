import { table } from './table';

describe('table', () => {
  it('aligns columns under the header, two spaces apart, with no trailing spaces', () => {
    expect(
      table(
        ['ID', 'NAME', 'ROLE'],
        [
          ['1', 'ci-deploy', 'editor'],
          ['22', 'me', 'admin'],
        ],
      ),
    ).toBe('ID  NAME       ROLE\n1   ci-deploy  editor\n22  me         admin');
  });

  it('shows an empty or missing cell as -', () => {
    const [, row] = table(['A', 'B', 'C'], [[null, '', 'x']]).split('\n');
    expect(row!.split(/ {2,}/)).toEqual(['-', '-', 'x']);
  });

  it('measures wide and accented text by what it shows, and prints no colour codes', () => {
    const lines = table(['NAME', 'N'], [['Zoë Ångström', '1']]).split('\n');
    expect(lines[1]!.indexOf('1')).toBe(lines[0]!.lastIndexOf('N'));
    expect(lines.join('\n')).not.toContain('\u001b');
  });

  it('is the header alone when there is no row', () => {
    expect(table(['SLUG', 'CREATED'], [])).toBe('SLUG  CREATED');
  });
});

describe('a long table', () => {
  it('is aligned as one table, however many rows (laid out in chunks)', () => {
    const rows = Array.from({ length: 450 }, (_, i) => [String(i), i === 420 ? 'the widest cell of all' : 'x'.repeat(i % 7), i % 3 ? 'a' : null]);
    const lines = table(['N', 'TEXT', 'MORE'], rows).split('\n');
    expect(lines).toHaveLength(451);
    const column = lines[0]!.indexOf('MORE');
    expect(column).toBe('N    the widest cell of all  '.length);
    for (const line of lines.slice(1)) expect(line.slice(column)).toMatch(/^(a|-)$/);
  });
});
