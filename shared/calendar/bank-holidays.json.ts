import type { ImportError, ImportResult, IsoDate } from './calendar-types';
import { dayNumberOrNull } from './iso-date';
import { parseLocatedJson } from './located-json';

/**
 * The bank-holidays file in the format gov.uk publishes at https://www.gov.uk/bank-holidays.json:
 *
 *   {"england-and-wales": {"division": "england-and-wales",
 *     "events": [{"title": "Christmas Day", "date": "2026-12-25", "notes": "", "bunting": true}, …]},
 *    "scotland": {…}, "northern-ireland": {…}}
 *
 * Only the chosen division is read (the trust's schools are in England). Each event needs a date
 * written YYYY-MM-DD; title, notes and bunting are optional but must have the right type when
 * present. Errors name the line of the offending event, as the CSV import does.
 */

export const defaultBankHolidayDivision = 'england-and-wales';

export interface BankHoliday {
  date: IsoDate;
  title: string;
  notes?: string;
  bunting?: boolean;
}

export interface BankHolidayList {
  division: string;
  /** Sorted by date; a date listed twice is kept once, with its first title. */
  events: BankHoliday[];
  /** The dates alone, ready for SchoolCalendar.bankHolidays. */
  bankHolidays: IsoDate[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseBankHolidaysJson(text: string, division: string = defaultBankHolidayDivision): ImportResult<BankHolidayList> {
  const parsed = parseLocatedJson(text);
  if (!parsed.ok) return { ok: false, errors: [{ line: parsed.line, message: parsed.message }] };
  const { value: root, lineOf } = parsed;
  if (!isRecord(root)) {
    return { ok: false, errors: [{ line: 1, message: `the file must be a JSON object keyed by division, such as {"${division}": {"events": [...]}}` }] };
  }
  const part = root[division];
  if (!isRecord(part)) {
    const found = Object.keys(root);
    const listed = found.length === 0 ? 'it lists none' : `it lists ${found.join(', ')}`;
    const message = part === undefined ? `there is no "${division}" division: ${listed}` : `the "${division}" division must be an object with an events list`;
    return { ok: false, errors: [{ line: lineOf(root), message }] };
  }
  const errors: ImportError[] = [];
  if (part['division'] !== undefined && part['division'] !== division) {
    errors.push({ line: lineOf(part), message: `the "${division}" entry says it is another division` });
  }
  const events = part['events'];
  if (!Array.isArray(events)) {
    errors.push({ line: lineOf(part), message: `the "${division}" division has no events list` });
    return { ok: false, errors };
  }
  if (events.length === 0) errors.push({ line: lineOf(events), message: 'the events list is empty' });

  const holidays: BankHoliday[] = [];
  events.forEach((event: unknown, at) => {
    const where = `event ${at + 1}`;
    if (!isRecord(event)) {
      errors.push({ line: lineOf(events, at), message: `${where} is not an object with a date and a title` });
      return;
    }
    const line = lineOf(event);
    const before = errors.length;
    const { date, title, notes, bunting } = event;
    if (typeof date !== 'string') errors.push({ line, message: `${where} has no date` });
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) errors.push({ line, message: `${where}: its date is not written YYYY-MM-DD` });
    else if (dayNumberOrNull(date) === null) errors.push({ line, message: `${where}: its date is not a real date` });
    if (title !== undefined && typeof title !== 'string') errors.push({ line, message: `${where}: title must be text` });
    if (notes !== undefined && typeof notes !== 'string') errors.push({ line, message: `${where}: notes must be text` });
    if (bunting !== undefined && typeof bunting !== 'boolean') errors.push({ line, message: `${where}: bunting must be true or false` });
    if (errors.length > before || typeof date !== 'string') return;
    const holiday: BankHoliday = { date, title: typeof title === 'string' ? title : '' };
    if (typeof notes === 'string') holiday.notes = notes;
    if (typeof bunting === 'boolean') holiday.bunting = bunting;
    holidays.push(holiday);
  });
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };

  const byDate = new Map<IsoDate, BankHoliday>();
  for (const h of holidays) if (!byDate.has(h.date)) byDate.set(h.date, h);
  const sorted = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { ok: true, value: { division, events: sorted, bankHolidays: sorted.map((h) => h.date) } };
}
