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
