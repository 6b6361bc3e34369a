import { formatUkTime } from '../../shared/calendar/uk-time';

/** Times are stored in UTC and shown in Europe/London, en-GB: '01/07/2026 10:30:00'. */
export function londonTime(iso: string | null): string {
  return iso === null ? '' : formatUkTime(iso, 'numeric').replace(',', '');
}

/** A day as people write it ("3 Dec 2026"), for notes where the time of day does not matter. */
export function londonDay(iso: string): string {
  return formatUkTime(iso, 'date');
}

/** A plain aligned table for people reading a terminal. */
export function table(headers: string[], rows: (string | number | null)[][]): string {
  const cells = rows.map((row) => row.map((cell) => (cell === null ? '' : String(cell))));
  const widths = headers.map((header, i) => Math.max(header.length, ...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
