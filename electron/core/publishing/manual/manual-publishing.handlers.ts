import type { Platform } from '../../../../shared/domain/enums';
import { platformNames } from '../../../../shared/posts/platform-rules';
import { checkPublishedPostUrl } from '../../../../shared/posts/published-url';
import { channelLabel, resolveChannel, type ChannelRow } from '../../channels/channels.repo';
import { londonToday } from '../../clock';
import type { ClipboardSink } from '../../credentials/clipboard-sink';
import { auditChannelEvent } from '../../credentials/channel-audit';
import type { Db } from '../../db/db.port';
import { qb } from '../../db/sql';
import { CoreError } from '../../errors';
import type { HandlerContext, HandlerMap } from '../../handler-types';
import { postRowById, postViewById, variantRows } from '../../posts/posts.repo';
import { MISSED_GRACE_MS } from '../engine/publish-pass';
import { manualChannelView, manualDueSubject } from './manual-channels.repo';

/** Main's default; the sink says when its setting differs. */
const DEFAULT_CLEAR_MS = 30_000;

interface ManualTarget {
  id: number;
  state: string;
  late: number;
}

/** The post's target on a channel, which must be waiting to be published by hand. */
async function manualTarget(db: Db, postId: number, channel: ChannelRow, doing: string): Promise<ManualTarget> {
  await postRowById(db, postId);
  const target = await db.first(qb.selectFrom('post_targets').select(['id', 'state', 'late']).where('post_id', '=', postId).where('channel_id', '=', channel.id));
  if (target === undefined) throw new CoreError('not_found', `Post ${postId} is not scheduled on ${channelLabel(channel)}.`, 'channel');
  if (target.state !== 'manual') {
    const now = target.state === 'published' ? 'it is already recorded as published there' : `it is ${target.state.replace('_', ' ')} there`;
    throw new CoreError('conflict', `Cannot ${doing}: post ${postId} is not waiting to be published by hand on ${channelLabel(channel)} (${now}). Nothing was changed.`, 'channel');
  }
  return target;
}

async function auditTarget(ctx: HandlerContext, postId: number, channel: ChannelRow, action: string, outcome: 'ok' | 'error', details: Record<string, unknown>): Promise<void> {
  await ctx.vault.audit.append({ actorId: ctx.operator.personId, action, target: `post:${postId}`, channelId: channel.id, schoolId: channel.school_id, outcome, details });
}

/**
 * Assisted manual publishing, for channels without API access. An administrator sets a
 * channel to be published by hand; at a post's time the engine checks it as for any channel
 * and leaves the target 'manual' with a notice. A poster or administrator then copies the
 * channel's text (main's clipboard guard: marked secret, cleared after 30 s as for passwords;
 * the page is only told it was done), posts it on the platform, and records the address of the
 * published post. Every step is audited; the text itself never is.
 */
export function manualPublishingHandlers(clipboard: ClipboardSink | null): HandlerMap<'channel.setManual' | 'post.manualCopy' | 'post.manualRecord'> {
  return {
    'channel.setManual': (ctx, input) => {
      const { data } = ctx.vault;
      return data.transaction(async () => {
        const channel = await resolveChannel(data, input.channel);
        const before = (await manualChannelView(data, channel)).manual;
        if (input.manual && !before) {
          await data.run(qb.insertInto('manual_channels').values({ channel_id: channel.id, set_at: ctx.vault.clock.now().toISOString(), set_by: ctx.operator.personId }));
        } else if (!input.manual && before) {
          await data.run(qb.deleteFrom('manual_channels').where('channel_id', '=', channel.id));
        }
        await auditChannelEvent(ctx, channel, { action: 'channel.set_manual', outcome: 'ok', details: { manual: input.manual, changed: before !== input.manual } });
        return manualChannelView(data, channel);
      });
    },

    'post.manualCopy': async (ctx, input) => {
      const { data } = ctx.vault;
      if (clipboard === null) {
        throw new CoreError('forbidden', `Copying to the clipboard is only available in the desktop app. On the command line, custodian post list --json shows each channel's text.`);
      }
      const channel = await resolveChannel(data, input.channel);
      const text = await data.transaction(async () => {
        await manualTarget(data, input.id, channel, 'copy its text');
        const variant = (await variantRows(data, { id: input.id })).find((v) => v.channel_id === channel.id);
        if (variant === undefined) throw new CoreError('not_found', `Post ${input.id} has no text for ${channelLabel(channel)}.`, 'channel');
        await auditTarget(ctx, input.id, channel, 'post.manual_copy', 'ok', { characters: variant.text.length });
        return variant.text;
      });
      try {
        await clipboard.copy(text);
      } catch {
        await auditTarget(ctx, input.id, channel, 'post.manual_copy', 'error', { why: 'clipboard write failed' });
        throw new CoreError('internal', 'The clipboard could not be written; nothing was copied. Try again.');
      }
      return { copied: true as const, clearsAfterSeconds: Math.round((clipboard.clearsAfterMs ?? DEFAULT_CLEAR_MS) / 1000) };
    },

    /**
     * The address must be https on the platform's own site; anything else is refused with what
     * is wrong and nothing is written. Late, as the engine counts it for a missed post: more
     * than the grace after the post's time (a person needs a few minutes to post by hand).
     */
    'post.manualRecord': async (ctx, input) => {
      const { vault } = ctx;
      const { data } = vault;
      const channel = await resolveChannel(data, input.channel);
      const checked = checkPublishedPostUrl(channel.platform as Platform, input.url);
      if (!checked.ok) throw new CoreError('invalid_input', `${checked.problem} Nothing was recorded.`, 'url');
      return data.transaction(async () => {
        const target = await manualTarget(data, input.id, channel, 'record it');
        const post = await postRowById(data, input.id);
        const now = vault.clock.now();
        const stamp = now.toISOString();
        const dueAt = post.scheduled_at === null ? now.getTime() : Date.parse(post.scheduled_at);
        const late = target.late === 1 || now.getTime() - dueAt > MISSED_GRACE_MS ? 1 : 0;
        const result = await data.run(
          qb
            .updateTable('post_targets')
            .set({ state: 'published', remote_id: checked.url, published_at: stamp, late, last_error: null, next_attempt_at: null, lease_owner: null, lease_until: null, updated_at: stamp })
            .where('id', '=', target.id)
            .where('state', '=', 'manual'),
        );
        if (result.changes !== 1) throw new CoreError('conflict', `Post ${input.id} changed on ${channelLabel(channel)} while it was being recorded. Nothing was changed.`, 'channel');
        // Its notice has done its job.
        await data.run(qb.updateTable('notifications').set({ read_at: stamp }).where('kind', '=', 'post-manual-due').where('subject', '=', manualDueSubject(input.id, channel.id)).where('read_at', 'is', null));
        await auditTarget(ctx, input.id, channel, 'publish.manual_record', 'ok', {
          target: target.id,
          state: 'published',
          url: checked.url,
          late: late === 1,
          platform: platformNames[channel.platform as Platform],
        });
        return postViewById(data, input.id, londonToday(vault.clock));
      });
    },
  };
}
