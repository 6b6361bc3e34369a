/**
 * When to try again: the platform's own wait (Retry-After, a rate-limit reset) when it gave one,
 * else full-jitter exponential backoff: a random time between 0 and min(cap, base × 2^attempts).
 */
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 15 * 60_000;
/** Attempts that end in retry before the target fails for a person to look at. */
export const MAX_ATTEMPTS = 6;

export function retryDelayMs(attempts: number, retryAfterMs: number | undefined, random: () => number): number {
  if (retryAfterMs !== undefined) return Math.max(0, retryAfterMs);
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempts, 30));
  return Math.floor(random() * ceiling);
}
