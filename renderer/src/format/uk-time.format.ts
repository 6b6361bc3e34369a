import { isIsoDate } from '../../../shared/calendar/iso-date';
import { formatUkDay, formatUkTime, ukDay as ukDayOf, ukDayEnd as ukDayEndOf, ukDayStart as ukDayStartOf } from '../../../shared/calendar/uk-time';

/*
 * Every time on screen is UK time, whatever the computer's own time zone says. The formats and
 * the day boundaries are shared/calendar/uk-time.ts's; these are the screens' names for them.
 */

/** '2026-07-01T09:30:00Z' → 'Wed, 1 Jul 2026, 10:30' (British Summer Time). */
export function formatUkDateTime(iso: string): string {
  return formatUkTime(iso, 'weekdayDateTime');
}

/** Whether text is a calendar day written YYYY-MM-DD (what an <input type="date"> gives). */
export function isCalendarDay(text: string): boolean {
  return isIsoDate(text);
}

/** The instant a UK calendar day begins, as ISO-8601 UTC: '2026-07-01' → '2026-06-30T23:00:00.000Z'. */
export function ukDayStart(day: string): string {
  return ukDayStartOf(day).toISOString();
}

/** The instant just after a UK calendar day ends (the next day's start): an exclusive end. */
export function ukDayEnd(day: string): string {
  return ukDayEndOf(day).toISOString();
}

/** The UK calendar day of an instant, YYYY-MM-DD. */
export function ukDay(instant: Date): string {
  return ukDayOf(instant);
}

/** A calendar day as people write it: '2026-07-01' → '1 July 2026'. */
export function formatUkDate(day: string): string {
  return formatUkDay(day, 'long');
}

/** The UK calendar day of an instant, short: '2026-06-30T23:30:00Z' → '1 Jul 2026'. */
export function formatUkShortDate(iso: string): string {
  return formatUkTime(iso, 'date');
}
