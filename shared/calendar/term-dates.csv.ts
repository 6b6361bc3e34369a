import type { Closure, ImportError, ImportResult, IsoDate, Term } from './calendar-types';
import { dayNumberOrNull, fromDayNumber, weekdayOfDayNumber } from './iso-date';
import { splitCsvLine } from '../csv/split-csv-line';

/**
 * The term-dates CSV, as a school exports it from a spreadsheet:
 *
 *   kind,name,start,end
 *   term,Autumn 2026,2026-09-01,2026-12-18
 *   half-term,Autumn half term,2026-10-26,2026-10-30
 *   inset,Training day,2026-09-01,2026-09-01
 *
 * - kind: term | half-term | inset | closure (any case). A half term must lie inside one term;
 *   terms must not overlap. inset and closure rows may leave end empty for a single day.
 * - name: free text, may be empty; quote it ("Autumn, first half") if it holds a comma.
 * - start, end: YYYY-MM-DD, both inclusive. Spreadsheets that rewrite dates as 01/09/2026 must
 *   be told to keep the text, so such dates are refused with that hint rather than guessed at.
 * - The first line that is not blank or a comment is the header; its columns may come in any
 *   order, and name may be left out. Lines starting with # are comments. A UTF-8 BOM, CRLF line
 *   ends and rows of empty cells (",,,") are tolerated.
 *
 * Line numbers in errors are the file's own, counting from 1. Errors name the column and never
 * repeat a cell's text (as every import: shared/csv/csv-table.ts), only dates already checked.
 */

export const termDatesKinds = ['term', 'half-term', 'inset', 'closure'] as const;
export type TermDatesKind = (typeof termDatesKinds)[number];

/** The calendar parts a term-dates file sets: everything but the bank holidays. */
export interface TermDates {
  terms: Term[];
  closures: Closure[];
  insetDays: IsoDate[];
}

const columns = ['kind', 'name', 'start', 'end'] as const;
type Column = (typeof columns)[number];
const requiredColumns: readonly Column[] = ['kind', 'start', 'end'];

interface Row {
  line: number;
  kind: TermDatesKind;
  name: string;
  start: number;
  end: number;
}

function dateProblem(column: string, value: string): string | null {
  if (value === '') return `${column} is empty`;
  // The cell's text is not repeated (see below); a checked date is, in other messages.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${column} is not a date written YYYY-MM-DD`;
  if (dayNumberOrNull(value) === null) return `${column} is not a real date`;
  return null;
}

function rangeText(row: { start: number; end: number }): string {
  return `${fromDayNumber(row.start)}..${fromDayNumber(row.end)}`;
}

function withName<T extends object>(value: T, name: string): T & { name?: string } {
  return name === '' ? value : { ...value, name };
}

