import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { londonDate } from '../../shared/calendar/london-date';
import { formatUkDay, formatUkTime, ukDay, ukDayEnd, ukDayStart, ukInstant, ukOffsetMs, ukWallClock } from '../../shared/calendar/uk-time';

/*
 * UK time against the rule in law, written out here independently of Intl: British Summer Time
 * runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October
 * (Summer Time Order 2002). Instants and days are drawn across 2026 and 2027, so both clock
 * changes of each year are crossed.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FROM = Date.UTC(2026, 0, 1);
const UNTIL = Date.UTC(2028, 0, 1);

function lastSundayAt0100Utc(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
}

function inSummerTime(ms: number): boolean {
  const year = new Date(ms).getUTCFullYear();
  return ms >= lastSundayAt0100Utc(year, 2) && ms < lastSundayAt0100Utc(year, 9);
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const changes = [2026, 2027].flatMap((year) => [lastSundayAt0100Utc(year, 2), lastSundayAt0100Utc(year, 9)]);
/** Any instant of the two years, and as often one within three hours of a clock change. */
const instants = fc.oneof(
  fc.integer({ min: FROM, max: UNTIL - 1 }),
  fc.tuple(fc.constantFrom(...changes), fc.integer({ min: -3 * 3_600_000, max: 3 * 3_600_000 })).map(([at, by]) => at + by),
);
const days = fc.integer({ min: 1, max: 729 }).map((n) => isoDay(FROM + n * DAY));

describe('UK time across the clock changes of 2026 and 2027', () => {
  it('puts the changes where the law does', () => {
    expect(new Date(lastSundayAt0100Utc(2026, 2)).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(new Date(lastSundayAt0100Utc(2026, 9)).toISOString()).toBe('2026-10-25T01:00:00.000Z');
    expect(new Date(lastSundayAt0100Utc(2027, 2)).toISOString()).toBe('2027-03-28T01:00:00.000Z');
    expect(new Date(lastSundayAt0100Utc(2027, 9)).toISOString()).toBe('2027-10-31T01:00:00.000Z');
  });

  it('reads the offset, the wall clock and the day of any instant as the rule gives them', () => {
    fc.assert(
      fc.property(instants, (ms) => {
        const offset = inSummerTime(ms) ? HOUR : 0;
        expect(ukOffsetMs(ms)).toBe(offset);
        const wall = new Date(ms + offset);
        const clock = ukWallClock(ms);
        expect(clock.date).toBe(wall.toISOString().slice(0, 10));
        expect(clock.time).toBe(wall.toISOString().slice(11, 16));
        expect(ukDay(ms)).toBe(clock.date);
        expect(londonDate(ms)).toBe(clock.date);
        expect(formatUkTime(ms, 'clock')).toBe(clock.time);
      }),
      { numRuns: 2000 },
    );
  });

  it('starts every UK day at its midnight, once, and ends it at the next one', () => {
    fc.assert(
      fc.property(days, (day) => {
        const start = ukDayStart(day).getTime();
        expect(ukWallClock(start)).toMatchObject({ date: day, hour: 0, minute: 0, second: 0 });
        expect(ukDay(start - 1)).toBe(isoDay(Date.parse(`${day}T00:00:00Z`) - DAY));
        const end = ukDayEnd(day).getTime();
        expect(end).toBe(ukDayStart(isoDay(Date.parse(`${day}T00:00:00Z`) + DAY)).getTime());
        expect(ukDay(end - 1)).toBe(day);
      }),
      { numRuns: 730 },
    );
  });

  it('makes the spring days 23 hours and the autumn days 25, and every other day 24', () => {
    const short = new Set(['2026-03-29', '2027-03-28']);
    const long = new Set(['2026-10-25', '2027-10-31']);
    for (let ms = FROM; ms < UNTIL; ms += DAY) {
      const day = isoDay(ms);
      const hours = (ukDayEnd(day).getTime() - ukDayStart(day).getTime()) / HOUR;
      expect(hours, day).toBe(short.has(day) ? 23 : long.has(day) ? 25 : 24);
    }
    expect(ukDayStart('2026-07-01').toISOString()).toBe('2026-06-30T23:00:00.000Z');
    expect(ukDayStart('2026-12-01').toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });

  it('turns a UK date and time back into the instant, the later (GMT) one in the hour the clocks go back', () => {
    fc.assert(
      fc.property(instants, (raw) => {
        const ms = raw - (raw % 60_000);
        const { date, time } = ukWallClock(ms);
        // 01:00-01:59 on the autumn Sunday happens twice: in BST, then an hour later in GMT.
        const firstOfTwo = inSummerTime(ms) && !inSummerTime(ms + HOUR);
        expect(ukInstant(date, time)?.getTime()).toBe(firstOfTwo ? ms + HOUR : ms);
      }),
      { numRuns: 2000 },
    );
    expect(ukInstant('2026-10-25', '01:30')?.toISOString()).toBe('2026-10-25T01:30:00.000Z');
    // 01:30 on the spring Sunday never shows on a UK clock: read as the same time of GMT, 02:30 BST.
    expect(ukInstant('2026-03-29', '01:30')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(ukInstant('2026-07-01', '10:30')?.toISOString()).toBe('2026-07-01T09:30:00.000Z');
    expect(ukInstant('2026-07-01', '24:00')).toBeNull();
    expect(ukInstant('2026-02-30', '10:30')).toBeNull();
  });

  it('writes instants and days in the shared styles, and leaves what is not one as it is', () => {
    expect(formatUkTime('2026-07-01T09:30:00Z', 'numeric')).toBe('01/07/2026, 10:30:00');
    expect(formatUkTime('2026-12-01T09:30:05Z', 'numeric')).toBe('01/12/2026, 09:30:05');
    expect(formatUkTime('2026-07-01T09:30:00Z', 'weekdayDateTime')).toBe('Wed, 1 Jul 2026, 10:30');
    expect(formatUkTime('2026-07-01T09:30:00Z', 'dateTime')).toBe('1 Jul 2026, 10:30');
    expect(formatUkTime('2026-06-30T23:30:00Z', 'date')).toBe('1 Jul 2026');
    expect(formatUkTime('not a time', 'date')).toBe('not a time');
    expect(formatUkDay('2026-07-08', 'words')).toBe('Wednesday 8 July 2026');
    expect(formatUkDay('2026-07-08', 'long')).toBe('8 July 2026');
    expect(formatUkDay('2026-07-08', 'weekdayDate')).toBe('Wed 8 Jul 2026');
    expect(formatUkDay('2026-07-08', 'weekdayDay')).toBe('Wed 8 Jul');
    expect(formatUkDay('2026-07-08', 'dayMonth')).toBe('8 Jul');
    expect(formatUkDay('08/07/2026', 'long')).toBe('08/07/2026');
  });
});
