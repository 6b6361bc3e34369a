import type { Closure, IsoDate, SchoolCalendar, Term } from './calendar-types';
import type { BankHoliday } from './bank-holidays.json';

/**
 * The defaults a new installation starts with, as constants because shared/ cannot read files.
 * They are copies of resources/calendar/england-and-wales-bank-holidays.json and
 * resources/calendar/lancashire-terms.csv; tests/unit/default-calendar.test.ts parses those files
 * and fails if the two ever differ, so edit both together.
 */

/** England and Wales bank holidays 2025–2027, as gov.uk publishes them. */
export const englandAndWalesBankHolidays: readonly BankHoliday[] = Object.freeze<BankHoliday[]>([
  { date: '2025-01-01', title: 'New Year’s Day', notes: '', bunting: true },
  { date: '2025-04-18', title: 'Good Friday', notes: '', bunting: false },
  { date: '2025-04-21', title: 'Easter Monday', notes: '', bunting: true },
  { date: '2025-05-05', title: 'Early May bank holiday', notes: '', bunting: true },
  { date: '2025-05-26', title: 'Spring bank holiday', notes: '', bunting: true },
  { date: '2025-08-25', title: 'Summer bank holiday', notes: '', bunting: true },
  { date: '2025-12-25', title: 'Christmas Day', notes: '', bunting: true },
  { date: '2025-12-26', title: 'Boxing Day', notes: '', bunting: true },
  { date: '2026-01-01', title: 'New Year’s Day', notes: '', bunting: true },
  { date: '2026-04-03', title: 'Good Friday', notes: '', bunting: false },
  { date: '2026-04-06', title: 'Easter Monday', notes: '', bunting: true },
  { date: '2026-05-04', title: 'Early May bank holiday', notes: '', bunting: true },
  { date: '2026-05-25', title: 'Spring bank holiday', notes: '', bunting: true },
  { date: '2026-08-31', title: 'Summer bank holiday', notes: '', bunting: true },
  { date: '2026-12-25', title: 'Christmas Day', notes: '', bunting: true },
  { date: '2026-12-28', title: 'Boxing Day', notes: 'Substitute day', bunting: true },
  { date: '2027-01-01', title: 'New Year’s Day', notes: '', bunting: true },
  { date: '2027-03-26', title: 'Good Friday', notes: '', bunting: false },
  { date: '2027-03-29', title: 'Easter Monday', notes: '', bunting: true },
  { date: '2027-05-03', title: 'Early May bank holiday', notes: '', bunting: true },
  { date: '2027-05-31', title: 'Spring bank holiday', notes: '', bunting: true },
  { date: '2027-08-30', title: 'Summer bank holiday', notes: '', bunting: true },
  { date: '2027-12-27', title: 'Christmas Day', notes: 'Substitute day', bunting: true },
  { date: '2027-12-28', title: 'Boxing Day', notes: 'Substitute day', bunting: true },
]);

/**
 * Lancashire County Council term dates 2025/26 and 2026/27 (the 2026/27 dates are inferred from
 * the council's pattern). No INSET days: each academy sets its own five and enters them.
 */
export const lancashireTermDates: Omit<SchoolCalendar, 'bankHolidays'> = Object.freeze({
  terms: Object.freeze<Term[]>([
    { name: 'Autumn 2025', start: '2025-09-01', end: '2025-12-19' },
    { name: 'Spring 2026', start: '2026-01-05', end: '2026-03-27' },
    { name: 'Summer 2026', start: '2026-04-13', end: '2026-07-20' },
    { name: 'Autumn 2026', start: '2026-09-01', end: '2026-12-18' },
    { name: 'Spring 2027', start: '2027-01-04', end: '2027-03-25' },
    { name: 'Summer 2027', start: '2027-04-12', end: '2027-07-21' },
  ]),
  closures: Object.freeze<Closure[]>([
    { kind: 'half-term', name: 'Autumn half term 2025', start: '2025-10-27', end: '2025-10-31' },
    { kind: 'half-term', name: 'Spring half term 2026', start: '2026-02-16', end: '2026-02-20' },
    { kind: 'half-term', name: 'Summer half term 2026', start: '2026-05-25', end: '2026-05-29' },
    { kind: 'half-term', name: 'Autumn half term 2026', start: '2026-10-26', end: '2026-10-30' },
    { kind: 'half-term', name: 'Spring half term 2027', start: '2027-02-15', end: '2027-02-19' },
    { kind: 'half-term', name: 'Summer half term 2027', start: '2027-05-31', end: '2027-06-04' },
  ]),
  insetDays: Object.freeze<IsoDate[]>([]),
});

export const defaultCalendar: SchoolCalendar = Object.freeze({
  ...lancashireTermDates,
  bankHolidays: Object.freeze(englandAndWalesBankHolidays.map((h) => h.date)),
});
