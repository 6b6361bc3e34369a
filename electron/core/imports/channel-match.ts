import type { ChannelView } from '../../../shared/contract/views';
import type { Platform } from '../../../shared/domain/enums';
import { formatChannelRef, handleKey } from '../../../shared/domain/handle';
import type { CredentialEntry } from './credential-entry';

/**
 * Which channel a password-manager entry is the login of. The entry's web address is the
 * best witness (x.com/handle, instagram.com/handle, facebook.com/page, linkedin.com/company/
 * slug, youtube.com/@handle or /channel/id); failing that, an @handle in its title or its
 * username, or a title that is the channel's name. Anything unsure is skipped with the
 * reason, never guessed: a password stored on the wrong channel locks people out.
 */

export type ChannelMatch = { channel: ChannelView; how: string } | { skip: string };

interface FromUrl {
  platform: Platform;
  /** The account the address names, or null for a login page or other page of the platform. */
  handle: string | null;
}

const HOSTS: [RegExp, Platform][] = [
  [/(^|\.)(x|twitter)\.com$/, 'x'],
  [/(^|\.)instagram\.com$/, 'instagram'],
  [/(^|\.)(facebook\.com|fb\.com|fb\.me)$/, 'facebook'],
  [/(^|\.)linkedin\.com$/, 'linkedin'],
  [/(^|\.)(youtube\.com|youtu\.be)$/, 'youtube'],
];

/** First path parts that are the platform's own pages, not an account. */
const RESERVED: Record<Platform, ReadonlySet<string>> = {
  x: new Set(['home', 'login', 'i', 'explore', 'notifications', 'messages', 'settings', 'compose', 'search', 'signup', 'logout', 'account', 'intent', 'share', 'tos', 'privacy', 'hashtag', 'jobs']),
  instagram: new Set(['accounts', 'p', 'reel', 'reels', 'explore', 'direct', 'stories', 'about', 'developer', 'web', 'legal', 'challenge', 'tv']),
  facebook: new Set([
    'login', 'login.php', 'home.php', 'settings', 'groups', 'help', 'business', 'watch', 'marketplace', 'gaming', 'events', 'messages',
    'notifications', 'friends', 'bookmarks', 'privacy', 'policies', 'recover', 'checkpoint', 'security', 'latest', 'r.php', 'reg',
  ]),
  linkedin: new Set(),
  youtube: new Set(),
};

