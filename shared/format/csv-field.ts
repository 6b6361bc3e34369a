/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A field that a
 * spreadsheet would read as a formula (=, +, -, @, tab, carriage return at the start) gets a
 * leading apostrophe, so a reason typed as '=HYPERLINK(…)' stays text when the file is opened.
 * Shared by the window's audit download and the core's review pack, so both files read alike.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
