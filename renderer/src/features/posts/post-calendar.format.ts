import { formatUkTime } from '../../../../shared/calendar/uk-time';
import type { PostView } from '../../../../shared/contract/views';
import { formatDayRange } from '../../format/calendar-dates.format';
import { ukDay } from '../../format/uk-time.format';

/**
 * The posts calendar's days: calendar days written YYYY-MM-DD (UK days, whatever the
 * computer's time zone), weeks from Monday to Sunday as UK calendars print them.
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

function asDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function asDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  const date = asDate(day);
  date.setUTCDate(date.getUTCDate() + n);
  return asDay(date);
}

/** The Monday of the week a day falls in. */
export function weekStart(day: string): string {
  const weekday = (asDate(day).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** The first of the month n months on (n may be negative). */
export function addMonths(day: string, n: number): string {
  const date = asDate(day);
  return asDay(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + n, 1)));
}

/** The seven days of the week a day falls in, Monday first. */
export function weekOf(day: string): string[] {
  const monday = weekStart(day);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** The month a day falls in as whole weeks, Monday first: 4 to 6 rows of 7 days. */
export function monthWeeks(day: string): string[][] {
  const first = addMonths(day, 0);
  const next = addMonths(day, 1);
  const weeks: string[][] = [];
  for (let monday = weekStart(first); monday < next; monday = addDays(monday, 7)) weeks.push(weekOf(monday));
  return weeks;
}

/** '2026-11-24' → 'November 2026'. */
export function monthTitle(day: string): string {
  const date = asDate(day);
  return `${MONTHS[date.getUTCMonth()] ?? ''} ${date.getUTCFullYear()}`;
}

/** '2026-11-24' → 'Mon 23 – Sun 29 Nov 2026'. */
export function weekTitle(day: string): string {
  const days = weekOf(day);
  return formatDayRange(days[0] ?? day, days[6] ?? day);
}

export function sameMonth(a: string, b: string): boolean {
  return a.slice(0, 7) === b.slice(0, 7);
}

/**
 * When a post goes (or went) out, as an instant: its time; for "as soon as approved", when its
 * channels published or are next due; null while no time is set.
 */
export function postWhen(post: Pick<PostView, 'at' | 'targets' | 'approvedAt'>): string | null {
  if (post.at === null) return null;
  if (post.at !== 'now') return post.at;
  const times = post.targets.map((t) => t.publishedAt ?? t.nextAttemptAt).filter((t): t is string => t !== null);
  return times.sort()[0] ?? post.approvedAt;
}

/** The UK day a post is placed on in the calendar, or null while it has no time. */
export function postDay(post: Pick<PostView, 'at' | 'targets' | 'approvedAt'>): string | null {
  const when = postWhen(post);
  return when === null ? null : ukDay(new Date(when));
}

/** '2026-07-01T09:30:00Z' → '10:30' (UK time). */
export function formatUkClock(iso: string): string {
  return formatUkTime(iso, 'clock');
}
