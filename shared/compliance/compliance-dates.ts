/**
 * The few date sums the rules need. Dates are London calendar dates written 'YYYY-MM-DD';
 * times are ISO-8601 instants (UTC, as the database stores them). Day arithmetic comes from
 * shared/calendar; the London-date conversion here is a fast path for the rules' loops over
 * thousands of rows (shared/calendar's londonDate goes through Intl, which is far slower).
 */

import { addDays, toDayNumber as dayNumber } from '../calendar/iso-date';

export const monthNames = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;
const weekdayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

// Plain day arithmetic is the calendar module's; these names are what the rules read.
export { addDays, daysBetween, fromDayNumber as dateOfDayNumber, isIsoDate, toDayNumber as dayNumber } from '../calendar/iso-date';

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Calendar months later (or earlier); the 31st lands on the month's last day, as people expect. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  const d = Math.min(day, daysInMonth(y, m));
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** UK summer time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October. */
const summerTimeByYear = new Map<number, readonly [number, number]>();
function summerTime(year: number): readonly [number, number] {
  let range = summerTimeByYear.get(year);
  if (range === undefined) {
    const lastSunday = (month: number) => {
      const last = new Date(Date.UTC(year, month + 1, 0));
      return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
    };
    range = [lastSunday(2), lastSunday(9)];
    summerTimeByYear.set(year, range);
  }
  return range;
}

/** The shape the core writes (Date.toISOString()): these compare and convert without parsing. */
function isCanonicalUtc(instant: string): boolean {
  return instant.length === 24 && instant[10] === 'T' && instant[23] === 'Z';
}

/** Whether an instant is in the core's own form, so that two of them compare as text (compareInstants). */
export const isCoreInstant = isCanonicalUtc;

/**
 * The London date of an instant. The rules compare instants (when access was revoked, when a
 * reply went out) with London dates, so an evening in British Summer Time must count as that day,
 * not the next. The UK rule is fixed in law, so no time-zone database is needed. Most instants
 * are converted from the text alone: with 10,000 inbox items this is the engine's hot path.
 */
export function londonDate(instant: string): string {
  if (isCanonicalUtc(instant)) {
    const month = Number(instant.slice(5, 7));
    // November to February are always GMT; April to September always BST (UTC+1), so only
    // 23:xx UTC falls on the next London day. March and October need the changeover dates,
    // but only for 23:xx too: an hour of summer time moves 00:00 to 22:59 UTC to the same day
    // (and text that is no instant at all, which Date.parse refuses, is read by its date too).
    if (month <= 2 || month >= 11) return instant.slice(0, 10);
    const hour = instant.slice(11, 13);
    if (hour < '23') return instant.slice(0, 10);
    if (month >= 4 && month <= 9) return hour === '23' ? addDays(instant.slice(0, 10), 1) : instant.slice(0, 10);
  }
  const ms = Date.parse(instant);
  // The core writes ISO-8601 instants; anything else is read as the date it starts with.
  if (Number.isNaN(ms)) return instant.slice(0, 10);
  const [start, end] = summerTime(new Date(ms).getUTCFullYear());
  return new Date(ms >= start && ms < end ? ms + 3_600_000 : ms).toISOString().slice(0, 10);
}

/*
 * London is UTC or UTC+1, so an instant's London date is its UTC date or the day after. Most
 * comparisons are settled by the UTC date alone, without converting: these two are for loops
 * over thousands of rows.
 */

/** Whether the London date of an instant is after `date`. */
export function londonDateAfter(instant: string, date: string): boolean {
  if (isCanonicalUtc(instant) && instant.slice(0, 10) < date) return false;
  return londonDate(instant) > date;
}

/** Whether the London date of an instant is before `date`. */
export function londonDateBefore(instant: string, date: string): boolean {
  if (isCanonicalUtc(instant) && instant.slice(0, 10) >= date) return false;
  return londonDate(instant) < date;
}

/** Whether instant a is strictly later than b (both ISO-8601, any offset). */
export function isLater(a: string, b: string): boolean {
  if (isCanonicalUtc(a) && isCanonicalUtc(b)) return a > b;
  return Date.parse(a) > Date.parse(b);
}

/** For sorting, earliest first: isLater's reading, comparing the core's own form as text. */
export function compareInstants(a: string, b: string): number {
  if (isCanonicalUtc(a) && isCanonicalUtc(b)) return a < b ? -1 : a > b ? 1 : 0;
  return isLater(a, b) ? 1 : isLater(b, a) ? -1 : 0;
}

const isoDateShape = /^\d{4}-\d{2}-\d{2}$/;

/** '24 November 2026' (en-GB, as a school leader writes it). */
export function formatLongDate(date: string): string {
  // The usual shape is read by position (findings write thousands of dates); anything else by its parts.
  if (isoDateShape.test(date)) return `${Number(date.slice(8))} ${monthNames[Number(date.slice(5, 7)) - 1] ?? '?'} ${Number(date.slice(0, 4))}`;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${day} ${monthNames[month - 1] ?? '?'} ${year}`;
}

/** 'January 2026'. */
export function formatMonthYear(date: string): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return `${monthNames[month - 1] ?? '?'} ${year}`;
}

/** 'Saturday 21 November' for the days of a recent week. */
export function formatWeekdayDate(date: string): string {
  const [, month, day] = date.split('-').map(Number) as [number, number, number];
  // 1970-01-01 (day 0) was a Thursday.
  const weekday = weekdayNames[(((dayNumber(date) + 4) % 7) + 7) % 7];
  return `${weekday} ${day} ${monthNames[month - 1] ?? '?'}`;
}
