// An HRIS export as CSV, read into the records a reconciliation takes: its columns found by the
// default names or the operator's --map, each record with the line it starts on.
import type { EmployeeRecord } from '@rolebook/application';
import { CsvError, parse } from 'csv-parse/sync';
import { CliError, EXIT } from '../cli-error';

/** A record's fields, and the column each is read from unless --map says otherwise. */
export const DEFAULT_COLUMNS = {
  employee_id: 'employee_id',
  name: 'name',
  email: 'email',
  job_title: 'job_title',
  manager: 'manager',
  team: 'team',
  start_date: 'start_date',
  end_date: 'end_date',
  allocation: 'allocation',
} as const;

export type Field = keyof typeof DEFAULT_COLUMNS;
const REQUIRED: readonly Field[] = ['employee_id', 'name'];
const isField = (value: string): value is Field => Object.hasOwn(DEFAULT_COLUMNS, value);

/** `employee_id=Employee #,name=Full name`: which column holds which field (the others keep their default names). */
export const parseColumnMap = (text: string, previous: Partial<Record<Field, string>> = {}): Partial<Record<Field, string>> => {
  const map = { ...previous };
  for (const pair of text.split(',')) {
    const at = pair.indexOf('=');
    const field = pair.slice(0, at).trim();
    const column = pair.slice(at + 1).trim();
    if (at < 0 || !column) throw new CliError(`--map takes field=column pairs separated by commas; got "${pair}"`, EXIT.usage);
    if (!isField(field)) throw new CliError(`--map names an unknown field "${field}" (fields: ${Object.keys(DEFAULT_COLUMNS).join(', ')})`, EXIT.usage);
    map[field] = column;
  }
  return map;
};

/** The records of a CSV text whose first line is its header. Absent optional columns are "not stated" (manager, team) or empty. */
export const csvRecords = (text: string, map: Partial<Record<Field, string>> = {}): EmployeeRecord[] => {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    // with info: true, each record comes with what was read up to it
    const parsed: unknown = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true });
    rows = parsed as typeof rows;
  } catch (error) {
    if (error instanceof CsvError) throw new CliError(`the file is not valid CSV: ${error.message}`, EXIT.usage);
    throw error;
  }
  const [header, ...body] = rows;
  if (!header) throw new CliError('the file is empty: it needs a header line and a row per employee', EXIT.usage);
  const columns = header.record.map((c) => c.trim());
  const index = {} as Record<Field, number>;
  for (const field of Object.keys(DEFAULT_COLUMNS) as Field[]) index[field] = columns.indexOf(map[field] ?? DEFAULT_COLUMNS[field]);
  const missing = [...REQUIRED, ...(Object.keys(map) as Field[])].filter((f) => index[f] < 0);
  if (missing.length > 0) {
    const named = [...new Set(missing)].map((f) => `"${map[f] ?? DEFAULT_COLUMNS[f]}" (${f})`).join(', ');
    throw new CliError(`the header has no column ${named}: name the columns with --map field=column`, EXIT.usage);
  }
  return body.map(({ record, info }) => {
    const cell = (field: Field): string | null => (index[field] < 0 ? null : (record[index[field]] ?? ''));
    return {
      // csv-parse counts the lines read up to the end of the record: a quoted cell may span several
      line: info.lines,
      employeeId: cell('employee_id') ?? '',
      name: cell('name') ?? '',
      email: cell('email'),
      title: cell('job_title'),
      ...(index.manager < 0 ? {} : { manager: cell('manager') }),
      ...(index.team < 0 ? {} : { team: cell('team') }),
      start: cell('start_date'),
      end: cell('end_date'),
      allocation: cell('allocation'),
    };
  });
};
