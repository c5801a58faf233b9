/** Rows as aligned columns under a header, for a terminal; an empty cell shows as `-`. */
export const table = (header: readonly string[], rows: readonly (readonly (string | null)[])[]): string => {
  const cells = [header, ...rows.map((row) => row.map((cell) => (cell === null || cell === '' ? '-' : cell)))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  return cells
    .map((row) =>
      row
        .map((cell, i) => (cell ?? '').padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
};
