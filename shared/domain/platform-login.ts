import type { Platform } from './enums';

/**
 * Each platform's sign-in page, for "open the platform's login page". The window links to
 * it; main opens it in the system browser only after its host allow-list agrees
 * (electron/main/external-links.ts), and a unit test keeps every entry on that list.
 */
export const PLATFORM_LOGIN_URLS: Readonly<Record<Platform, string>> = {
  x: 'https://x.com/login',
  facebook: 'https://www.facebook.com/',
  instagram: 'https://www.instagram.com/',
  linkedin: 'https://www.linkedin.com/login',
  youtube: 'https://www.youtube.com/',
};
