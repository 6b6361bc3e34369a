import type { Platform } from '../../../shared/domain/enums';

/**
 * Where each adapter sends its requests.
 *
 * A base is scheme + host (+ port) + an optional path prefix; the adapter appends its usual path,
 * API version included (/2/tweets, /v25.0/{page-id}/feed, /rest/posts,
 * /upload/youtube/v3/videos). A channel may override its base to go through a proxy (or, in
 * tests, a fake). Since a bearer token goes to whatever base is configured, a base must be https,
 * except on this machine's loopback, where plain http cannot be read by anyone else on the network.
 */

/** The Graph API version, in one place (Facebook and Instagram). v25.0 (February 2026) stays usable until two years after v26.0. */
export const GRAPH_API_VERSION = 'v25.0';

/** LinkedIn's monthly API version (LinkedIn-Version header); each is supported for at least a year, then answers 426. */
export const LINKEDIN_API_VERSION = '202607';

export const defaultApiBases: Readonly<Record<Platform, string>> = {
  x: 'https://api.x.com',
  facebook: 'https://graph.facebook.com',
  instagram: 'https://graph.facebook.com',
  linkedin: 'https://api.linkedin.com',
  // Uploads go to the upload host; the rest of the Data API lives on youtube.googleapis.com.
  youtube: 'https://www.googleapis.com',
};

/**
 * Hosts a platform hands us upload addresses on (LinkedIn's uploadUrl, YouTube's resumable
 * session). We send the bearer token to such an address only if it is on one of these hosts or on
 * the channel's own base, so a tampered answer cannot send the token elsewhere.
 */
export const uploadHostSuffixes: Readonly<Record<Platform, readonly string[]>> = {
  x: [],
  facebook: [],
  instagram: [],
  linkedin: ['linkedin.com'],
  youtube: ['googleapis.com'],
};

const loopbackHosts = new Set(['127.0.0.1', '[::1]', 'localhost']);

export class ApiBaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiBaseError';
  }
}

/**
 * Checks a base (or an upload address given by a platform) and returns it normalised, without a
 * trailing slash. Throws ApiBaseError with a message fit to show an administrator; the message
 * never repeats the address, which might carry a secret someone pasted by mistake.
 */
export function parseApiBase(text: string, options: { allowQuery?: boolean } = {}): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new ApiBaseError('The API address is not a web address (expected e.g. https://proxy.example.org/x).');
  }
  if (url.username !== '' || url.password !== '') {
    throw new ApiBaseError('The API address must not contain a user name or password.');
  }
  if (url.hostname === '') throw new ApiBaseError('The API address has no host.');
  if (url.protocol === 'http:') {
    if (!loopbackHosts.has(url.hostname)) {
      throw new ApiBaseError('The API address must use https (plain http is allowed only for 127.0.0.1, ::1 or localhost).');
    }
  } else if (url.protocol !== 'https:') {
    throw new ApiBaseError('The API address must use https.');
  }
  if (url.hash !== '' || text.includes('#')) throw new ApiBaseError('The API address must not have a #fragment.');
  if (!options.allowQuery && (url.search !== '' || text.includes('?'))) {
    throw new ApiBaseError('The API address must not have a ?query: give the scheme, host and an optional path prefix.');
  }
  // An upload address is used exactly as given; a base loses its trailing slash so that
  // base + '/2/tweets' never has a double slash.
  if (options.allowQuery) return url.href;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The base an adapter uses for a channel: the override when set (checked), else the platform's default. */
export function resolveApiBase(platform: Platform, override: string | undefined): string {
  if (override === undefined || override.trim() === '') return defaultApiBases[platform];
  return parseApiBase(override);
}

/** Joins a base and a path (which starts with /), with optional query parameters. */
export function apiUrl(base: string, path: string, query?: Record<string, string>): string {
  const url = `${base}${path}`;
  if (!query) return url;
  return `${url}?${new URLSearchParams(query).toString()}`;
}

/**
 * Checks an upload address a platform returned: it must pass the same rules as a base and be on
 * the channel's base origin or one of the platform's upload hosts.
 */
export function checkUploadUrl(platform: Platform, base: string, uploadUrl: string): string {
  const checked = parseApiBase(uploadUrl, { allowQuery: true });
  const host = new URL(checked).hostname;
  const sameOrigin = new URL(checked).origin === new URL(base).origin;
  const known = uploadHostSuffixes[platform].some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
  if (!sameOrigin && !known) throw new ApiBaseError('The platform gave an upload address on an unexpected host.');
  return checked;
}
