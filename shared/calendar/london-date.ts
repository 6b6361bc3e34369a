import type { IsoDate } from './calendar-types';
import { isIsoDate } from './iso-date';
import { ukDay } from './uk-time';

/** A moment in time: milliseconds since the epoch, or an ISO 8601 string with Z or an offset. */
export type Instant = string | number;

// Without Z or an offset an ISO string means "local time" to Date.parse, which differs between
// the machine that received a message and the one counting days, so such strings are refused.
const instantPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))$/i;

/**
 * Milliseconds since the epoch for an ISO 8601 instant ('2026-10-23T23:30:00Z',
 * '2026-10-24T00:30:00+01:00'), or null. Parsed by hand rather than with Date.parse, whose handling
 * of more than three fractional digits and of missing offsets is left to each engine.
 */
export function parseInstant(text: string): number | null {
  const m = instantPattern.exec(text.trim());
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, frac, zone, sign, oh, om] = m;
  if (!isIsoDate(`${y}-${mo}-${d}`)) return null;
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s ?? '0');
  if (hour > 23 || minute > 59 || second > 59) return null;
  const millis = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  let offsetMinutes = 0;
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    if (Number(oh) > 23 || Number(om) > 59) return null;
    offsetMinutes = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  }
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), hour, minute, second, millis);
  return utc - offsetMinutes * 60_000;
}

/**
 * The date in Europe/London at an instant, so that 2026-10-23T23:30:00Z (00:30 BST) is
 * 2026-10-24 and 2026-10-25T23:30:00Z (after the clocks went back) is still 2026-10-25.
 * A plain 'YYYY-MM-DD' is taken to be a London date already (a letter logged by its date).
 * Throws RangeError for anything else: callers validate input at the contract first.
 */
export function londonDate(instant: Instant): IsoDate {
  if (typeof instant === 'string' && isIsoDate(instant.trim())) return instant.trim();
  const ms = typeof instant === 'number' ? instant : parseInstant(instant);
  if (ms === null || !Number.isFinite(ms)) throw new RangeError(`'${String(instant)}' is not an ISO 8601 instant with Z or an offset, nor milliseconds`);
  return ukDay(ms);
}