function segmentsOf(url: URL): string[] {
  return url.pathname
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

function accountIn(platform: Platform, url: URL): string | null {
  const [first = '', second = ''] = segmentsOf(url);
  const lower = first.toLowerCase();
  if (url.hostname.startsWith('studio.') || url.hostname.startsWith('business.') || url.hostname.startsWith('accounts.')) return null;
  switch (platform) {
    case 'linkedin':
      return ['company', 'school', 'showcase', 'in'].includes(lower) && second !== '' ? second : null;
    case 'youtube':
      if (first.startsWith('@')) return first;
      return ['channel', 'c', 'user'].includes(lower) && second !== '' ? second : null;
    case 'facebook':
      if (lower === 'pages' && second !== '') return second;
      if (lower === 'profile.php') return url.searchParams.get('id');
      return first === '' || RESERVED.facebook.has(lower) ? null : first;
    default:
      return first === '' || RESERVED[platform].has(lower) ? null : first;
  }
}

/** The platform and account an address names, or null when it is no social platform's. */
export function readUrl(text: string): FromUrl | null {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase();
  const platform = HOSTS.find(([pattern]) => pattern.test(host))?.[1];
  if (platform === undefined) return null;
  return { platform, handle: accountIn(platform, url) };
}

/** Handles compared loosely: case, @, spaces and punctuation aside ("West Craven High School" = westcravenhighschool). */
const compact = (text: string): string => handleKey(text).replace(/[^a-z0-9]/g, '');

function sameAccount(channel: ChannelView, account: string): boolean {
  return handleKey(channel.handle) === handleKey(account);
}

function looselySame(channel: ChannelView, account: string): boolean {
  const key = compact(account);
  return key !== '' && compact(channel.handle) === key;
}

/** Exact handles first; the loose comparison only when nothing matches exactly. */
function byAccount(channels: readonly ChannelView[], account: string): ChannelView[] {
  const exact = channels.filter((c) => sameAccount(c, account));
  return exact.length > 0 ? exact : channels.filter((c) => looselySame(c, account));
}

const PLATFORM_WORDS: [RegExp, Platform][] = [
  [/\b(twitter|x\.com|x)\b/i, 'x'],
  [/\b(instagram|insta)\b/i, 'instagram'],
  [/\b(facebook|fb)\b/i, 'facebook'],
  [/\blinked\s?in\b/i, 'linkedin'],
  [/\b(youtube|yt)\b/i, 'youtube'],
];

const refs = (channels: readonly ChannelView[]) => channels.map((c) => formatChannelRef(c.platform, c.handle)).join(', ');

function decide(found: ChannelView[], how: string, none: string): ChannelMatch {
  const unique = [...new Map(found.map((c) => [c.id, c])).values()];
  if (unique.length === 1 && unique[0] !== undefined) return { channel: unique[0], how };
  if (unique.length === 0) return { skip: none };
  return { skip: `it could be any of ${refs(unique)}: put the channel's address in the entry's URL and import again` };
}

export function matchChannel(entry: CredentialEntry, channels: readonly ChannelView[]): ChannelMatch {
  const fromUrls = entry.urls.map(readUrl).filter((u): u is FromUrl => u !== null);
  const named = fromUrls.filter((u): u is FromUrl & { handle: string } => u.handle !== null);
  if (named.length > 0) {
    const found = named.flatMap((u) => byAccount(channels.filter((c) => c.platform === u.platform), u.handle));
    const first = named[0] as FromUrl & { handle: string };
    return decide(found, 'by its web address', `${first.platform}:${first.handle.slice(0, 60)} (from its web address) is not a channel in the vault`);
  }

  // An address that is some other site's (a school website, Canva) is that site's login, even
  // if its username happens to look like one of our handles.
  if (entry.urls.length > 0 && fromUrls.length === 0) {
    return { skip: 'not the login of a social media channel (its web address is not a platform the vault manages)' };
  }
  // No account in the address: an @handle in the title or a username that is a handle.
  const urlPlatforms = new Set(fromUrls.map((u) => u.platform));
  const wordPlatforms = new Set(PLATFORM_WORDS.filter(([pattern]) => pattern.test(entry.title)).map(([, p]) => p));
  const onPlatform = (list: ChannelView[]): ChannelView[] => {
    if (urlPlatforms.size > 0) return list.filter((c) => urlPlatforms.has(c.platform));
    const narrowed = list.filter((c) => wordPlatforms.has(c.platform));
    return narrowed.length > 0 ? narrowed : list;
  };
  const handles = [...entry.title.matchAll(/(?:^|[^\w.])@([A-Za-z0-9_.]{2,})/g)].map((m) => m[1] as string);
  const username = entry.username.replace(/^@/, '');
  if (username !== '' && !username.includes('@') && /^[A-Za-z0-9_.-]+$/.test(username)) handles.push(username);
  const byHandle = onPlatform(handles.flatMap((h) => channels.filter((c) => sameAccount(c, h))));
  if (byHandle.length > 0) return decide(byHandle, 'by the handle in its title or username', '');

  const title = compact(entry.title);
  const byName = title === '' ? [] : onPlatform(channels.filter((c) => compact(c.name) === title || compact(c.handle) === title));
  if (byName.length > 0) return decide(byName, "by its title (the channel's name)", '');

  if (fromUrls.length === 0 && handles.length === 0) return { skip: 'no web address or @handle says which channel this is' };
  const said = handles.length > 0 ? `the handle @${handles[0]?.slice(0, 60)}` : `its ${[...urlPlatforms].join(', ')} address names no account`;
  return { skip: `no channel in the vault matches (${said})` };
}
