import type { CalendarNotes, CalendarWarning, DateRange, IsoDate, SchoolCalendar } from './calendar-types';
import { fromDayNumber, toDayNumber, weekdayOfDayNumber } from './iso-date';

/**
 * School-day arithmetic for the response-time policy: comments, queries and complaints get a
 * response within 5 school days. A school day is a weekday in term that is not a bank holiday,
 * a half term or another closure; INSET days count (staff are in). Outside the known terms every
 * weekday that is not a bank holiday counts, and the answer carries a warning.
 */

/** Why a day is or is not a school day, so a screen can say so. */
export type DayKind = 'term' | 'inset' | 'beyond-known-terms' | 'weekend' | 'bank-holiday' | 'half-term' | 'closure' | 'holiday';

const schoolDayKinds: ReadonlySet<DayKind> = new Set<DayKind>(['term', 'inset', 'beyond-known-terms']);

// A calendar whose closures swallow years would otherwise make addSchoolDays walk forever.
const maxDaysWithoutSchool = 3660;

interface Span {
  start: number;
  end: number;
  kind: 'half-term' | 'closure';
}

interface CalendarIndex {
  terms: { start: number; end: number }[];
  closures: Span[];
  inset: ReadonlySet<number>;
  bankHolidays: ReadonlySet<number>;
  knownTerms: { start: number; end: number } | null;
  knownBankHolidays: { start: number; end: number } | null;
}

const indexes = new WeakMap<SchoolCalendar, CalendarIndex>();

function indexOf(cal: SchoolCalendar): CalendarIndex {
  let index = indexes.get(cal);
  if (index === undefined) {
    index = buildIndex(cal);
    indexes.set(cal, index);
  }
  return index;
}

function buildIndex(cal: SchoolCalendar): CalendarIndex {
  const terms = cal.terms.map((t) => ({ start: toDayNumber(t.start), end: toDayNumber(t.end) })).filter((t) => t.start <= t.end);
  const closures = cal.closures.map((c) => ({ start: toDayNumber(c.start), end: toDayNumber(c.end), kind: c.kind })).filter((c) => c.start <= c.end);
  const bankHolidays = new Set(cal.bankHolidays.map(toDayNumber));
  const knownTerms = terms.length === 0 ? null : { start: Math.min(...terms.map((t) => t.start)), end: Math.max(...terms.map((t) => t.end)) };
  // The bank-holiday list is published by whole years, so a list is taken to cover the years it names.
  const years = [...cal.bankHolidays].map((d) => Number(d.slice(0, 4)));
  const knownBankHolidays =
    years.length === 0 ? null : { start: toDayNumber(`${String(Math.min(...years)).padStart(4, '0')}-01-01`), end: toDayNumber(`${String(Math.max(...years)).padStart(4, '0')}-12-31`) };
  return { terms, closures, inset: new Set(cal.insetDays.map(toDayNumber)), bankHolidays, knownTerms, knownBankHolidays };
}

function kindOfDay(index: CalendarIndex, day: number): DayKind {
  const w = weekdayOfDayNumber(day);
  if (w === 0 || w === 6) return 'weekend';
  if (index.bankHolidays.has(day)) return 'bank-holiday';
  if (index.inset.has(day)) return 'inset';
  // Closures apply even outside the known terms: a day the school says it is shut is shut.
  const closure = index.closures.find((c) => c.start <= day && day <= c.end);
  if (closure !== undefined) return closure.kind;
  if (index.terms.some((t) => t.start <= day && day <= t.end)) return 'term';
  const known = index.knownTerms;
  if (known === null || day < known.start || day > known.end) return 'beyond-known-terms';
  return 'holiday';
}

function isSchoolDayNumber(index: CalendarIndex, day: number): boolean {
  return schoolDayKinds.has(kindOfDay(index, day));
}

/** The first and last days the terms cover, or null when the calendar has no terms. */
export function knownTermRange(cal: SchoolCalendar): DateRange | null {
  const known = indexOf(cal).knownTerms;
  return known === null ? null : { start: fromDayNumber(known.start), end: fromDayNumber(known.end) };
}

