import { platforms, type Platform } from './enums';

/**
 * Handles match case-insensitively and the leading @ is optional, so '@SHINEatPPA',
 * 'shineatppa' and 'ShineAtPPA' name the same channel. Facebook page names contain
 * spaces; those are kept but collapsed.
 */
export function handleKey(handle: string): string {
  return handle.trim().replace(/^@/, '').replace(/\s+/g, ' ').toLowerCase();
}

export type ChannelRef = { id: number } | { platform: Platform; key: string };

/** CHANNEL is `platform:handle` (for example `x:@pendleeducation`) or the numeric id. */
export function parseChannelRef(text: string): ChannelRef | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { id: Number(trimmed) };
  const colon = trimmed.indexOf(':');
  if (colon < 1) return null;
  const platform = trimmed.slice(0, colon).toLowerCase();
  const key = handleKey(trimmed.slice(colon + 1));
  if (!(platforms as readonly string[]).includes(platform) || key === '') return null;
  return { platform: platform as Platform, key };
}

/** How a channel is written back to people: `x:@pendleeducation`, `facebook:West Craven High School`. */
export function formatChannelRef(platform: Platform, handle: string): string {
  return `${platform}:${handle}`;
}

/**
 * What is wrong with a handle for its platform, or null. X, Instagram, YouTube and LinkedIn
 * handles have no spaces; a Facebook page may be named by its title, which has them.
 */
export function handleProblem(platform: Platform, handle: string): string | null {
  const bare = handle.trim().replace(/^@/, '');
  if (bare === '') return 'must not be empty';
  if (platform === 'facebook') return null;
  const pattern = platform === 'linkedin' ? /^[A-Za-z0-9_.-]+$/ : /^[A-Za-z0-9_.]+$/;
  return pattern.test(bare) ? null : `must be a ${platform} handle: letters, digits${platform === 'linkedin' ? ', hyphens' : ''}, underscores and dots, with no spaces`;
}
