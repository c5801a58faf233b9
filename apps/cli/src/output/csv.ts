// CSV as RFC 4180 writes it, through csv-stringify: a field holding a comma, a quote, a line break
// or edge spaces is quoted, its quotes doubled; records end with CRLF. A text cell that a
// spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) is prefixed with a
// quote, so that opening an export never runs what a name or a reason holds.
import { stringify } from 'csv-stringify/sync';

export type CsvValue = string | number | boolean | null;

const OPTIONS = { record_delimiter: 'windows', escape_formulas: true, quoted_match: /^\s|\s$|[\r\n]/, cast: { boolean: String } } as const;

/** One record, CRLF-terminated; null is an empty field. */
export const csvRecord = (values: readonly CsvValue[]): string => stringify([values.map((v) => v ?? '')], OPTIONS);

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
