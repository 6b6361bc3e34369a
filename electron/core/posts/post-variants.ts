import type { Platform } from '../../../shared/domain/enums';
import { channelLabel, resolveChannel, type ChannelRow } from '../channels/channels.repo';
import type { Db } from '../db/db.port';
import { CoreError } from '../errors';
import { blankToNull, type PlannedVariant, type VariantOverride } from './post-rules';
import { STARTED_TARGET_STATES, targetRows, variantRows, type PostRow } from './posts.repo';

/** A post's channels and variants: as named in a request (resolved, each once), and as stored. */

/** The post's channels, each once (a handle and an id may name the same channel). */
export async function resolveChannels(db: Db, refs: readonly string[]): Promise<ChannelRow[]> {
  const channels: ChannelRow[] = [];
  for (const ref of refs) {
    const channel = await resolveChannel(db, ref);
    if (channels.some((c) => c.id === channel.id)) {
      throw new CoreError('invalid_input', `The channels name ${channelLabel(channel)} twice; name each channel once.`, 'channels');
    }
    channels.push(channel);
  }
  return channels;
}

/** Per-channel overrides, keyed by channel id: each must be one of the post's channels, once. */
export async function resolveOverrides(db: Db, channelIds: readonly number[], overrides: readonly VariantOverride[]): Promise<Map<number, VariantOverride>> {
  const map = new Map<number, VariantOverride>();
  for (const override of overrides) {
    const channel = await resolveChannel(db, override.channel);
    if (!channelIds.includes(channel.id)) {
      throw new CoreError('invalid_input', `The channel variants name ${channelLabel(channel)}, which is not one of the post's channels.`, 'variants');
    }
    if (map.has(channel.id)) throw new CoreError('invalid_input', `The channel variants name ${channelLabel(channel)} twice.`, 'variants');
    map.set(channel.id, override);
  }
  return map;
}

export async function planVariants(db: Db, channels: readonly ChannelRow[], text: string, overrides: readonly VariantOverride[]): Promise<PlannedVariant[]> {
  const own = await resolveOverrides(
    db,
    channels.map((c) => c.id),
    overrides,
  );
  return channels.map((channel) => {
    const override = own.get(channel.id);
    return {
      channelId: channel.id,
      platform: channel.platform as Platform,
      label: channelLabel(channel),
      schoolId: channel.school_id,
      text: override?.text ?? text,
      ownText: override?.text !== undefined,
      title: blankToNull(override?.title),
    };
  });
}

export async function storedVariants(db: Db, postId: number) {
  return (await variantRows(db, { id: postId })).map((v) => ({
    id: v.id,
    channelId: v.channel_id,
    platform: v.platform as Platform,
    label: channelLabel(v),
    schoolId: v.school_id,
    text: v.text,
    ownText: v.own_text === 1,
    title: v.title,
  }));
}

/** Targets a platform may already hold: the post is not edited or deleted under them. */
export async function requireNothingStarted(db: Db, row: PostRow, doing: string): Promise<void> {
  const started = (await targetRows(db, { id: row.id })).filter((t) => STARTED_TARGET_STATES.includes(t.state));
  if (started.length === 0) return;
  const list = started.map((t) => `${channelLabel(t)} (${t.state.replace('_', ' ')})`).join(', ');
  throw new CoreError('conflict', `Cannot ${doing} post ${row.id}: it is published, or being published, on ${list}. Nothing was changed.`, 'id');
}
