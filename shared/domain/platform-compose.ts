import type { Platform } from './enums';

/**
 * Where a person writes a new post on each platform, for publishing by hand on a channel
 * without API access. The window links to it; main opens it in the system browser only after
 * its host allow-list agrees (electron/main/external-links.ts), and a unit test keeps every
 * entry on that list. Facebook, Instagram and LinkedIn have no stable compose address, so
 * their home page (where the "Create post" box is) is the nearest.
 */
export const PLATFORM_COMPOSE_URLS: Readonly<Record<Platform, string>> = {
  x: 'https://x.com/compose/post',
  facebook: 'https://www.facebook.com/',
  instagram: 'https://www.instagram.com/',
  linkedin: 'https://www.linkedin.com/feed/',
  youtube: 'https://studio.youtube.com/',
};
