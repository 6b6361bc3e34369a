import type { BankHoliday } from '../../../shared/calendar/bank-holidays.json';
import type { Closure, IsoDate, SchoolCalendar, Term } from '../../../shared/calendar/calendar-types';
import { addDays } from '../../../shared/calendar/iso-date';
import { englandAndWalesBankHolidays, lancashireTermDates } from '../../../shared/calendar/default-calendar';
import type { TermDates } from '../../../shared/calendar/term-dates.csv';
import { qb, type Sql } from '../db/sql';

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

export function calendarSource(sql: Sql, schoolId: number | null): CalendarSource {
  const row = sql.first(qb.selectFrom('calendar_imports').select('scope_key').where('scope_key', '=', calendarScopeKey(schoolId)));
  return row === undefined ? 'default' : 'imported';
}

export function bankHolidaySource(sql: Sql): CalendarSource {
  return sql.first(qb.selectFrom('bank_holiday_imports').select('id').where('id', '=', 1)) === undefined ? 'default' : 'imported';
}

/** The stored bank holidays, or the shipped England and Wales list when none were imported. */
export function storedBankHolidays(sql: Sql): readonly BankHoliday[] {
  if (bankHolidaySource(sql) === 'default') return englandAndWalesBankHolidays;
  return sql.all(qb.selectFrom('bank_holidays').select(['date', 'title']).orderBy('date'));
}

function scopeRanges(sql: Sql, schoolId: number | null) {
  const query = qb.selectFrom('calendar_ranges').select(['kind', 'name', 'start_on', 'end_on']);
  return sql.all((schoolId === null ? query.where('school_id', 'is', null) : query.where('school_id', '=', schoolId)).orderBy('start_on').orderBy('end_on').orderBy('id'));
}

/** The terms, closures and INSET days of a scope: its own when imported, else Lancashire's. */
export function storedTermDates(sql: Sql, schoolId: number | null): TermDates {
  if (calendarSource(sql, schoolId) === 'default') {
    return {
      terms: lancashireTermDates.terms.map((t) => ({ ...t })),
      closures: lancashireTermDates.closures.map((c) => ({ ...c })),
      insetDays: [...lancashireTermDates.insetDays],
    };
  }
  const terms: Term[] = [];
  const closures: Closure[] = [];
  const insetDays = new Set<IsoDate>();
  for (const row of scopeRanges(sql, schoolId)) {
    const named = row.name === null || row.name === '' ? {} : { name: row.name };
    if (row.kind === 'term') terms.push({ start: row.start_on, end: row.end_on, ...named });
    else if (row.kind === 'inset') {
      // Stored one row per INSET day; a range written by hand is expanded all the same.
      for (let d = row.start_on; d <= row.end_on; d = addDays(d, 1)) insetDays.add(d);
    } else closures.push({ kind: row.kind, start: row.start_on, end: row.end_on, ...named });
  }
  return { terms, closures, insetDays: [...insetDays].sort() };
}

/**
 * The calendar the school-day arithmetic uses for a school (or, with null, the trust): its
 * stored ranges, or the default Lancashire terms when it has imported none, with the stored bank
 * holidays, or the defaults when none were imported. A new object each call, as the arithmetic
 * caches per calendar object.
 */
export function calendarFor(sql: Sql, schoolId: number | null): SchoolCalendar {
  const dates = storedTermDates(sql, schoolId);
  return {
    terms: dates.terms,
    closures: dates.closures,
    insetDays: dates.insetDays,
    bankHolidays: storedBankHolidays(sql).map((h) => h.date),
  };
}

/**
 * Replaces a scope's ranges with an imported file's and marks the scope imported. Runs inside
 * the caller's transaction (with its audit event), so a failure leaves the old calendar.
 */
export function replaceTermDates(sql: Sql, schoolId: number | null, dates: TermDates, by: number, at: string): void {
  const del = qb.deleteFrom('calendar_ranges');
  sql.run(schoolId === null ? del.where('school_id', 'is', null) : del.where('school_id', '=', schoolId));
  const rows = [
    ...dates.terms.map((t) => ({ school_id: schoolId, kind: 'term' as const, name: t.name ?? null, start_on: t.start, end_on: t.end })),
    ...dates.closures.map((c) => ({ school_id: schoolId, kind: c.kind, name: c.name ?? null, start_on: c.start, end_on: c.end })),
    ...dates.insetDays.map((d) => ({ school_id: schoolId, kind: 'inset' as const, name: null, start_on: d, end_on: d })),
  ];
  for (const row of rows) sql.run(qb.insertInto('calendar_ranges').values(row));
  sql.run(
    qb
      .insertInto('calendar_imports')
      .values({ scope_key: calendarScopeKey(schoolId), school_id: schoolId, imported_at: at, imported_by: by })
      .onConflict((oc) => oc.column('scope_key').doUpdateSet({ imported_at: at, imported_by: by })),
  );
}

/** Replaces the bank-holiday table; runs inside the caller's transaction. */
export function replaceBankHolidays(sql: Sql, holidays: readonly BankHoliday[], division: string, by: number, at: string): void {
  sql.run(qb.deleteFrom('bank_holidays'));
  for (const h of holidays) sql.run(qb.insertInto('bank_holidays').values({ date: h.date, title: h.title, division }));
  sql.run(
    qb
      .insertInto('bank_holiday_imports')
      .values({ id: 1, imported_at: at, imported_by: by })
      .onConflict((oc) => oc.column('id').doUpdateSet({ imported_at: at, imported_by: by })),
  );
}
