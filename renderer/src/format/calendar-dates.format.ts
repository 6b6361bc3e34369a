import { isCalendarDay } from './uk-time.format';

/**
 * Calendar days (YYYY-MM-DD) as the school calendar shows them: 'Mon 26 Oct 2026'. Spelt out
 * here rather than by Intl, whose en-GB data writes September 'Sept' in some versions.
 */

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

interface DayParts {
  weekday: string;
  day: number;
  month: string;
  monthIndex: number;
  year: number;
}

function parts(day: string): DayParts | null {
  if (!isCalendarDay(day)) return null;
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, date)).getUTCDay();
  return { weekday: WEEKDAYS[weekday] ?? '', day: date, month: MONTHS[month - 1] ?? '', monthIndex: month - 1, year };
}

/** '2026-10-26' → 'Mon 26 Oct 2026'; without the year: 'Mon 26 Oct'. */
export function formatDay(day: string, withYear = true): string {
  const p = parts(day);
  if (p === null) return day;
  return withYear ? `${p.weekday} ${p.day} ${p.month} ${p.year}` : `${p.weekday} ${p.day} ${p.month}`;
}

/** '2026-09-02' → '2 Sep 2026': a date in a sentence or a table, without the weekday. */
export function formatShortDate(day: string): string {
  const p = parts(day);
  return p === null ? day : `${p.day} ${p.month} ${p.year}`;
}

/**
 * A range of days, written as short as it reads clearly: 'Tue 1 Sep – Fri 18 Dec 2026',
 * 'Mon 26 – Fri 30 Oct 2026', 'Mon 21 Dec 2026 – Fri 1 Jan 2027', and one day alone as
 * 'Thu 26 Nov 2026'. withYear false leaves the year off when both ends share it (inside a
 * term whose own dates give the year).
 */
export function formatDayRange(start: string, end: string, withYear = true): string {
  const a = parts(start);
  const b = parts(end);
  if (a === null || b === null) return `${start} – ${end}`;
  if (start === end) return formatDay(start, withYear);
  const year = withYear ? ` ${b.year}` : '';
  if (a.year !== b.year) return `${formatDay(start)} – ${formatDay(end)}`;
  if (a.monthIndex === b.monthIndex) return `${a.weekday} ${a.day} – ${b.weekday} ${b.day} ${b.month}${year}`;
  return `${a.weekday} ${a.day} ${a.month} – ${b.weekday} ${b.day} ${b.month}${year}`;
}

/** How many days a range covers, both ends included: for 'a week' and '2 days'. */
export function daysInRange(start: string, end: string): number {
  if (!isCalendarDay(start) || !isCalendarDay(end)) return 0;
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The school year a day falls in, September to August: '2026-10-26' → '2026 to 2027'. */
export function schoolYearOf(day: string): string {
  const p = parts(day);
  if (p === null) return '';
  const first = p.monthIndex >= 7 ? p.year : p.year - 1;
  return `${first} to ${first + 1}`;
}

const SEASONS = /^(autumn|spring|summer)(\s+term)?(\s+\d{4}(\/\d{2,4})?)?$/i;

/**
 * A term's heading: 'Autumn term' for an unnamed term or one named only by its season and year
 * (the dates beside it give the year), the school's own name otherwise.
 */
export function termTitle(name: string | null, start: string): string {
  const trimmed = name?.trim() ?? '';
  const season = SEASONS.exec(trimmed);
  if (season !== null) {
    const word = season[1] ?? '';
    return `${word.charAt(0).toUpperCase()}${word.slice(1).toLowerCase()} term`;
  }
  if (trimmed !== '') return trimmed;
  const p = parts(start);
  if (p === null) return 'Term';
  // Terms start in September (autumn), January (spring) or after Easter (summer).
  if (p.monthIndex >= 7) return 'Autumn term';
  if (p.monthIndex <= 2) return 'Spring term';
  return 'Summer term';
}
