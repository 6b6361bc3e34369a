import type { ManualChannelView } from '../../../../shared/contract/views';
import type { Platform } from '../../../../shared/domain/enums';
import { platformNames } from '../../../../shared/posts/platform-rules';
import { channelLabel } from '../../channels/channels.repo';
import type { Db } from '../../db/db.port';
import { qb } from '../../db/sql';
import { addNotification } from '../../notifications/notifications.repo';
import { formatUkTime } from '../../../../shared/calendar/uk-time';

/** Whether a channel is published by hand (its due posts wait for a person, never an API call). */
export async function isManualChannel(db: Db, channelId: number): Promise<boolean> {
  return (await db.first(qb.selectFrom('manual_channels').select('channel_id').where('channel_id', '=', channelId))) !== undefined;
}

export async function manualChannelView(db: Db, channel: { id: number; platform: string; handle: string }): Promise<ManualChannelView> {
  const row = await db.first(
    qb
      .selectFrom('manual_channels as m')
      .innerJoin('people as p', 'p.id', 'm.set_by')
      .select(['m.set_at', 'p.email'])
      .where('m.channel_id', '=', channel.id),
  );
  return { channel: channelLabel(channel), manual: row !== undefined, setAt: row?.set_at ?? null, setBy: row?.email ?? null };
}

/** The notice's subject: one per post and channel, so a second pass never repeats it. */
export function manualDueSubject(postId: number, channelId: number): string {
  return `post:${postId}:channel:${channelId}`;
}

/** What the target's row says once it waits for a person (the engine's detail for the pass). */
export function manualDueDetail(target: { platform: string; handle: string }): string {
  const platform = platformNames[target.platform as Platform] ?? target.platform;
  return `Due now on ${channelLabel(target)}, which is published by hand: copy the text, post it on ${platform}, then record the address of the published post.`;
}

/**
 * Tells people a post is due on a channel published by hand: the channel and the time, never
 * the post's text (a notice may be read by anyone in the school's console).
 */
export async function notifyManualDue(
  db: Db,
  target: { post_id: number; channel_id: number; school_id: number | null; platform: string; handle: string },
  at: string,
): Promise<void> {
  const channel = await db.first(qb.selectFrom('channels').select('name').where('id', '=', target.channel_id));
  const post = await db.first(qb.selectFrom('posts').select('scheduled_at').where('id', '=', target.post_id));
  const due = formatUkTime(post?.scheduled_at ?? at, 'weekdayDayTime').replace(',', '');
  const platform = platformNames[target.platform as Platform] ?? target.platform;
  const subject = manualDueSubject(target.post_id, target.channel_id);
  const message = `Post ${target.post_id} was due on ${channel?.name ?? channelLabel(target)} (${channelLabel(target)}) at ${due} (UK time). This channel is published by hand: open the post, copy its text, post it on ${platform} and record the address of the published post.`;
  if (await addNotification(db, { kind: 'post-manual-due', subject, schoolId: target.school_id, message, at })) return;
  // Due again (the post was edited and approved again, or retried): the old notice comes back unread.
  await db.run(qb.updateTable('notifications').set({ created_at: at, message, read_at: null }).where('kind', '=', 'post-manual-due').where('subject', '=', subject));
}
