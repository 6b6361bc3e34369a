import type { BankHoliday } from '../../../shared/calendar/bank-holidays.json';
import type { Closure, IsoDate, SchoolCalendar, Term } from '../../../shared/calendar/calendar-types';
import { addDays } from '../../../shared/calendar/iso-date';
import { englandAndWalesBankHolidays, lancashireTermDates } from '../../../shared/calendar/default-calendar';
import type { TermDates } from '../../../shared/calendar/term-dates.csv';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';

/**
 * The stored calendars. Each school, and the trust (school id null, for trust channels), has
 * its own term, half-term, INSET and closure ranges once it has imported a term-dates file;
 * until then it uses the default Lancashire terms. Bank holidays are shared by the trust and all
 * its schools, and default to the England and Wales list shipped with the app.
 */

export type CalendarSource = 'default' | 'imported';

/** The key of a scope's calendar_imports row: 'trust' or 'school:<id>'. */
export function calendarScopeKey(schoolId: number | null): string {
  return schoolId === null ? 'trust' : `school:${schoolId}`;
}

function importQuery(schoolId: number | null) {
  return qb.selectFrom('calendar_imports').select('scope_key').where('scope_key', '=', calendarScopeKey(schoolId));
}

const bankHolidayImportQuery = () => qb.selectFrom('bank_holiday_imports').select('id').where('id', '=', 1);
const bankHolidaysQuery = () => qb.selectFrom('bank_holidays').select(['date', 'title']).orderBy('date');

export async function calendarSource(db: Db, schoolId: number | null): Promise<CalendarSource> {
  return (await db.first(importQuery(schoolId))) === undefined ? 'default' : 'imported';
}

export async function bankHolidaySource(db: Db): Promise<CalendarSource> {
  return (await db.first(bankHolidayImportQuery())) === undefined ? 'default' : 'imported';
}

/** The stored bank holidays, or the shipped England and Wales list when none were imported. */
export async function storedBankHolidays(db: Db): Promise<readonly BankHoliday[]> {
  if ((await bankHolidaySource(db)) === 'default') return englandAndWalesBankHolidays;
  return db.all(bankHolidaysQuery());
}

function scopeRangesQuery(schoolId: number | null) {
  const query = qb.selectFrom('calendar_ranges').select(['kind', 'name', 'start_on', 'end_on']);
  return (schoolId === null ? query.where('school_id', 'is', null) : query.where('school_id', '=', schoolId)).orderBy('start_on').orderBy('end_on').orderBy('id');
}

type RangeRow = { kind: 'term' | 'half-term' | 'closure' | 'inset'; name: string | null; start_on: string; end_on: string };

function lancashireCopy(): TermDates {
  return {
    terms: lancashireTermDates.terms.map((t) => ({ ...t })),
    closures: lancashireTermDates.closures.map((c) => ({ ...c })),
    insetDays: [...lancashireTermDates.insetDays],
  };
}

function termDatesFrom(rows: readonly RangeRow[]): TermDates {
  const terms: Term[] = [];
  const closures: Closure[] = [];
  const insetDays = new Set<IsoDate>();
  for (const row of rows) {
    const named = row.name === null || row.name === '' ? {} : { name: row.name };
    if (row.kind === 'term') terms.push({ start: row.start_on, end: row.end_on, ...named });
    else if (row.kind === 'inset') {
      // Stored one row per INSET day; a range written by hand is expanded all the same.
      for (let d = row.start_on; d <= row.end_on; d = addDays(d, 1)) insetDays.add(d);
    } else closures.push({ kind: row.kind, start: row.start_on, end: row.end_on, ...named });
  }
  return { terms, closures, insetDays: [...insetDays].sort() };
}

/** The terms, closures and INSET days of a scope: its own when imported, else Lancashire's. */
export async function storedTermDates(db: Db, schoolId: number | null): Promise<TermDates> {
  if ((await calendarSource(db, schoolId)) === 'default') return lancashireCopy();
  return termDatesFrom(await db.all(scopeRangesQuery(schoolId)));
}

function schoolCalendar(dates: TermDates, holidays: readonly BankHoliday[]): SchoolCalendar {
  return { terms: dates.terms, closures: dates.closures, insetDays: dates.insetDays, bankHolidays: holidays.map((h) => h.date) };
}

/**
 * The calendar the school-day arithmetic uses for a school (or, with null, the trust): its
 * stored ranges, or the default Lancashire terms when it has imported none, with the stored bank
 * holidays, or the defaults when none were imported. A new object each call, as the arithmetic
 * caches per calendar object.
 */
export async function calendarFor(db: Db, schoolId: number | null): Promise<SchoolCalendar> {
  return schoolCalendar(await storedTermDates(db, schoolId), await storedBankHolidays(db));
}

/**
 * Replaces a scope's ranges with an imported file's and marks the scope imported. Runs inside
 * the caller's transaction (with its audit event), so a failure leaves the old calendar.
 */
export async function replaceTermDates(db: Db, schoolId: number | null, dates: TermDates, by: number, at: string): Promise<void> {
  const del = qb.deleteFrom('calendar_ranges');
  await db.run(schoolId === null ? del.where('school_id', 'is', null) : del.where('school_id', '=', schoolId));
  const rows = [
    ...dates.terms.map((t) => ({ school_id: schoolId, kind: 'term' as const, name: t.name ?? null, start_on: t.start, end_on: t.end })),
    ...dates.closures.map((c) => ({ school_id: schoolId, kind: c.kind, name: c.name ?? null, start_on: c.start, end_on: c.end })),
    ...dates.insetDays.map((d) => ({ school_id: schoolId, kind: 'inset' as const, name: null, start_on: d, end_on: d })),
  ];
  for (const row of rows) await db.run(qb.insertInto('calendar_ranges').values(row));
  await db.run(
    qb
      .insertInto('calendar_imports')
      .values({ scope_key: calendarScopeKey(schoolId), school_id: schoolId, imported_at: at, imported_by: by })
      .onConflict((oc) => oc.column('scope_key').doUpdateSet({ imported_at: at, imported_by: by })),
  );
}

/** Replaces the bank-holiday table; runs inside the caller's transaction. */
export async function replaceBankHolidays(db: Db, holidays: readonly BankHoliday[], division: string, by: number, at: string): Promise<void> {
  await db.run(qb.deleteFrom('bank_holidays'));
  for (const h of holidays) await db.run(qb.insertInto('bank_holidays').values({ date: h.date, title: h.title, division }));
  await db.run(
    qb
      .insertInto('bank_holiday_imports')
      .values({ id: 1, imported_at: at, imported_by: by })
      .onConflict((oc) => oc.column('id').doUpdateSet({ imported_at: at, imported_by: by })),
  );
}
