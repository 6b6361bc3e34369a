import { describe, expect, it } from 'vitest';
import type { SchoolCalendar } from '../../shared/calendar/calendar-types';
import { defaultCalendar } from '../../shared/calendar/default-calendar';
import { londonDate } from '../../shared/calendar/london-date';
import { responseDueDate, schoolDaysTaken } from '../../shared/calendar/response-times';
import { addSchoolDays, classifyDay, countSchoolDays, isSchoolDay, knownTermRange } from '../../shared/calendar/school-days';

// The Lancashire defaults: 2025/26 and 2026/27, half terms excluded, England and Wales bank holidays.
const cal = defaultCalendar;

describe('response due dates on the Lancashire calendar (day received = day 0, due = 5th school day after)', () => {
  it('Fri 2026-10-23, the Friday before autumn half term (26–30 Oct): day 0 Fri 23; Mon 2 Nov = 1 … Fri 6 Nov = 5, so due Fri 2026-11-06', () => {
    const due = responseDueDate(cal, '2026-10-23T10:15:00Z');
    expect(due).toEqual({ received: '2026-10-23', dayZero: '2026-10-23', due: '2026-11-06', lateFrom: '2026-11-09', beyondKnownTerms: false, warnings: [] });
  });

  it('Sat 2026-11-14 in term: day 0 is Mon 16 Nov; Tue 17 = 1 … Mon 23 = 5, so due Mon 2026-11-23', () => {
    const due = responseDueDate(cal, '2026-11-14T09:00:00Z');
    expect([due.received, due.dayZero, due.due]).toEqual(['2026-11-14', '2026-11-16', '2026-11-23']);
  });

  it('Sat 2026-10-24, the first day of half term: day 0 is Mon 2 Nov, so due Mon 2026-11-09, three days later than the Friday before', () => {
    expect(responseDueDate(cal, '2026-10-24T12:00:00Z').due).toBe('2026-11-09');
  });

  it('Wed 2026-12-23 in the Christmas holiday: day 0 is Mon 4 Jan 2027 (first day of spring term); Tue 5 = 1 … Mon 11 = 5, so due 2027-01-11', () => {
    const due = responseDueDate(cal, '2026-12-23T14:00:00Z');
    expect([due.dayZero, due.due, due.beyondKnownTerms]).toEqual(['2027-01-04', '2027-01-11', false]);
  });

  it('Mon 2025-12-22 in the Christmas holiday: day 0 is Mon 5 Jan 2026, so due Mon 2026-01-12', () => {
    expect(responseDueDate(cal, '2025-12-22T08:00:00Z').due).toBe('2026-01-12');
  });

  it('Thu 2026-04-30 with the May Day bank holiday Mon 4 May in term: Fri 1 = 1, (Mon 4 skipped), Tue 5 = 2 … Fri 8 = 5, so due Fri 2026-05-08', () => {
    expect(classifyDay(cal, '2026-05-04')).toBe('bank-holiday');
    expect(responseDueDate(cal, '2026-04-30T09:00:00Z').due).toBe('2026-05-08');
  });

  it('received on May Day itself (Mon 2026-05-04): day 0 is Tue 5 May, so due Tue 2026-05-12', () => {
    expect(responseDueDate(cal, '2026-05-04T09:00:00Z')).toMatchObject({ dayZero: '2026-05-05', due: '2026-05-12' });
  });

  it('an INSET day counts: with INSET on Tue 2026-07-21 (after the pupils’ last day, Mon 20 Jul), Wed 15 Jul is due Tue 1 Sep instead of Wed 2 Sep', () => {
    // Without INSET: Thu 16 = 1, Fri 17 = 2, Mon 20 = 3, Tue 1 Sep = 4, Wed 2 Sep = 5.
    expect(responseDueDate(cal, '2026-07-15T09:00:00Z').due).toBe('2026-09-02');
    // With it: Thu 16 = 1, Fri 17 = 2, Mon 20 = 3, Tue 21 (INSET) = 4, Tue 1 Sep = 5.
    const withInset: SchoolCalendar = { ...cal, insetDays: ['2026-07-21'] };
    expect(classifyDay(withInset, '2026-07-21')).toBe('inset');
    expect(responseDueDate(withInset, '2026-07-15T09:00:00Z').due).toBe('2026-09-01');
  });

  it('an INSET day on a half-term weekday counts, but one on a bank holiday does not (the office is shut)', () => {
    const withInset: SchoolCalendar = { ...cal, insetDays: ['2026-10-30', '2026-08-31'] };
    expect(isSchoolDay(withInset, '2026-10-30')).toBe(true);
    expect(classifyDay(withInset, '2026-08-31')).toBe('bank-holiday');
    // Fri 23 Oct = day 0, Fri 30 Oct (INSET) = 1, Mon 2 Nov = 2 … Thu 5 Nov = 5.
    expect(responseDueDate(withInset, '2026-10-23T09:00:00Z').due).toBe('2026-11-05');
  });
});

