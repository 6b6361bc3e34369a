import { addDays } from '../../../shared/calendar/iso-date';
import { addMonths } from '../../../shared/compliance/compliance-dates';
import { ukDayStart } from '../../../shared/calendar/uk-time';

export interface ReviewPeriod {
  from: string;
  to: string;
  /** [startInstant, endInstant): the UTC instants that bound the London days from..to. */
  startInstant: string;
  endInstant: string;
}

/**
 * The period a pack covers. By default the 12 months before the policy's next review date,
 * ending yesterday of that date, or today when the review date is still ahead (a year that has
 * not happened yet has nothing to show).
 */
export function reviewPeriod(range: { from?: string; to?: string }, nextReviewOn: string, today: string): ReviewPeriod {
  let from = range.from;
  let to = range.to;
  if (from === undefined || to === undefined) {
    const dayBefore = addDays(nextReviewOn, -1);
    to = dayBefore < today ? dayBefore : today;
    from = addDays(addMonths(to, -12), 1);
  }
  return { from, to, startInstant: ukDayStart(from).toISOString(), endInstant: ukDayStart(addDays(to, 1)).toISOString() };
}

/** 'YYYY-MM' of every month the period touches, in order. */
export function monthsOf(period: { from: string; to: string }): string[] {
  const months: string[] = [];
  for (let month = period.from.slice(0, 7); month <= period.to.slice(0, 7); month = addMonths(`${month}-01`, 1).slice(0, 7)) months.push(month);
  return months;
}