export function classifyDay(cal: SchoolCalendar, date: IsoDate): DayKind {
  return kindOfDay(indexOf(cal), toDayNumber(date));
}

/** Throws RangeError for a malformed date, as every function here does. */
export function isSchoolDay(cal: SchoolCalendar, date: IsoDate): boolean {
  return isSchoolDayNumber(indexOf(cal), toDayNumber(date));
}

/**
 * Whether an answer that looked at the days first..last (inclusive) went outside what the
 * calendar knows. Exported so that a screen can warn before any arithmetic is done.
 */
export function calendarNotes(cal: SchoolCalendar, first: IsoDate, last: IsoDate): CalendarNotes {
  return notesForDays(indexOf(cal), toDayNumber(first), toDayNumber(last));
}

function notesForDays(index: CalendarIndex, first: number, last: number): CalendarNotes {
  const warnings: CalendarWarning[] = [];
  const terms = index.knownTerms;
  const beyondKnownTerms = terms === null || first < terms.start || last > terms.end;
  if (beyondKnownTerms) {
    warnings.push({
      code: 'beyond-known-terms',
      message:
        terms === null
          ? 'The school calendar has no term dates, so every weekday that is not a bank holiday was counted. The calendar needs updating.'
          : `The school calendar knows term dates only from ${fromDayNumber(terms.start)} to ${fromDayNumber(terms.end)}; outside them every weekday that is not a bank holiday was counted. The calendar needs updating.`,
    });
  }
  const holidays = index.knownBankHolidays;
  if (holidays === null || first < holidays.start || last > holidays.end) {
    warnings.push({
      code: 'beyond-known-bank-holidays',
      message:
        holidays === null
          ? 'The school calendar has no bank holidays. The bank holiday list needs updating.'
          : `Bank holidays are known only from ${fromDayNumber(holidays.start)} to ${fromDayNumber(holidays.end)}. The bank holiday list needs updating.`,
    });
  }
  return { beyondKnownTerms, warnings };
}

function nextSchoolDayFrom(index: CalendarIndex, day: number): number {
  let d = day;
  while (!isSchoolDayNumber(index, d)) {
    d += 1;
    if (d - day > maxDaysWithoutSchool) throw new RangeError(`the school calendar has no school day for ten years after ${fromDayNumber(day)}`);
  }
  return d;
}

export interface SchoolDaySum extends CalendarNotes {
  date: IsoDate;
}

/**
 * The n-th school day after `date`, counting from `date` itself when it is a school day and
 * otherwise from the next school day. So addSchoolDays(cal, d, 0) is d when d is a school day and
 * the next school day when it is not, and countSchoolDays(cal, d, addSchoolDays(cal, d, n).date)
 * is n for a school day d (n + 1 for a day that is not, since the next school day is counted too).
 * n must be a whole number ≥ 0.
 */
export function addSchoolDays(cal: SchoolCalendar, date: IsoDate, n: number): SchoolDaySum {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`the number of school days must be a whole number ≥ 0, not ${n}`);
  const index = indexOf(cal);
  const first = toDayNumber(date);
  let d = nextSchoolDayFrom(index, first);
  for (let counted = 0; counted < n; counted += 1) d = nextSchoolDayFrom(index, d + 1);
  return { date: fromDayNumber(d), ...notesForDays(index, first, d) };
}

export interface SchoolDayCount extends CalendarNotes {
  count: number;
}

/**
 * The school days after `from` up to and including `to`: (from, to]. Day `from` is not counted,
 * as a response sent the day a complaint came in has taken 0 days. 0 when `to` is not after
 * `from`, with no warnings, since no day was looked at.
 */
export function countSchoolDays(cal: SchoolCalendar, from: IsoDate, to: IsoDate): SchoolDayCount {
  const index = indexOf(cal);
  const start = toDayNumber(from);
  const end = toDayNumber(to);
  if (end <= start) return { count: 0, beyondKnownTerms: false, warnings: [] };
  let count = 0;
  for (let d = start + 1; d <= end; d += 1) if (isSchoolDayNumber(index, d)) count += 1;
  return { count, ...notesForDays(index, start + 1, end) };
}