describe('London dates across BST and GMT (clocks go back at 01:00 UTC on Sun 2026-10-25, forward on Sun 2026-03-29)', () => {
  it('23:30 UTC on Fri 2026-10-23 is 00:30 BST on Sat 24 Oct, so the complaint counts from Mon 2 Nov and is due Mon 2026-11-09', () => {
    expect(londonDate('2026-10-23T23:30:00Z')).toBe('2026-10-24');
    expect(responseDueDate(cal, '2026-10-23T23:30:00Z')).toMatchObject({ received: '2026-10-24', dayZero: '2026-11-02', due: '2026-11-09' });
    // An hour earlier it is still Friday in London: due Fri 6 Nov.
    expect(responseDueDate(cal, '2026-10-23T22:30:00Z').due).toBe('2026-11-06');
  });

  it('23:30 UTC on Sat 2026-10-24 (last Saturday of BST) is Sunday 25th in London; 23:30 UTC on Sun 25th, now GMT, is still the 25th', () => {
    expect(londonDate('2026-10-24T23:30:00Z')).toBe('2026-10-25');
    expect(londonDate('2026-10-25T00:59:59Z')).toBe('2026-10-25');
    expect(londonDate('2026-10-25T23:30:00Z')).toBe('2026-10-25');
    expect(londonDate('2026-10-25T23:59:59.999Z')).toBe('2026-10-25');
    expect(londonDate('2026-10-26T00:00:00Z')).toBe('2026-10-26');
  });

  it('23:30 UTC on Sat 2026-10-31, the last Saturday of October (after the change, GMT), is Sat 31st in London', () => {
    expect(londonDate('2026-10-31T23:30:00Z')).toBe('2026-10-31');
  });

  it('in March the other way: 23:30 UTC on Sat 28th is the 28th (GMT); 23:30 UTC on Sun 29th is Mon 30th (BST)', () => {
    expect(londonDate('2026-03-28T23:30:00Z')).toBe('2026-03-28');
    expect(londonDate('2026-03-29T23:30:00Z')).toBe('2026-03-30');
  });

  it('takes offsets, milliseconds and plain dates, and refuses a time with no zone', () => {
    expect(londonDate('2026-10-24T00:30:00+01:00')).toBe('2026-10-24');
    expect(londonDate('2026-10-23T19:30:00-04:00')).toBe('2026-10-24');
    expect(londonDate(Date.UTC(2026, 9, 23, 23, 30))).toBe('2026-10-24');
    expect(londonDate('2026-10-23')).toBe('2026-10-23');
    expect(() => londonDate('2026-10-23T23:30:00')).toThrow(RangeError);
    expect(() => londonDate('2026-02-30T10:00:00Z')).toThrow(RangeError);
    expect(() => londonDate(Number.NaN)).toThrow(RangeError);
  });
});

