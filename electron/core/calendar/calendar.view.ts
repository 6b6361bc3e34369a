import type { ImportError, IsoDate } from '../../../shared/calendar/calendar-types';
import { daysBetween } from '../../../shared/calendar/iso-date';
import { formatLongDate } from '../../../shared/compliance/compliance-dates';
import type { CalendarView } from '../../../shared/contract/views';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';
import type { Vault } from '../vault/vault';
import { CoreError } from '../errors';
import { schoolByCode } from '../trust/schools.repo';
import { bankHolidaySource, calendarSource, storedBankHolidays, storedTermDates } from './calendar.repo';

/** The scope word for the trust's own calendar (trust channels), in the contract and the CLI. */
export const TRUST_SCOPE = 'TRUST';

/** A warning is given this long before the calendar runs out, so there is time to import the next year. */
export const CALENDAR_WARNING_DAYS = 8 * 7;

const MAX_LISTED_PROBLEMS = 20;

export interface CalendarScope {
  /** 'TRUST' or the school's code. */
  scope: string;
  schoolId: number | null;
  name: string;
}

/** TRUST or a school code (already upper-cased by the contract); an unknown code is not_found. */
export async function resolveScope(vault: Pick<Vault, 'data'>, scope: string): Promise<CalendarScope> {
  if (scope === TRUST_SCOPE) {
    const trust = await vault.data.first(qb.selectFrom('trust').select('name').where('id', '=', 1));
    return { scope: TRUST_SCOPE, schoolId: null, name: trust?.name ?? 'The trust' };
  }
  const school = await schoolByCode(vault.data, scope);
  return { scope: school.code, schoolId: school.id, name: school.name };
}

/**
 * A refused import: every problem with its line, the first 20 of them and then how many more,
 * so that a school can fix the whole file in one go.
 */
export function importRefused(what: string, field: string, errors: readonly ImportError[]): CoreError {
  const lines = errors.slice(0, MAX_LISTED_PROBLEMS).map((e) => `  line ${e.line}: ${e.message}`);
  if (errors.length > MAX_LISTED_PROBLEMS) lines.push(`  and ${errors.length - MAX_LISTED_PROBLEMS} more`);
  const count = errors.length === 1 ? 'a problem' : `${errors.length} problems`;
  return new CoreError('invalid_input', `${what} has ${count}, so nothing was imported or changed:\n${lines.join('\n')}`, field);
}

/** Warnings for a calendar that is about to run out, or has. */
export function calendarWarnings(today: IsoDate, knownUntil: IsoDate | null, lastBankHoliday: IsoDate | null): string[] {
  const warnings: string[] = [];
  if (knownUntil === null) {
    warnings.push('The calendar has no term dates, so every weekday that is not a bank holiday counts as a school day. Import the term dates.');
  } else if (daysBetween(today, knownUntil) <= CALENDAR_WARNING_DAYS) {
    warnings.push(`The calendar needs updating: no term dates are known after ${formatLongDate(knownUntil)}.`);
  }
  // gov.uk publishes bank holidays by whole years, so a list covers the years it names.
  const coveredUntil = lastBankHoliday === null ? null : `${lastBankHoliday.slice(0, 4)}-12-31`;
  if (coveredUntil === null) {
    warnings.push('No bank holidays are known. Import the bank holidays (the gov.uk bank-holidays.json file).');
  } else if (daysBetween(today, coveredUntil) <= CALENDAR_WARNING_DAYS) {
    warnings.push(`The bank holidays need updating: none are known after ${formatLongDate(coveredUntil)}.`);
  }
  return warnings;
}

export async function calendarView(db: Db, scope: CalendarScope, today: IsoDate): Promise<CalendarView> {
  const dates = await storedTermDates(db, scope.schoolId);
  const holidays = await storedBankHolidays(db);
  const firstTerm = dates.terms.reduce<IsoDate | null>((min, t) => (min === null || t.start < min ? t.start : min), null);
  const knownUntil = dates.terms.reduce<IsoDate | null>((max, t) => (max === null || t.end > max ? t.end : max), null);
  const shown = firstTerm === null || knownUntil === null ? holidays : holidays.filter((h) => firstTerm <= h.date && h.date <= knownUntil);
  return {
    scope: scope.scope,
    name: scope.name,
    source: await calendarSource(db, scope.schoolId),
    bankHolidaySource: await bankHolidaySource(db),
    terms: [...dates.terms].sort((a, b) => a.start.localeCompare(b.start)).map((t) => ({ name: t.name ?? null, start: t.start, end: t.end })),
    closures: [...dates.closures].sort((a, b) => a.start.localeCompare(b.start)).map((c) => ({ kind: c.kind, name: c.name ?? null, start: c.start, end: c.end })),
    insetDays: [...dates.insetDays],
    bankHolidays: shown.map((h) => ({ date: h.date, title: h.title })),
    knownUntil,
    warnings: calendarWarnings(today, knownUntil, holidays.at(-1)?.date ?? null),
  };
}
