import { isIsoDate } from '../../../shared/calendar/iso-date';

/**
 * Dates and times for the inbox and monitoring screens: calendar days as people say them, and
 * a date and time typed in UK time turned into the instant the core keeps (ISO 8601, UTC).
 */

function dayParts(day: string, options: Intl.DateTimeFormatOptions): Record<string, string> {
  const parts: Record<string, string> = {};
  // A calendar day is a date, not an instant: format its UTC midnight in UTC.
  const format = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', ...options });
  for (const part of format.formatToParts(new Date(`${day}T00:00:00Z`))) if (part.type !== 'literal') parts[part.type] = part.value;
  return parts;
}

/** '2026-07-08' → 'Wednesday 8 July 2026': a deadline, in words. */
export function formatDayInWords(day: string): string {
  if (!isIsoDate(day)) return day;
  const p = dayParts(day, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

/** '2026-07-08' → 'Wed 8 Jul 2026'. */
export function formatDayShort(day: string): string {
  if (!isIsoDate(day)) return day;
  const p = dayParts(day, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

/** '2026-07-08' → 'Wed 8 Jul': a day within a week on screen. */
export function formatDayBrief(day: string): string {
  if (!isIsoDate(day)) return day;
  const p = dayParts(day, { weekday: 'short', day: 'numeric', month: 'short' });
  return `${p.weekday} ${p.day} ${p.month}`;
}

/** '2026-07-08' → { weekday: 'Wed', date: '8 Jul' }: a coverage table's column heading. */
export function dayHeading(day: string): { weekday: string; date: string } {
  const p = dayParts(day, { weekday: 'short', day: 'numeric', month: 'short' });
  return { weekday: p.weekday ?? '', date: `${p.day} ${p.month}` };
}

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function londonWallClock(ms: number): { day: string; time: string; asUtc: number } {
  const p: Record<string, string> = {};
  for (const part of londonParts.formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = part.value;
  const [year, month, day, hour, minute, second] = [p.year, p.month, p.day, p.hour, p.minute, p.second].map(Number) as number[];
  return {
    day: `${p.year}-${p.month}-${p.day}`,
    time: `${p.hour}:${p.minute}`,
    asUtc: Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0, second ?? 0),
  };
}

/** The UK date (YYYY-MM-DD) and time (HH:MM) of an instant: what a form shows as "now". */
export function ukDateAndTime(instant: Date): { day: string; time: string } {
  const { day, time } = londonWallClock(instant.getTime());
  return { day, time };
}

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Whether text is a time of day written HH:MM (what an <input type="time"> gives). */
export function isClockTime(text: string): boolean {
  return CLOCK_TIME.test(text);
}

/**
 * A date and time on UK clocks as the instant it names, ISO 8601 UTC:
 * ('2026-07-01', '10:30') → '2026-07-01T09:30:00.000Z' (British Summer Time). Null for text that
 * is not a date and a time.
 */
export function ukInstant(day: string, time: string): string | null {
  const clock = CLOCK_TIME.exec(time);
  if (!isIsoDate(day) || clock === null) return null;
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, date, Number(clock[1]), Number(clock[2]));
  // The offset at a first guess, then again at the answer, in case a clock change lies between.
  const first = wall - (londonWallClock(wall).asUtc - wall);
  const answer = wall - (londonWallClock(first).asUtc - first);
  return new Date(answer).toISOString();
}

/** '0 school days', '1 school day', '6 school days'. */
export function schoolDays(n: number): string {
  return `${n} school ${n === 1 ? 'day' : 'days'}`;
}
