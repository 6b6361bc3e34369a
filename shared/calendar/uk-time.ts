import type { IsoDate } from './calendar-types';
import { isIsoDate } from './iso-date';
import { lazyDateFormat } from './lazy-date-format';

/*
 * UK time, once: every time people read is Europe/London wall-clock time, whatever the
 * computer's own zone, and every "day" is a UK calendar day. The renderer, the CLI, the review
 * writers and the core all take their formats and their day boundaries from here.
 *
 * UK clocks change at 01:00 UTC (the last Sundays of March and October), always by a whole
 * hour, so UK midnight exists exactly once on every day, a day is 23, 24 or 25 hours long, and
 * the offset from UTC changes only on a UTC hour.
 */

const LONDON = 'Europe/London';
const HOUR_MS = 3_600_000;

/** Every field as digits on a 24-hour clock: the one formatter the wall clock is read from. */
const wallParts = lazyDateFormat({ timeZone: LONDON, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

export interface UkWallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** The UK calendar day, YYYY-MM-DD. */
  date: IsoDate;
  /** HH:MM, what an <input type="time"> shows. */
  time: string;
}

function millis(at: Date | number): number {
  return typeof at === 'number' ? at : at.getTime();
}

/** What a UK clock and calendar read at an instant. */
export function ukWallClock(at: Date | number): UkWallClock {
  const p: Record<string, string> = {};
  for (const part of wallParts().formatToParts(new Date(millis(at)))) if (part.type !== 'literal') p[part.type] = part.value;
  const [year, month, day, hour, minute, second] = [p.year, p.month, p.day, p.hour, p.minute, p.second].map(Number) as [number, number, number, number, number, number];
  return { year, month, day, hour, minute, second, date: `${p.year?.padStart(4, '0')}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** How far UK clocks are ahead of UTC at an instant, in ms: 0 in winter (GMT), an hour in summer (BST). */
export function ukOffsetMs(at: Date | number): number {
  const ms = millis(at);
  const w = ukWallClock(ms);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - (ms - (((ms % 1000) + 1000) % 1000));
}

/** The UK calendar day of an instant, YYYY-MM-DD. */
export function ukDay(at: Date | number): IsoDate {
  return ukWallClock(at).date;
}

/**
 * The UTC instant a UK wall-clock time names. In the hour the clocks go back it is the later
 * (GMT) of the two; a time in the hour the clocks skip is read as GMT (01:30 is 02:30 BST).
 */
function fromWallClock(wallAsUtc: number): Date {
  // The offset at a first guess, then again at the answer, in case a clock change lies between.
  const first = wallAsUtc - ukOffsetMs(wallAsUtc);
  return new Date(wallAsUtc - ukOffsetMs(first));
}

function dayAsUtc(day: IsoDate): number {
  if (!isIsoDate(day)) throw new RangeError(`not a calendar day written YYYY-MM-DD: ${day}`);
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, date);
}

/** The instant a UK calendar day begins: '2026-07-01' → 2026-06-30T23:00Z (midnight BST); '2026-12-01' → 2026-12-01T00:00Z. */
export function ukDayStart(day: IsoDate): Date {
  return fromWallClock(dayAsUtc(day));
}

/** The instant just after a UK calendar day ends (the next day's start): an exclusive end. */
export function ukDayEnd(day: IsoDate): Date {
  return fromWallClock(dayAsUtc(day) + 24 * HOUR_MS);
}

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Whether text is a time of day written HH:MM (what an <input type="time"> gives). */
export function isClockTime(text: string): boolean {
  return CLOCK_TIME.test(text);
}

/** A date and time on UK clocks as the instant it names (fromWallClock): ('2026-07-01', '10:30') → 2026-07-01T09:30Z. Null for anything else. */
export function ukInstant(day: string, time: string): Date | null {
  const clock = CLOCK_TIME.exec(time);
  if (!isIsoDate(day) || clock === null) return null;
  return fromWallClock(dayAsUtc(day) + Number(clock[1]) * HOUR_MS + Number(clock[2]) * 60_000);
}

/**
 * The ways people read a UK instant. Each is one Intl format made on first use, so what a
 * format looks like is decided here once (the output follows the ICU of the runtime: Node's
 * and Chromium's may abbreviate September differently, so tests compare with these functions).
 */
const instantStyles = {
  /** 'Wed, 1 Jul 2026, 10:30' */
  weekdayDateTime: lazyDateFormat({ timeZone: LONDON, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  /** 'Wed 1 Jul, 10:30' */
  weekdayDayTime: lazyDateFormat({ timeZone: LONDON, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  /** '1 Jul 2026, 10:30' */
  dateTime: lazyDateFormat({ timeZone: LONDON, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  /** '1 Jul 2026' */
  date: lazyDateFormat({ timeZone: LONDON, day: 'numeric', month: 'short', year: 'numeric' }),
  /** '10:30' */
  clock: lazyDateFormat({ timeZone: LONDON, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  /** '01/07/2026, 10:30:00' */
  numeric: lazyDateFormat({ timeZone: LONDON, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }),
} as const;

export type UkTimeStyle = keyof typeof instantStyles;

/** An instant as UK time in one of the styles; text that is not an instant is returned as it is. */
export function formatUkTime(at: Date | number | string, style: UkTimeStyle): string {
  const date = at instanceof Date ? at : new Date(at);
  return Number.isNaN(date.getTime()) ? String(at) : instantStyles[style]().format(date);
}

/** A calendar day is a date, not an instant: its parts are read at its UTC midnight, in UTC. */
const dayStyles = {
  long: lazyDateFormat({ timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
  short: lazyDateFormat({ timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }),
};

function dayParts(day: IsoDate, length: keyof typeof dayStyles): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of dayStyles[length]().formatToParts(new Date(dayAsUtc(day)))) if (part.type !== 'literal') parts[part.type] = part.value;
  return parts;
}

/**
 * A calendar day in words, assembled from its parts so that no runtime's punctuation changes it:
 * 'words' 'Wednesday 8 July 2026', 'long' '8 July 2026', 'weekdayDate' 'Wed 8 Jul 2026',
 * 'weekdayDay' 'Wed 8 Jul', 'dayMonth' '8 Jul'. Text that is not a day is returned as it is.
 */
export function formatUkDay(day: string, style: 'words' | 'long' | 'weekdayDate' | 'weekdayDay' | 'dayMonth'): string {
  if (!isIsoDate(day)) return day;
  const p = dayParts(day, style === 'words' || style === 'long' ? 'long' : 'short');
  switch (style) {
    case 'words':
      return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
    case 'long':
      return `${p.day} ${p.month} ${p.year}`;
    case 'weekdayDate':
      return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
    case 'weekdayDay':
      return `${p.weekday} ${p.day} ${p.month}`;
    case 'dayMonth':
      return `${p.day} ${p.month}`;
  }
}

/** The short weekday of a calendar day: '2026-07-08' → 'Wed'. */
export function ukWeekday(day: IsoDate): string {
  return dayParts(day, 'short').weekday ?? '';
}
