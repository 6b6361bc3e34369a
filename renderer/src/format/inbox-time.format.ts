import { formatUkDay, isClockTime, ukInstant as ukInstantOf, ukWallClock, ukWeekday } from '../../../shared/calendar/uk-time';

/**
 * Dates and times for the inbox and monitoring screens: calendar days as people say them, and
 * a date and time typed in UK time turned into the instant the core keeps (ISO 8601, UTC).
 */

/** '2026-07-08' → 'Wednesday 8 July 2026': a deadline, in words. */
export function formatDayInWords(day: string): string {
  return formatUkDay(day, 'words');
}

/** '2026-07-08' → 'Wed 8 Jul 2026'. */
export function formatDayShort(day: string): string {
  return formatUkDay(day, 'weekdayDate');
}

/** '2026-07-08' → 'Wed 8 Jul': a day within a week on screen. */
export function formatDayBrief(day: string): string {
  return formatUkDay(day, 'weekdayDay');
}

/** '2026-07-08' → { weekday: 'Wed', date: '8 Jul' }: a coverage table's column heading. */
export function dayHeading(day: string): { weekday: string; date: string } {
  return { weekday: ukWeekday(day), date: formatUkDay(day, 'dayMonth') };
}

/** The UK date (YYYY-MM-DD) and time (HH:MM) of an instant: what a form shows as "now". */
export function ukDateAndTime(instant: Date): { day: string; time: string } {
  const { date, time } = ukWallClock(instant);
  return { day: date, time };
}

export { isClockTime };

/**
 * A date and time on UK clocks as the instant it names, ISO 8601 UTC:
 * ('2026-07-01', '10:30') → '2026-07-01T09:30:00.000Z' (British Summer Time). Null for text that
 * is not a date and a time.
 */
export function ukInstant(day: string, time: string): string | null {
  return ukInstantOf(day, time)?.toISOString() ?? null;
}

/** '0 school days', '1 school day', '6 school days'. */
export function schoolDays(n: number): string {
  return `${n} school ${n === 1 ? 'day' : 'days'}`;
}
