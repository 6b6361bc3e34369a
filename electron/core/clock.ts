import { londonDate } from '../../shared/calendar/london-date';

/** Injected so tests can move time (passphrase throttling, TOTP windows). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * Today's date in the UK ('YYYY-MM-DD'). The trust's days (leaving dates, training, due
 * dates) are London days: at 00:30 BST on 1 July it is already 1 July here, while the UTC
 * date is still 30 June.
 */
export function londonToday(clock: Clock): string {
  return londonDate(clock.now().getTime());
}
