import { parseInstant } from '../../../shared/calendar/london-date';
import { CoreError } from '../errors';

/** A clock a few minutes behind the operator's own is no reason to refuse a time given as "now". */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** An ISO instant from the contract (already validated), as a UTC ISO string and milliseconds. */
export function instant(text: string, field: string): { iso: string; ms: number } {
  const ms = parseInstant(text);
  if (ms === null) throw new CoreError('invalid_input', `The ${field} is not a date and time Custodian can read.`, field);
  return { iso: new Date(ms).toISOString(), ms };
}

/** Refuses a time in the future (beyond the tolerance): nothing is logged before it happens. */
export function notInFuture(when: { ms: number }, now: Date, message: string, field: string): void {
  if (when.ms > now.getTime() + FUTURE_TOLERANCE_MS) throw new CoreError('invalid_input', message, field);
}
