// CSV as RFC 4180 writes it. No CSV writer is among the installed packages (csv-parse's sibling
// csv-stringify is not), so the one rule that matters is here: a field holding a comma, a quote, a
// line break or edge spaces is quoted, its quotes doubled; records end with CRLF.

export type CsvValue = string | number | boolean | null;

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One field: null is empty, anything else its text, quoted when it must be. */
export const csvField = (value: CsvValue): string => {
  const text = value === null ? '' : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** One record, CRLF-terminated. */
export const csvRecord = (values: readonly CsvValue[]): string => `${values.map(csvField).join(',')}\r\n`;

/** A column of an export: its header and how a record gives its value. */
export interface CsvColumn<T> {
  header: string;
  value: (record: T) => CsvValue;
}

/** The header, then one record per item. */
export function* csvRows<T>(columns: readonly CsvColumn<T>[], records: Iterable<T>): Generator<string> {
  yield csvRecord(columns.map((c) => c.header));
  for (const record of records) yield csvRecord(columns.map((c) => c.value(record)));
}
