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
 * The period a pack covers. By default the last 12 months, to today: a group reviewing the
 * policy wants this year's use in front of it, and with the review overdue, the 12 months
 * before the review date would leave this year out (an empty audit.csv).
 */
export function reviewPeriod(range: { from?: string; to?: string }, today: string): ReviewPeriod {
  const to = range.to ?? today;
  const from = range.from ?? addDays(addMonths(to, -12), 1);
  return { from, to, startInstant: ukDayStart(from).toISOString(), endInstant: ukDayStart(addDays(to, 1)).toISOString() };
}

/** 'YYYY-MM' of every month the period touches, in order. */
export function monthsOf(period: { from: string; to: string }): string[] {
  const months: string[] = [];
  for (let month = period.from.slice(0, 7); month <= period.to.slice(0, 7); month = addMonths(`${month}-01`, 1).slice(0, 7)) months.push(month);
  return months;
}
