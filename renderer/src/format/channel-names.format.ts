import type { ChannelView } from '../../../shared/contract/views';
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
