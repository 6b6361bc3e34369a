import type { ImportError } from '../calendar/calendar-types';
import { splitCsvLine } from './split-csv-line';

/**
 * A CSV file read as a table with a header, for the imports people fill in by hand or export
 * from a password manager. Like the term-dates file: the first line that is not blank or a
 * comment (#) is the header, its columns may come in any order, a UTF-8 BOM, CRLF line ends
 * and rows of empty cells are tolerated, and line numbers are the file's own, from 1.
 *
 * Messages name the line and the column, never a cell's text (the header's included): a password
 * manager's export given to the wrong import, or with its header cut off, must not put a
 * password on the screen, in a terminal's scrollback or in a log.
 */

export interface CsvColumn<C extends string> {
  name: C;
  /** Other names for the same column, as other tools write them (matched case-insensitively). */
  aliases?: readonly string[];
}

export interface CsvTableSpec<C extends string> {
  columns: readonly CsvColumn<C>[];
  /** Columns the file must have. */
  required: readonly C[];
  /** Column names that are allowed and ignored (notes, folders). */
  ignored?: readonly string[];
  /** How the header should look, for messages: 'kind,name,email,…'. */
  example: string;
}

export interface CsvRow<C extends string> {
  line: number;
  cells: Record<C, string>;
  /** Which columns the header has (a cell of a missing column reads as ''). */
  has: ReadonlySet<C>;
}

export type CsvTable<C extends string> = { rows: CsvRow<C>[]; errors: ImportError[]; hasHeader: boolean };

function headerNames<C extends string>(fields: string[], spec: CsvTableSpec<C>, line: number, errors: ImportError[]): (C | null)[] | null {
  const lookup = new Map<string, C>();
  for (const column of spec.columns) for (const name of [column.name, ...(column.aliases ?? [])]) lookup.set(name.toLowerCase(), column.name);
  const ignored = new Set((spec.ignored ?? []).map((n) => n.toLowerCase()));
  const names = fields.map((f) => f.trim().toLowerCase());
  if (!names.some((n) => lookup.has(n))) {
    errors.push({ line, message: `the first line must be the header ${spec.example}, but it names none of these columns` });
    return null;
  }
  const problems: string[] = [];
  const mapped = names.map((n, i) => {
    const column = lookup.get(n);
    if (column !== undefined) return column;
    if (n !== '' && !ignored.has(n)) problems.push(`column ${i + 1} is not a known column`);
    return null;
  });
  for (const column of spec.columns) {
    if (mapped.filter((c) => c === column.name).length > 1) problems.push(`${column.name} is named twice`);
  }
  for (const column of spec.required) if (!mapped.includes(column)) problems.push(`there is no ${column} column`);
  if (problems.length > 0) {
    errors.push({ line, message: `the first line must be the header ${spec.example}: ${problems.join('; ')}` });
    return null;
  }
  return mapped;
}

export function readCsvTable<C extends string>(text: string, spec: CsvTableSpec<C>): CsvTable<C> {
  const errors: ImportError[] = [];
  const rows: CsvRow<C>[] = [];
  let header: (C | null)[] | null | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  lines.forEach((raw, at) => {
    const line = at + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('"#')) return;
    const fields = splitCsvLine(raw);
    if (fields === null) {
      errors.push({ line, message: 'a quoted field is not closed, or has text after its closing quote (a value cannot run over two lines)' });
      if (header === undefined) header = null;
      return;
    }
    if (fields.every((f) => f === '')) return;
    if (header === undefined) {
      header = headerNames(fields, spec, line, errors);
      return;
    }
    if (header === null) return; // the header was bad: already reported
    const columns = header;
    if (fields.slice(columns.length).some((f) => f !== '')) {
      errors.push({ line, message: `there are ${fields.length} columns but the header names ${columns.length}` });
      return;
    }
    const cells = Object.fromEntries(spec.columns.map((c) => [c.name, ''])) as Record<C, string>;
    columns.forEach((column, i) => {
      if (column !== null) cells[column] = fields[i] ?? '';
    });
    rows.push({ line, cells, has: new Set(columns.filter((c): c is C => c !== null)) });
  });
  if (header === undefined) errors.push({ line: 1, message: `the file is empty: it needs the header ${spec.example} and a row for each entry` });
  return { rows, errors, hasHeader: header !== undefined && header !== null };
}
