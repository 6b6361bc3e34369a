import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  formatLongDate,
  formatMonthYear,
  formatWeekdayDate,
  isIsoDate,
  isLater,
  londonDate,
  londonDateAfter,
  londonDateBefore,
} from '../../shared/compliance/compliance-dates';
import { listOf, listOfEach } from '../../shared/compliance/compliance-words';
import { londonDate as calendarLondonDate } from '../../shared/calendar/london-date';

const dates = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('compliance dates', () => {
  it('reads instants as London dates, summer time included', () => {
    expect(londonDate('2026-07-01T23:30:00.000Z')).toBe('2026-07-02');
    expect(londonDate('2026-12-01T23:30:00.000Z')).toBe('2026-12-01');
    // Clocks go forward at 01:00 UTC on 29 March 2026 and back at 01:00 UTC on 25 October 2026.
    expect(londonDate('2026-03-29T00:59:59.000Z')).toBe('2026-03-29');
    expect(londonDate('2026-03-28T23:30:00.000Z')).toBe('2026-03-28');
    expect(londonDate('2026-03-29T23:30:00.000Z')).toBe('2026-03-30');
    expect(londonDate('2026-10-24T23:30:00.000Z')).toBe('2026-10-25');
    expect(londonDate('2026-10-25T23:30:00.000Z')).toBe('2026-10-25');
    expect(londonDate('2026-07-01T23:30:00+02:00')).toBe('2026-07-01');
 
    expect(londonDateAfter('2026-07-01T23:30:00.000Z', '2026-07-01')).toBe(true);
    expect(londonDateAfter('2026-12-01T23:30:00.000Z', '2026-12-01')).toBe(false);
    expect(londonDateBefore('2026-07-01T23:30:00.000Z', '2026-07-02')).toBe(false);
    expect(londonDateBefore('2026-07-01T22:30:00.000Z', '2026-07-02')).toBe(true);
    expect(isLater('2026-07-01T10:00:00.000Z', '2026-07-01T09:59:59.999Z')).toBe(true);
    expect(isLater('2026-07-01T10:00:00+01:00', '2026-07-01T09:30:00.000Z')).toBe(false);
    // The text-only shortcuts agree with a full conversion at any instant of two years.
    const instants = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) }).map((ms) => new Date(ms).toISOString());
    fc.assert(
      fc.property(instants, fc.integer({ min: -2, max: 2 }), (instant, offset) => {
        const date = addDays(instant.slice(0, 10), offset);
        const viaParse = londonDate(instant.replace('Z', '+00:00'));
        return londonDate(instant) === viaParse && londonDateAfter(instant, date) === viaParse > date && londonDateBefore(instant, date) === viaParse < date;
      }),
    );
  });

  it('reads every hour of the changeover months as the time-zone database does', () => {
    // March and October are read from the text but for 23:xx UTC: each hour, and its last
    // millisecond, of three years' changeover months against the Intl reading of Europe/London.
    for (const year of [2025, 2026, 2027]) {
      for (const month of [2, 9]) {
        for (let ms = Date.UTC(year, month, 1); ms < Date.UTC(year, month + 1, 1); ms += 3_600_000) {
          for (const at of [ms, ms + 3_599_999]) {
            const instant = new Date(at).toISOString();
            expect(londonDate(instant)).toBe(calendarLondonDate(at));
          }
        }
      }
    }
  });

  it('adds days and months as people count them', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2025-11-24', 12)).toBe('2026-11-24');
    expect(addMonths('2026-11-24', -12)).toBe('2025-11-24');
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    fc.assert(fc.property(dates, fc.integer({ min: -5000, max: 5000 }), (date, n) => daysBetween(date, addDays(date, n)) === n));
    fc.assert(fc.property(dates, fc.integer({ min: -120, max: 120 }), (date, n) => isIsoDate(addMonths(date, n)) && addMonths(date, n).slice(8) <= date.slice(8)));
  });

  it('writes dates in en-GB words', () => {
    expect(formatLongDate('2026-11-24')).toBe('24 November 2026');
    expect(formatMonthYear('2026-01-31')).toBe('January 2026');
    expect(formatWeekdayDate('2026-11-21')).toBe('Saturday 21 November');
    expect(formatWeekdayDate('1969-12-31')).toBe('Wednesday 31 December');
    expect(listOf(['A', 'B', 'C', 'D'], 2)).toBe('A, B and 2 more');
    expect(listOf(['A', 'B'])).toBe('A and B');
    // Only the items shown are written; `total` counts the rest when only the first are given.
    const written: number[] = [];
    expect(listOfEach([1, 2, 3], (n) => (written.push(n), `#${n}`), 2)).toBe('#1, #2 and 1 more');
    expect(written).toEqual([1, 2]);
    expect(listOfEach([1, 2], (n) => `#${n}`, 2, 7)).toBe('#1, #2 and 5 more');
  });
});
