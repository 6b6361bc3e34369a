import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Closure, IsoDate, SchoolCalendar } from '../../shared/calendar/calendar-types';
import { defaultCalendar } from '../../shared/calendar/default-calendar';
import { fromDayNumber, toDayNumber } from '../../shared/calendar/iso-date';
import { londonDate } from '../../shared/calendar/london-date';
import { responseDueDate, schoolDaysTaken } from '../../shared/calendar/response-times';
import { addSchoolDays, countSchoolDays, isSchoolDay, knownTermRange } from '../../shared/calendar/school-days';

const day = toDayNumber;

/** Dates from a little before the first Lancashire term to past the last bank holiday known. */
const anyDate = fc.integer({ min: day('2025-06-01'), max: day('2028-03-31') }).map(fromDayNumber);

/**
 * Random calendars: terms from sorted distinct breakpoints (so they never overlap, and may be
 * none), closures and INSET days anywhere, bank holidays anywhere.
 */
const randomCalendar: fc.Arbitrary<SchoolCalendar> = fc
  .record({
    breaks: fc.uniqueArray(fc.integer({ min: day('2025-06-01'), max: day('2027-12-31') }), { maxLength: 10 }),
    closures: fc.array(
      fc.record({ start: fc.integer({ min: day('2025-06-01'), max: day('2028-01-31') }), length: fc.nat(9), kind: fc.constantFrom<Closure['kind']>('half-term', 'closure') }),
      { maxLength: 6 },
    ),
    inset: fc.array(anyDate, { maxLength: 8 }),
    bankHolidays: fc.array(anyDate, { maxLength: 12 }),
  })
  .map(({ breaks, closures, inset, bankHolidays }) => {
    const sorted = [...breaks].sort((a, b) => a - b);
    const terms = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) terms.push({ start: fromDayNumber(sorted[i] ?? 0), end: fromDayNumber(sorted[i + 1] ?? 0) });
    return {
      terms,
      closures: closures.map((c) => ({ kind: c.kind, start: fromDayNumber(c.start), end: fromDayNumber(c.start + c.length) })),
      insetDays: inset,
      bankHolidays,
    };
  });

const calendars = fc.oneof(fc.constant(defaultCalendar), randomCalendar);

/** An independent reading of the rules, written with string comparisons rather than day numbers. */
function oracleIsSchoolDay(cal: SchoolCalendar, date: IsoDate): boolean {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6 || cal.bankHolidays.includes(date)) return false;
  if (cal.insetDays.includes(date)) return true;
  if (cal.closures.some((c) => c.start <= date && date <= c.end)) return false;
  const starts = cal.terms.map((t) => t.start).sort();
  const ends = cal.terms.map((t) => t.end).sort();
  const first = starts[0];
  const last = ends[ends.length - 1];
  if (first === undefined || last === undefined || date < first || date > last) return true;
  return cal.terms.some((t) => t.start <= date && date <= t.end);
}

function beyondTerms(cal: SchoolCalendar, first: IsoDate, last: IsoDate): boolean {
  const known = knownTermRange(cal);
  return known === null || first < known.start || last > known.end;
}

const codes = (r: { warnings: { code: string }[] }): string[] => r.warnings.map((w) => w.code);

