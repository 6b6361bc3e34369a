import type { Platform } from '../domain/enums';

/**
 * The address of a post published by hand, as recorded against its target: https, on the
 * platform's own site (exact host names, no look-alikes), and the post itself rather than the
 * site's home page. Pure, so the window can say what is wrong before the core refuses it.
 */

/** Exact host names a published post's address may have, per platform. */
export const PUBLISHED_POST_HOSTS: Readonly<Record<Platform, readonly string[]>> = {
  x: ['x.com', 'www.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com'],
  facebook: ['www.facebook.com', 'facebook.com', 'm.facebook.com', 'web.facebook.com'],
  instagram: ['www.instagram.com', 'instagram.com'],
  linkedin: ['www.linkedin.com', 'linkedin.com'],
  youtube: ['www.youtube.com', 'youtube.com', 'm.youtube.com', 'youtu.be'],
};

const SITE_NAMES: Readonly<Record<Platform, string>> = {
  x: 'x.com or twitter.com',
  facebook: 'facebook.com',
  instagram: 'instagram.com',
  linkedin: 'linkedin.com',
  youtube: 'youtube.com or youtu.be',
};

export type PublishedUrlCheck = { ok: true; url: string } | { ok: false; problem: string };

/** Checks a pasted address; on success the address with its host in lower case. */
export function checkPublishedPostUrl(platform: Platform, text: string): PublishedUrlCheck {
  const site = SITE_NAMES[platform];
  const url = text.trim();
  if (url === '') return { ok: false, problem: 'Paste the address of the published post.' };
  if (url.length > 2048) return { ok: false, problem: 'That address is too long (at most 2048 characters).' };
  // Spaces, controls and backslashes inside an address are how a look-alike hides its real host.
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f-\u009f\\\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/u.test(url)) {
    return { ok: false, problem: 'That address has spaces or hidden characters in it. Copy it again from the address bar of the published post.' };
  }
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([/?#].*)?$/i.exec(url);
  if (match === null) return { ok: false, problem: `That is not a web address. Copy the address of the published post on ${site}, starting with https://.` };
  const [, scheme = '', authority = '', rest = ''] = match;
  if (scheme.toLowerCase() !== 'https') return { ok: false, problem: `The address must start with https:// (it starts with ${scheme.toLowerCase()}://).` };
  // The authority must be a plain host name: no user:password@, no port, nothing non-ASCII.
  if (!/^[A-Za-z0-9.-]+$/.test(authority)) return { ok: false, problem: `The address must be on ${site} itself, without a user name, a port or unusual characters.` };
  const host = authority.toLowerCase();
  if (!PUBLISHED_POST_HOSTS[platform].includes(host)) {
    return { ok: false, problem: `The address is on ${host}, not on ${site}. Copy the address of the post on the channel's own page.` };
  }
  const path = rest.replace(/[?#].*$/, '');
  if (path === '' || path === '/') return { ok: false, problem: `That is the ${site} home page. Open the published post and copy its own address.` };
  return { ok: true, url: `https://${host}${rest}` };
}
