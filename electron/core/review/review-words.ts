import { londonDate } from '../../../shared/calendar/london-date';
import { monthNames } from '../../../shared/compliance/compliance-dates';
import { formatUkTime } from '../../../shared/calendar/uk-time';

/** '2026-09-01' → '1 Sep 2026'. */
export function ukDate(date: string | null): string {
  if (date === null) return '';
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${day} ${(monthNames[month - 1] ?? '').slice(0, 3)} ${year}`;
}

/** An instant as UK time: '1 Sep 2026, 09:30'. */
export function ukTime(instant: string | null): string {
  return instant === null ? '' : `${ukDate(londonDate(instant))}, ${formatUkTime(instant, 'clock')}`;
}

/** '2026-09' → 'Sep 2026'. */
export function monthLabel(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return `${(monthNames[number - 1] ?? '').slice(0, 3)} ${year}`;
}

/** A share as a whole percentage, or a dash when there was nothing to count. */
export function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${Math.round((part / whole) * 100)}%`;
}
