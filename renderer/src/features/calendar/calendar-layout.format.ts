import type { CalendarView } from '../../../../shared/contract/views';
import { schoolYearOf, termTitle } from '../../format/calendar-dates.format';

type Closure = CalendarView['closures'][number];
type BankHoliday = CalendarView['bankHolidays'][number];

/** A run of days written as one range: a single INSET day has start === end. */
export interface DayRun {
  start: string;
  end: string;
}

/** One term with everything that falls inside it, as the Calendar screen shows a term. */
export interface TermBlock {
  title: string;
  start: string;
  end: string;
  halfTerms: Closure[];
  closures: Closure[];
  insetDays: DayRun[];
  bankHolidays: BankHoliday[];
}

export interface SchoolYearBlock {
  /** '2026 to 2027'. */
  label: string;
  terms: TermBlock[];
}

/** The calendar laid out by school year and term, and whatever lies outside every term. */
export interface CalendarLayout {
  years: SchoolYearBlock[];
  /** INSET days and closures that are not inside any term (a file may have them). */
  outside: { insetDays: DayRun[]; closures: Closure[] };
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** Sorted days joined into runs of consecutive days: 2 and 3 November make one run. */
export function dayRuns(days: readonly string[]): DayRun[] {
  const runs: DayRun[] = [];
  for (const day of [...new Set(days)].sort()) {
    const last = runs.at(-1);
    if (last !== undefined && nextDay(last.end) === day) last.end = day;
    else runs.push({ start: day, end: day });
  }
  return runs;
}

const inside = (day: string, term: { start: string; end: string }) => term.start <= day && day <= term.end;

export function layOutCalendar(view: CalendarView): CalendarLayout {
  const terms: TermBlock[] = [...view.terms]
    .sort((a, b) => a.start.localeCompare(b.start))
    .map((term) => ({
      title: termTitle(term.name, term.start),
      start: term.start,
      end: term.end,
      halfTerms: view.closures.filter((c) => c.kind === 'half-term' && inside(c.start, term)),
      closures: view.closures.filter((c) => c.kind === 'closure' && inside(c.start, term)),
      insetDays: dayRuns(view.insetDays.filter((d) => inside(d, term))),
      bankHolidays: view.bankHolidays.filter((h) => inside(h.date, term)),
    }));
  const years: SchoolYearBlock[] = [];
  for (const term of terms) {
    const label = schoolYearOf(term.start);
    const year = years.at(-1);
    if (year !== undefined && year.label === label) year.terms.push(term);
    else years.push({ label, terms: [term] });
  }
  const inAnyTerm = (day: string) => view.terms.some((t) => inside(day, t));
  return {
    years,
    outside: {
      insetDays: dayRuns(view.insetDays.filter((d) => !inAnyTerm(d))),
      closures: view.closures.filter((c) => !inAnyTerm(c.start)),
    },
  };
}