describe('school-day arithmetic: properties', () => {
  it('isSchoolDay agrees with an independent reading of the rules', () => {
    fc.assert(fc.property(calendars, anyDate, (cal, d) => isSchoolDay(cal, d) === oracleIsSchoolDay(cal, d)), { numRuns: 500 });
  });

  it('add and count agree: countSchoolDays(d, addSchoolDays(d, n)) is n for a school day d, n + 1 otherwise', () => {
    fc.assert(
      fc.property(calendars, anyDate, fc.nat(80), (cal, d, n) => {
        const to = addSchoolDays(cal, d, n).date;
        expect(countSchoolDays(cal, d, to).count).toBe(isSchoolDay(cal, d) ? n : n + 1);
      }),
    );
  });

  it('every addSchoolDays result is a school day on or after the start, and n + 1 is the next school day after n', () => {
    fc.assert(
      fc.property(calendars, anyDate, fc.nat(60), (cal, d, n) => {
        const r = addSchoolDays(cal, d, n).date;
        expect(isSchoolDay(cal, r)).toBe(true);
        expect(r >= d).toBe(true);
        const next = addSchoolDays(cal, d, n + 1).date;
        expect(countSchoolDays(cal, r, next).count).toBe(1);
        for (let x = day(r) + 1; x < day(next); x += 1) expect(isSchoolDay(cal, fromDayNumber(x))).toBe(false);
      }),
    );
  });

  it('is monotonic: more days, or a later start, never gives an earlier date', () => {
    fc.assert(
      fc.property(calendars, anyDate, anyDate, fc.nat(60), fc.nat(60), (cal, a, b, n, m) => {
        const [d1, d2] = a <= b ? [a, b] : [b, a];
        const [k1, k2] = n <= m ? [n, m] : [m, n];
        expect(addSchoolDays(cal, d1, k1).date <= addSchoolDays(cal, d1, k2).date).toBe(true);
        expect(addSchoolDays(cal, d1, k1).date <= addSchoolDays(cal, d2, k1).date).toBe(true);
      }),
    );
  });

  it('countSchoolDays(from, to) is the number of isSchoolDay days in (from, to], and 0 when to is not after from', () => {
    fc.assert(
      fc.property(calendars, anyDate, fc.integer({ min: -30, max: 200 }), (cal, from, span) => {
        const to = fromDayNumber(day(from) + span);
        let expected = 0;
        for (let x = day(from) + 1; x <= day(to); x += 1) if (isSchoolDay(cal, fromDayNumber(x))) expected += 1;
        expect(countSchoolDays(cal, from, to).count).toBe(expected);
      }),
    );
  });

  it('warns exactly when the days looked at go beyond the known terms', () => {
    fc.assert(
      fc.property(calendars, anyDate, fc.nat(40), (cal, d, n) => {
        const sum = addSchoolDays(cal, d, n);
        const beyond = beyondTerms(cal, d, sum.date);
        expect(sum.beyondKnownTerms).toBe(beyond);
        expect(codes(sum).includes('beyond-known-terms')).toBe(beyond);

        const to = sum.date;
        const count = countSchoolDays(cal, d, to);
        const countBeyond = to > d && beyondTerms(cal, fromDayNumber(day(d) + 1), to);
        expect(count.beyondKnownTerms).toBe(countBeyond);
        expect(codes(count).includes('beyond-known-terms')).toBe(countBeyond);
      }),
    );
  });

  it('on the default calendar, whose bank holidays cover its terms, any warning at all means beyond the known terms', () => {
    fc.assert(
      fc.property(anyDate, fc.nat(40), (d, n) => {
        const sum = addSchoolDays(defaultCalendar, d, n);
        expect(sum.warnings.length > 0).toBe(sum.beyondKnownTerms);
        expect(sum.beyondKnownTerms).toBe(d < '2025-09-01' || sum.date > '2027-07-21');
      }),
    );
  });

  it('a response is on time exactly when schoolDaysTaken ≤ the days allowed, i.e. when sent before lateFrom', () => {
    fc.assert(
      fc.property(calendars, anyDate, fc.nat(60), fc.integer({ min: 0, max: 10 }), (cal, received, after, days) => {
        const due = responseDueDate(cal, received, days);
        const responded = fromDayNumber(day(received) + after);
        const taken = schoolDaysTaken(cal, received, responded);
        expect(taken.days <= days).toBe(responded < due.lateFrom);
        expect(schoolDaysTaken(cal, received, due.due).days).toBe(days);
        expect(schoolDaysTaken(cal, received, due.lateFrom).days).toBe(days + 1);
        expect(countSchoolDays(cal, due.due, due.lateFrom).count).toBe(1);
        expect(isSchoolDay(cal, due.dayZero)).toBe(true);
      }),
    );
  });
});

/** The UK rule since 1996: BST from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October. */
function lastSundayAt0100Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

describe('londonDate: properties', () => {
  it('matches the BST rule for any instant from 1997 to 2037, given as milliseconds or as an ISO string', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1997, 0, 1), max: Date.UTC(2037, 11, 31) }), (ms) => {
        const year = new Date(ms).getUTCFullYear();
        const bst = ms >= lastSundayAt0100Utc(year, 2) && ms < lastSundayAt0100Utc(year, 9);
        const expected = new Date(ms + (bst ? 3_600_000 : 0)).toISOString().slice(0, 10);
        expect(londonDate(ms)).toBe(expected);
        expect(londonDate(new Date(ms).toISOString())).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the same date for an instant however its offset is written', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }), fc.integer({ min: -12 * 60, max: 14 * 60 }), (ms, offset) => {
        const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
        const sign = offset < 0 ? '-' : '+';
        const abs = Math.abs(offset);
        const text = `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        expect(londonDate(text)).toBe(londonDate(Math.floor(ms / 1000) * 1000));
      }),
    );
  });
});
