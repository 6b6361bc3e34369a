import type { CalendarNotes, CalendarWarning, IsoDate, SchoolCalendar } from './calendar-types';
import { londonDate, type Instant } from './london-date';
import { addSchoolDays, countSchoolDays } from './school-days';

/** The policy: comments, queries and complaints get a response within 5 school days. */
export const responseSchoolDays = 5;

export interface ResponseDue extends CalendarNotes {
  /** The London date the item arrived. */
  received: IsoDate;
  /** Day 0: the received date if it is a school day, otherwise the next school day. */
  dayZero: IsoDate;
  /** The last school day for a response: the `days`-th school day after day 0. */
  due: IsoDate;
  /**
   * The first day a response is late: the school day after `due`. A reply sent at the weekend
   * after a Friday due date has still taken only 5 school days, so it is on time.
   */
  lateFrom: IsoDate;
}

/**
 * When a response is due. The day an item arrives is day 0 whatever the hour, because the
 * policy counts school days, not hours; one that arrives at a weekend or in a holiday starts on
 * the next school day, so a complaint on a Friday in term is due the Friday after (5 days later),
 * while one on the Saturday is due a week on Monday.
 */
export function responseDueDate(cal: SchoolCalendar, receivedAt: Instant, days: number = responseSchoolDays): ResponseDue {
  const received = londonDate(receivedAt);
  const start = addSchoolDays(cal, received, 0);
  const end = addSchoolDays(cal, start.date, days);
  const late = addSchoolDays(cal, start.date, days + 1);
  // Warnings come from the due date only: lateFrom running past the known terms is no reason to warn.
  return { received, dayZero: start.date, due: end.date, lateFrom: late.date, ...mergeNotes(start, end) };
}

export interface SchoolDaysTaken extends CalendarNotes {
  received: IsoDate;
  responded: IsoDate;
  dayZero: IsoDate;
  /** School days after day 0 up to and including the response date; 0 when answered by day 0. */
  days: number;
}

/**
 * How many school days a response took, on the same count as responseDueDate, so that a
 * response is on time exactly when `days` ≤ 5, i.e. when it is sent before `lateFrom` (a
 * response on the due date took 5). A response on or before day 0 (even one timed before the
 * receipt, a clock-skew artefact) took 0.
 */
export function schoolDaysTaken(cal: SchoolCalendar, receivedAt: Instant, respondedAt: Instant): SchoolDaysTaken {
  const received = londonDate(receivedAt);
  const responded = londonDate(respondedAt);
  const start = addSchoolDays(cal, received, 0);
  const taken = countSchoolDays(cal, start.date, responded);
  return { received, responded, dayZero: start.date, days: taken.count, ...mergeNotes(start, taken) };
}

function mergeNotes(...notes: CalendarNotes[]): CalendarNotes {
  const warnings = new Map<string, CalendarWarning>();
  for (const n of notes) for (const w of n.warnings) if (!warnings.has(w.code)) warnings.set(w.code, w);
  return { beyondKnownTerms: notes.some((n) => n.beyondKnownTerms), warnings: [...warnings.values()] };
}
