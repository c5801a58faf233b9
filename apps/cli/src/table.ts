// The one way the CLI prints a table on a terminal (cli-table3): columns aligned under a header,
// two spaces apart, no borders or colours, so that a script can still split a row on / {2,}/.
import Table from 'cli-table3';

const NO_BORDERS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
};

/** Rows as aligned columns under a header; an empty cell shows as `-`. */
export const table = (header: readonly string[], rows: readonly (readonly (string | null)[])[]): string => {
  const t = new Table({ head: [...header], chars: NO_BORDERS, style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true } });
  t.push(...rows.map((row) => row.map((cell) => (cell === null || cell === '' ? '-' : cell))));
  return t
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
};
