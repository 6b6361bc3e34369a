/** Every time on screen is UK time, whatever the computer's own time zone says. */
const ukDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** '2026-07-01T09:30:00Z' → 'Wed, 1 Jul 2026, 10:30' (British Summer Time). */
export function formatUkDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : ukDateTime.format(date);
}

const ukClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** How far UK clocks are ahead of UTC at that instant, in ms: 0 in winter, an hour in summer. */
function ukOffsetMs(instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of ukClock.formatToParts(new Date(instant))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const asUtc = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether text is a calendar day written YYYY-MM-DD (what an <input type="date"> gives). */
export function isCalendarDay(text: string): boolean {
  const match = DAY.exec(text);
  if (match === null) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

/**
 * The instant a UK calendar day begins, as ISO-8601 UTC: '2026-07-01' → '2026-06-30T23:00:00.000Z'
 * (midnight British Summer Time), '2026-12-01' → '2026-12-01T00:00:00.000Z'. UK clocks change
 * at 01:00 GMT, so midnight always exists exactly once.
 */
export function ukDayStart(day: string): string {
  const match = DAY.exec(day);
  if (match === null) throw new Error(`not a calendar day: ${day}`);
  const midnightUtc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // The offset at the guess, then again at the answer, in case a clock change lies between.
  const first = midnightUtc - ukOffsetMs(midnightUtc);
  return new Date(midnightUtc - ukOffsetMs(first)).toISOString();
}

/** The instant just after a UK calendar day ends (the next day's start): an exclusive end. */
export function ukDayEnd(day: string): string {
  const match = DAY.exec(day);
  if (match === null) throw new Error(`not a calendar day: ${day}`);
  const next = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1));
  return ukDayStart(next.toISOString().slice(0, 10));
}

/** The UK calendar day of an instant, YYYY-MM-DD. */
export function ukDay(instant: Date): string {
  const parts: Record<string, string> = {};
  for (const part of ukClock.formatToParts(instant)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const ukDate = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/** A calendar day as people write it: '2026-07-01' → '1 July 2026'. */
export function formatUkDate(day: string): string {
  return isCalendarDay(day) ? ukDate.format(new Date(`${day}T00:00:00Z`)) : day;
}

const ukShortDate = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric' });

/** The UK calendar day of an instant, short: '2026-06-30T23:30:00Z' → '1 Jul 2026'. */
export function formatUkShortDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : ukShortDate.format(date);
}