describe('beyond the known terms (2025-09-01 to 2027-07-21) weekdays that are not bank holidays count, with a warning', () => {
  it('knows its range', () => {
    expect(knownTermRange(cal)).toEqual({ start: '2025-09-01', end: '2027-07-21' });
  });

  it('Mon 2027-07-19: Tue 20 = 1, Wed 21 (last known day) = 2, then Thu 22 = 3, Fri 23 = 4, Mon 26 = 5, so due Mon 2027-07-26 with a warning', () => {
    const due = responseDueDate(cal, '2027-07-19T09:00:00Z');
    expect(due.due).toBe('2027-07-26');
    expect(due.beyondKnownTerms).toBe(true);
    expect(due.warnings.map((w) => w.code)).toEqual(['beyond-known-terms']);
    expect(due.warnings[0]?.message).toMatch(/2027-07-21.*calendar needs updating/);
  });

  it('Wed 2027-07-14 is due on the last known day, Wed 2027-07-21, with no warning', () => {
    expect(responseDueDate(cal, '2027-07-14T09:00:00Z')).toMatchObject({ due: '2027-07-21', beyondKnownTerms: false, warnings: [] });
  });

  it('before the first known term, Fri 2025-08-29, counts weekdays too (Mon 1 Sep = 1 … Fri 5 Sep = 5), with a warning', () => {
    const due = responseDueDate(cal, '2025-08-29T09:00:00Z');
    expect(due).toMatchObject({ dayZero: '2025-08-29', due: '2025-09-05', beyondKnownTerms: true });
  });

  it('past the last known bank holidays (2027) it also warns that the bank holiday list needs updating', () => {
    const due = responseDueDate(cal, '2028-01-10T09:00:00Z');
    expect(due.warnings.map((w) => w.code)).toEqual(['beyond-known-terms', 'beyond-known-bank-holidays']);
    // Bank holidays it knows still count as holidays past the terms: from Fri 27 Aug 2027, Mon 30 Aug
    // is skipped, Tue 31 Aug = 1 … Mon 6 Sep = 5.
    expect(responseDueDate(cal, '2027-08-27T09:00:00Z').due).toBe('2027-09-06');
  });

  it('a calendar with no terms at all counts weekdays and always warns', () => {
    const bare: SchoolCalendar = { terms: [], closures: [], insetDays: [], bankHolidays: ['2026-12-25', '2026-12-28'] };
    expect(addSchoolDays(bare, '2026-12-24', 1)).toMatchObject({ date: '2026-12-29', beyondKnownTerms: true });
  });
});

describe('days taken to respond (the same count as the due date: on time exactly when ≤ 5)', () => {
  it('received Fri 2026-10-23, answered Fri 6 Nov: 5 school days, on time; answered Mon 9 Nov: 6, late', () => {
    expect(schoolDaysTaken(cal, '2026-10-23T10:00:00Z', '2026-11-06T16:00:00Z').days).toBe(5);
    expect(schoolDaysTaken(cal, '2026-10-23T10:00:00Z', '2026-11-09T08:00:00Z').days).toBe(6);
  });

  it('answered on Sat 7 Nov, after the Friday due date but before the next school day: still 5 school days, on time', () => {
    expect(schoolDaysTaken(cal, '2026-10-23T10:00:00Z', '2026-11-07T11:00:00Z').days).toBe(5);
  });

  it('answered the same day, or during the half term before day 0, took 0 school days', () => {
    expect(schoolDaysTaken(cal, '2026-10-23T10:00:00Z', '2026-10-23T15:00:00Z').days).toBe(0);
    expect(schoolDaysTaken(cal, '2026-10-24T10:00:00Z', '2026-10-28T15:00:00Z')).toMatchObject({ dayZero: '2026-11-02', days: 0 });
  });
});

describe('the arithmetic conventions, by example', () => {
  it('addSchoolDays(d, 0) is d on a school day and the next school day otherwise', () => {
    expect(addSchoolDays(cal, '2026-10-23', 0).date).toBe('2026-10-23');
    expect(addSchoolDays(cal, '2026-10-24', 0).date).toBe('2026-11-02');
  });

  it('countSchoolDays counts (from, to]: not the first day, but the last', () => {
    expect(countSchoolDays(cal, '2026-11-02', '2026-11-06').count).toBe(4);
    expect(countSchoolDays(cal, '2026-10-23', '2026-11-02').count).toBe(1);
    expect(countSchoolDays(cal, '2026-11-06', '2026-11-02').count).toBe(0);
  });

  it('classifies days so a screen can say why a day does not count', () => {
    expect(['2025-09-01', '2026-10-27', '2026-08-10', '2026-10-24', '2027-08-02'].map((d) => classifyDay(cal, d))).toEqual([
      'term',
      'half-term',
      'holiday',
      'weekend',
      'beyond-known-terms',
    ]);
  });

  it('refuses malformed dates and negative or fractional counts', () => {
    expect(() => isSchoolDay(cal, '2026-02-30')).toThrow(RangeError);
    expect(() => addSchoolDays(cal, '2026-10-23', -1)).toThrow(RangeError);
    expect(() => addSchoolDays(cal, '2026-10-23', 1.5)).toThrow(RangeError);
  });
});
