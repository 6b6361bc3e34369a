/** Injected so tests can move time (passphrase throttling, TOTP windows). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
