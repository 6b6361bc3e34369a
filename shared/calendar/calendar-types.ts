/**
 * A calendar date written 'YYYY-MM-DD', with no time and no time zone. A plain string rather than
 * a branded type so that dates read from the database or a form need no casts; the functions that
 * take one check it and throw a RangeError for anything that is not a real date.
 */
export type IsoDate = string;

/** Both ends inclusive: a term 2025-09-01..2025-12-19 has pupils in on the 1st and on the 19th. */
export interface DateRange {
  start: IsoDate;
  end: IsoDate;
}

export interface Term extends DateRange {
  name?: string;
}

/**
 * Days inside a term when the school is shut. Half terms are the usual case; 'closure' covers
 * the rest (a polling-day closure, an extra day the trust gives), so both are kept apart from
 * the term ranges rather than splitting each term in two, which is how schools publish them.
 */
export const closureKinds = ['half-term', 'closure'] as const;
export type ClosureKind = (typeof closureKinds)[number];

export interface Closure extends DateRange {
  kind: ClosureKind;
  name?: string;
}

/**
 * Everything the school-day arithmetic needs. Treat a calendar as a value: the arithmetic caches
 * an index per calendar object, so build a new object rather than mutating one in place.
 */
export interface SchoolCalendar {
  terms: readonly Term[];
  /** Half terms and other closures, taken out of the terms they fall in. */
  closures: readonly Closure[];
  /**
   * INSET (staff training) days count as school days even when they fall outside the published
   * term ranges: the office is staffed, so a complaint can be answered. A bank holiday still wins.
   */
  insetDays: readonly IsoDate[];
  bankHolidays: readonly IsoDate[];
}

export type CalendarWarningCode = 'beyond-known-terms' | 'beyond-known-bank-holidays';

export interface CalendarWarning {
  code: CalendarWarningCode;
  message: string;
}

/**
 * Every answer that walks the calendar says whether it had to guess. Past the last term (or
 * before the first) every weekday that is not a bank holiday is counted, which is the safe side
 * for a response deadline, and callers show "the school calendar needs updating".
 */
export interface CalendarNotes {
  beyondKnownTerms: boolean;
  warnings: CalendarWarning[];
}

/** An import problem, named by the 1-based line of the file it was found on. */
export interface ImportError {
  line: number;
  message: string;
}

/** Imports never half-apply: either every line was good, or every bad line is reported. */
export type ImportResult<T> = { ok: true; value: T } | { ok: false; errors: ImportError[] };
