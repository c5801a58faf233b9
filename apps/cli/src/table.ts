// The one way the CLI prints a table on a terminal (cli-table3): columns aligned under a header,
// two spaces apart, no borders or colours, so that a script can still split a row on / {2,}/.
// cli-table3's layout takes time in the square of the cells (cli-table3 issue #68: 37 s for an
// import report of 10,000 rows), so long tables are laid out in chunks of CHUNK rows, every chunk
// with the column widths of the whole table.
import Table from 'cli-table3';
import { strlen } from 'cli-table3/src/utils';

const CHUNK = 200;

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
  const cells = rows.map((row) => row.map((cell) => (cell === null || cell === '' ? '-' : cell)));
  const colWidths = header.map((title, i) => Math.max(strlen(title), ...cells.map((row) => strlen(row[i] ?? ''))));
  const style = { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true };
  const chunks: string[] = [];
  for (let i = 0; i === 0 || i < cells.length; i += CHUNK) {
    const t = new Table({ ...(i === 0 ? { head: [...header] } : {}), colWidths, chars: NO_BORDERS, style });
    t.push(...cells.slice(i, i + CHUNK));
    chunks.push(t.toString());
  }
  return chunks
    .join('\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
};
