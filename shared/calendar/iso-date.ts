import type { IsoDate } from './calendar-types';

/**
 * Dates are handled as whole day numbers (days since 1970-01-01) so that no local time zone or
 * daylight-saving change can shift a date; Date is used only through its UTC methods.
 */
const msPerDay = 86_400_000;
const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of a 'YYYY-MM-DD' date, or null when it is not a real date (2026-02-30). */
export function dayNumberOrNull(date: string): number | null {
  const match = isoDatePattern.exec(date);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const ms = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip unchanged.
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return Math.round(ms / msPerDay);
}

export function isIsoDate(date: string): boolean {
  return dayNumberOrNull(date) !== null;
}

/** As dayNumberOrNull, but a malformed date is a programming error here, so it throws. */
export function toDayNumber(date: IsoDate): number {
  const day = dayNumberOrNull(date);
  if (day === null) throw new RangeError(`'${date}' is not a date written YYYY-MM-DD`);
  return day;
}

export function fromDayNumber(day: number): IsoDate {
  const d = new Date(day * msPerDay);
  const year = String(d.getUTCFullYear()).padStart(4, '0');
  const month = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dayOfMonth = String(d.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${dayOfMonth}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** 0 = Sunday … 6 = Saturday, as Date.getUTCDay. Day 0 (1970-01-01) was a Thursday. */
export function weekdayOfDayNumber(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function weekday(date: IsoDate): number {
  return weekdayOfDayNumber(toDayNumber(date));
}

export function isWeekend(date: IsoDate): boolean {
  const w = weekday(date);
  return w === 0 || w === 6;
}

/** Valid ISO dates sort as strings, but comparing day numbers also rejects malformed input. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return toDayNumber(a) - toDayNumber(b);
}
