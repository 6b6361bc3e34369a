/**
 * The only way out of the app to the web: a platform's own pages (login, settings), opened in
 * the user's system browser, never inside Custodian. A URL is opened only when it is https on
 * the default port, without user:password@, and its host is exactly one of the platform hosts
 * below. Everything else (javascript:, file:, data:, http:, look-alike and punycode hosts, IP
 * literals, custom schemes) is refused. Pure apart from the opener that is passed in.
 */
import type { Platform } from '../../shared/domain/enums';

/** Exact host names per platform (no wildcards: a wildcard is how look-alikes get in). */
export const PLATFORM_HOSTS: Readonly<Record<Platform, readonly string[]>> = {
  x: ['x.com', 'www.x.com', 'twitter.com', 'www.twitter.com'],
  facebook: ['www.facebook.com', 'facebook.com', 'm.facebook.com', 'business.facebook.com'],
  instagram: ['www.instagram.com', 'instagram.com'],
  linkedin: ['www.linkedin.com', 'linkedin.com'],
  // YouTube channels are managed in YouTube Studio and signed in to with a Google account.
  youtube: ['www.youtube.com', 'youtube.com', 'm.youtube.com', 'studio.youtube.com', 'accounts.google.com'],
};

const ALLOWED_HOSTS: ReadonlySet<string> = new Set(Object.values(PLATFORM_HOSTS).flat());

export { PLATFORM_LOGIN_URLS } from '../../shared/domain/platform-login';

const MAX_URL_LENGTH = 2048;

/**
 * The normalised URL to open, or null when it must not be opened. The raw text is checked
 * before parsing because the URL parser quietly repairs what an attacker might rely on:
 * it strips tabs, newlines and surrounding spaces and reads a backslash as a slash.
 */
export function checkPlatformUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_URL_LENGTH) return null;
  // Whitespace, C0/C1 controls, DEL, backslashes, and Unicode format/space characters anywhere.
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f-\u009f\\\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/u.test(url)) return null;
  // The authority as written must already be a plain host name: no user:password@, no port,
  // no brackets, no percent-encoding, nothing non-ASCII for IDNA mapping to turn into
  // something else (fullwidth ｘ.com becomes x.com). The parsed URL is then checked again.
  const authority = /^https:\/\/([^/?#]*)/i.exec(url)?.[1];
  if (authority === undefined || !/^[A-Za-z0-9.-]+$/.test(authority)) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  if (parsed.port !== '') return null;
  // hostname is lower-cased and IDNA-encoded by the parser (x.cоm with a Cyrillic о becomes
  // xn--…), so an exact match also refuses homographs, trailing dots and IP literals.
  if (!ALLOWED_HOSTS.has(parsed.hostname)) return null;
  return parsed.href;
}

export function isPlatformUrl(url: unknown): boolean {
  return checkPlatformUrl(url) !== null;
}

/** shell.openExternal in main; a recorder in the tests. */
export type OpenExternal = (url: string) => Promise<void>;

/**
 * Opens an allowed platform URL in the system browser. Resolves true when it was handed to
 * the browser, false when refused (or the OS could not open it); never throws.
 */
export async function openPlatformLink(url: unknown, openExternal: OpenExternal): Promise<boolean> {
  const safe = checkPlatformUrl(url);
  if (safe === null) return false;
  try {
    await openExternal(safe);
    return true;
  } catch {
    return false;
  }
}