export function parseTermDatesCsv(text: string): ImportResult<TermDates> {
  const errors: ImportError[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  let header: Column[] | null = null;
  const rows: Row[] = [];
  let badTermLine = false;

  lines.forEach((raw, at) => {
    const line = at + 1;
    const trimmed = raw.trim();
    // Checked before splitting, so that a comment may hold commas and quotes freely.
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('"#')) return;
    const fields = splitCsvLine(raw);
    if (fields === null) {
      errors.push({ line, message: 'a quoted field is not closed, or has text after its closing quote' });
      if (header === null) header = [];
      return;
    }
    if (fields.every((f) => f === '')) return;

    if (header === null) {
      header = readHeader(fields, line, errors);
      return;
    }
    if (header.length === 0) return; // the header was bad: already reported, nothing to map by

    const problems: string[] = [];
    const extra = fields.slice(header.length);
    if (extra.some((f) => f !== '')) problems.push(`there are ${fields.length} columns but the header names ${header.length} (${header.join(',')})`);
    const missing = header.filter((_, i) => i >= fields.length);
    if (missing.length > 0) problems.push(`the ${missing.join(', ')} column${missing.length === 1 ? ' is' : 's are'} missing`);
    const cell = (column: Column): string => {
      const i = (header ?? []).indexOf(column);
      return i === -1 ? '' : (fields[i] ?? '');
    };

    const kindText = cell('kind').toLowerCase();
    const kind = (termDatesKinds as readonly string[]).includes(kindText) ? (kindText as TermDatesKind) : null;
    if (kind === null && !missing.includes('kind')) {
      problems.push(kindText === '' ? `kind is empty (use one of ${termDatesKinds.join(', ')})` : `kind is not one of ${termDatesKinds.join(', ')}`);
    }
    const startText = cell('start');
    const singleDayAllowed = kind === 'inset' || kind === 'closure';
    const endText = cell('end') === '' && singleDayAllowed ? startText : cell('end');
    if (!missing.includes('start')) {
      const p = dateProblem('start', startText);
      if (p !== null) problems.push(p);
    }
    if (!missing.includes('end') && !(singleDayAllowed && startText === endText)) {
      const p = dateProblem('end', endText);
      if (p !== null) problems.push(p);
    }
    const start = dayNumberOrNull(startText);
    const end = dayNumberOrNull(endText);
    if (start !== null && end !== null && end < start) problems.push(`end ${endText} is before start ${startText}`);
    if (kind === 'inset' && start !== null && end !== null && end >= start && !hasWeekday(start, end)) {
      problems.push(`the inset days ${startText}..${endText} fall only on a weekend`);
    }

    for (const message of problems) errors.push({ line, message });
    if (problems.length > 0 || kind === null || start === null || end === null) {
      if (kind === 'term' || kind === null) badTermLine = true;
      return;
    }
    rows.push({ line, kind, name: cell('name'), start, end });
  });

  if (header === null) {
    errors.push({ line: 1, message: `the file is empty: it needs the header ${columns.join(',')} and a row for each term` });
  } else if (errors.length === 0 && rows.length === 0) {
    errors.push({ line: 1, message: 'the file has a header but no rows' });
  }

  const terms = rows.filter((r) => r.kind === 'term').sort((a, b) => a.start - b.start || a.line - b.line);
  terms.forEach((term, i) => {
    const earlier = terms.slice(0, i).find((t) => t.end >= term.start);
    if (earlier === undefined) return;
    const [first, second] = earlier.line < term.line ? [earlier, term] : [term, earlier];
    errors.push({ line: second.line, message: `the term ${rangeText(second)} overlaps the term on line ${first.line} (${rangeText(first)})` });
  });
  // When a term row was refused, a half term inside it would be reported too; one error is enough.
  if (!badTermLine) {
    for (const half of rows.filter((r) => r.kind === 'half-term')) {
      if (!terms.some((t) => t.start <= half.start && half.end <= t.end)) {
        errors.push({ line: half.line, message: `the half term ${rangeText(half)} does not lie inside any term in the file` });
      }
    }
  }

  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };

  const insetDays = new Set<number>();
  for (const r of rows.filter((row) => row.kind === 'inset')) {
    for (let d = r.start; d <= r.end; d += 1) if (weekdayOfDayNumber(d) !== 0 && weekdayOfDayNumber(d) !== 6) insetDays.add(d);
  }
  const byStart = (a: Row, b: Row): number => a.start - b.start || a.end - b.end;
  return {
    ok: true,
    value: {
      terms: terms.map((r) => withName({ start: fromDayNumber(r.start), end: fromDayNumber(r.end) }, r.name)),
      closures: rows
        .filter((r) => r.kind === 'half-term' || r.kind === 'closure')
        .sort(byStart)
        .map((r) => withName({ kind: r.kind as Closure['kind'], start: fromDayNumber(r.start), end: fromDayNumber(r.end) }, r.name)),
      insetDays: [...insetDays].sort((a, b) => a - b).map(fromDayNumber),
    },
  };
}

function readHeader(fields: string[], line: number, errors: ImportError[]): Column[] {
  const names = fields.map((f) => f.toLowerCase());
  if (!names.some((n) => (columns as readonly string[]).includes(n))) {
    errors.push({ line, message: `the first line must be the header ${columns.join(',')}, but it names none of these columns` });
    return [];
  }
  const problems: string[] = [];
  names.forEach((name, i) => {
    if (!(columns as readonly string[]).includes(name)) problems.push(`column ${i + 1} is not a known column`);
  });
  for (const name of columns) if (names.filter((n) => n === name).length > 1) problems.push(`${name} is named twice`);
  for (const name of requiredColumns) if (!names.includes(name)) problems.push(`there is no ${name} column`);
  if (problems.length > 0) {
    // One message for the header: a data row read as a header would otherwise give one per cell.
    errors.push({ line, message: `the first line must be the header ${columns.join(',')}: ${problems.join('; ')}` });
    return [];
  }
  return names as Column[];
}

function hasWeekday(start: number, end: number): boolean {
  for (let d = start; d <= end && d < start + 7; d += 1) if (weekdayOfDayNumber(d) !== 0 && weekdayOfDayNumber(d) !== 6) return true;
  return false;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() || value.startsWith('#') ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Writes term dates back in the same format, one INSET row per day, so a school can download
 * its calendar, edit it in a spreadsheet and import it again.
 */
export function formatTermDatesCsv(dates: TermDates): string {
  const rows = [columns.join(',')];
  for (const t of dates.terms) rows.push(['term', csvField(t.name ?? ''), t.start, t.end].join(','));
  for (const c of dates.closures) rows.push([c.kind, csvField(c.name ?? ''), c.start, c.end].join(','));
  for (const d of dates.insetDays) rows.push(['inset', '', d, d].join(','));
  return `${rows.join('\r\n')}\r\n`;
}

