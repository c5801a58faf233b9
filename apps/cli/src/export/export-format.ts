// The two shapes of an export: a JSON document (what it is of, then its records, one a line) and
// CSV (a header, then one record a line). Both are written as they are read, page by page.
import type { PageRequest, Page } from '@rolebook/projections';
import { csvRows, type CsvColumn } from '../output/csv';

export const EXPORT_FORMATS = ['json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What an export holds: what it is of (JSON only: CSV has no place for it), its records and their columns. */
export interface ExportDocument<T> {
  about: Record<string, unknown>;
  /** The JSON key of the records. */
  recordsKey: string;
  records: Iterable<T>;
  columns: readonly CsvColumn<T>[];
}

/** `about`'s fields, then the records under `recordsKey`, one a line. */
export function* jsonDocument(about: Record<string, unknown>, recordsKey: string, records: Iterable<unknown>): Generator<string> {
  const fields = Object.entries(about).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},\n`);
  yield `{\n${fields.join('')}  ${JSON.stringify(recordsKey)}: [`;
  let first = true;
  for (const record of records) {
    yield `${first ? '' : ','}\n    ${JSON.stringify(record)}`;
    first = false;
  }
  yield first ? ']\n}\n' : '\n  ]\n}\n';
}

export const render = <T>(document: ExportDocument<T>, format: ExportFormat): Iterable<string> =>
  format === 'json' ? jsonDocument(document.about, document.recordsKey, document.records) : csvRows(document.columns, document.records);

const PAGE_SIZE = 500;

/** Every item of a paged read, page after page, read as they are consumed. */
export function* allPages<T>(read: (page: PageRequest) => Page<T>): Generator<T> {
  let after: string | null = null;
  for (;;) {
    const page = read({ first: PAGE_SIZE, after });
    for (const edge of page.items) yield edge.node;
    const last = page.items[page.items.length - 1];
    if (!page.hasNextPage || !last) return;
    after = last.cursor;
  }
}
