import type { ChannelView, SchoolView } from '../../../shared/contract/views';
import { formatChannelRef } from '../../../shared/domain/handle';
import { platformNames } from './contract-words.format';

export interface ChannelName {
  /** The channel's own name, such as 'PET Twitter'. */
  name: string;
  /** Where it lives, such as 'X (Twitter) · @pendleeducation'. */
  where: string;
}

/** The reference the core uses for a channel: 'x:@pendleeducation'. */
export function channelRef(channel: Pick<ChannelView, 'platform' | 'handle'>): string {
  return formatChannelRef(channel.platform, channel.handle);
}

/** Names the core's channel references ('x:@pendleeducation') the way people know them. */
export function channelNamer(channels: readonly ChannelView[]): (ref: string | null) => ChannelName {
  const byRef = new Map(channels.map((c) => [channelRef(c).toLowerCase(), c]));
  return (ref) => {
    if (ref === null) return { name: '—', where: '' };
    const channel = byRef.get(ref.toLowerCase());
    if (channel === undefined) return { name: ref, where: '' };
    return { name: channel.name, where: `${platformNames[channel.platform]} · ${channel.handle}` };
  };
}

export interface ChannelGroup {
  /** 'Trust' for the trust's own channels, otherwise the school's name. */
  label: string;
  /** The school's code, or null for the trust's own channels. */
  school: string | null;
  channels: ChannelView[];
}

/** The trust's own channels first, then each school's (schools by name), in the list's order within each. */
export function groupChannels(channels: readonly ChannelView[], schools: readonly SchoolView[]): ChannelGroup[] {
  const groups: ChannelGroup[] = [{ label: 'Trust', school: null, channels: channels.filter((c) => c.school === null) }];
  const known = new Set<string>();
  for (const school of [...schools].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))) {
    known.add(school.code);
    groups.push({ label: school.name, school: school.code, channels: channels.filter((c) => c.school === school.code) });
  }
  // A channel whose school is not in the list (it should not happen) still shows.
  for (const code of new Set(channels.map((c) => c.school).filter((s): s is string => s !== null && !known.has(s)))) {
    groups.push({ label: code, school: code, channels: channels.filter((c) => c.school === code) });
  }
  return groups.filter((group) => group.channels.length > 0);
}

/** A school's name from its code; 'Trust' for none. */
export function schoolNamer(schools: readonly SchoolView[]): (code: string | null) => string {
  const names = new Map(schools.map((s) => [s.code, s.name]));
  return (code) => (code === null ? 'Trust' : (names.get(code) ?? code));
}
