// cli-table3's own measure of a cell (string-width, colour codes stripped): the table sizes its
// columns with it, so that a table rendered in chunks is aligned exactly as cli-table3 aligns one.
declare module 'cli-table3/src/utils' {
  export function strlen(text: string): number;
}
