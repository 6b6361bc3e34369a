import type { PostView } from '../../../shared/contract/views';
import type { Platform } from '../../../shared/domain/enums';
import { platformNames, type VariantCheck } from '../../../shared/posts/platform-rules';
import type { ChecklistItem, ChecklistResult } from '../../../shared/posts/prepublication-checklist';
import { channelLabel, resolveChannelSync, type ChannelRow } from '../channels/channels.repo';
import { londonToday } from '../clock';
import type { Db } from '../db/db.port';
import { qb, type Sql } from '../db/sql';
import { CoreError } from '../errors';
import type { HandlerMap, Operator } from '../handler-types';
import { isTrainedOn } from '../training/training.repo';
import type { Vault } from '../vault/vault';
import {
  authorTraining,
  checklistFor,
  checkVariants,
  consentEntries,
  parseAuthorChecklist,
  pupilsDeclaration,
  type StoredApprovalChecklist,
  type StoredAuthorChecklist,
} from './post-checks';
import { decodeMedia, removeMediaFile, storeMedia } from './post-media';
import {
  listPosts,
  mediaRows,
  postRowById,
  postTexts,
  postViewById,
  STARTED_TARGET_STATES,
  targetRows,
  UNSTARTED_TARGET_STATES,
  variantMedia,
  variantRows,
  type PostRow,
  type PostStatus,
} from './posts.repo';

const DAY_MS = 86_400_000;

interface PlannedVariant {
  channelId: number;
  platform: Platform;
  label: string;
  schoolId: number | null;
  text: string;
  ownText: boolean;
  title: string | null;
}

/** The post's channels, each once (a handle and an id may name the same channel). */
function resolveChannels(sql: Sql, refs: readonly string[]): ChannelRow[] {
  const channels: ChannelRow[] = [];
  for (const ref of refs) {
    const channel = resolveChannelSync(sql, ref);
    if (channels.some((c) => c.id === channel.id)) {
      throw new CoreError('invalid_input', `The channels name ${channelLabel(channel)} twice; name each channel once.`, 'channels');
    }
    channels.push(channel);
  }
  return channels;
}

type VariantOverride = { channel: string; text?: string | undefined; title?: string | undefined };

/** Per-channel overrides, keyed by channel id: each must be one of the post's channels, once. */
function resolveOverrides(sql: Sql, channelIds: readonly number[], overrides: readonly VariantOverride[]): Map<number, VariantOverride> {
  const map = new Map<number, VariantOverride>();
  for (const override of overrides) {
    const channel = resolveChannelSync(sql, override.channel);
    if (!channelIds.includes(channel.id)) {
      throw new CoreError('invalid_input', `The channel variants name ${channelLabel(channel)}, which is not one of the post's channels.`, 'variants');
    }
    if (map.has(channel.id)) throw new CoreError('invalid_input', `The channel variants name ${channelLabel(channel)} twice.`, 'variants');
    map.set(channel.id, override);
  }
  return map;
}

const blankToNull = (text: string | undefined | null) => (text === undefined || text === null || text.trim() === '' ? null : text.trim());

function planVariants(sql: Sql, channels: readonly ChannelRow[], text: string, overrides: readonly VariantOverride[]): PlannedVariant[] {
  const own = resolveOverrides(
    sql,
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

/** When to publish: 'now' (on approval) or a time between now and a year ahead. */
function timing(at: string | null | undefined, now: Date): { scheduledAt: string | null; onApproval: number } {
  if (at === undefined || at === null) return { scheduledAt: null, onApproval: 0 };
  if (at === 'now') return { scheduledAt: null, onApproval: 1 };
  const when = new Date(at);
  if (when.getTime() <= now.getTime()) {
    throw new CoreError('invalid_input', `The time ${when.toISOString()} has passed: choose a later time, or "now" (as soon as it is approved).`, 'at');
  }
  if (when.getTime() > now.getTime() + 366 * DAY_MS) throw new CoreError('invalid_input', 'The time must be within a year from now.', 'at');
  return { scheduledAt: when.toISOString(), onApproval: 0 };
}

/** A post that goes for approval holds no platform problem: the first one, naming its channel. */
function requireVariantsFit(variants: readonly { label: string; platform: Platform }[], checks: readonly VariantCheck[], when: string): void {
  checks.forEach((check, i) => {
    const problem = check.problems[0];
    const variant = variants[i];
    if (problem === undefined || variant === undefined) return;
    const field = problem.field === 'media' ? 'media' : problem.field === 'title' ? 'variants' : 'text';
    throw new CoreError('invalid_input', `${variant.label} (${platformNames[variant.platform]}): ${problem.message} ${when}`, field);
  });
}

const CHECKLIST_FIELDS: Partial<Record<ChecklistItem['id'], string>> = {
  pupils: 'checklist.noListedPupilIdentifiable',
  'adults-consented': 'checklist.adultsConsented',
  rights: 'checklist.rightsConfirmed',
  'dos-and-donts': 'checklist.dosAndDontsAcknowledged',
};

/** Submitting for approval needs every item of the checklist: the first one missing, in words. */
function requireSubmittable(checklist: ChecklistResult): void {
  const item = checklist.items.find((i) => i.state !== 'ok');
  if (item === undefined) return;
  if (item.id === 'author-trained') {
    throw new CoreError('forbidden', `The post cannot go for approval. ${item.message}`, 'checklist');
  }
  throw new CoreError(
    'invalid_input',
    `The checklist is not confirmed: ${item.message} Nothing was saved; leave the checklist out to save a draft.`,
    CHECKLIST_FIELDS[item.id] ?? 'checklist',
  );
}

function auditPost(
  vault: Vault,
  operator: Operator,
  action: string,
  postId: number | null,
  variants: readonly { channelId: number; schoolId: number | null }[],
  outcome: 'ok' | 'denied',
  details: Record<string, unknown>,
): void {
  const schools = [...new Set(variants.map((v) => v.schoolId))];
  vault.audit.append({
    actorId: operator.personId,
    action,
    target: postId === null ? null : `post:${postId}`,
    channelId: variants.length === 1 ? (variants[0]?.channelId ?? null) : null,
    schoolId: schools.length === 1 ? (schools[0] ?? null) : null,
    outcome,
    details,
  });
}

async function storedVariants(db: Db, postId: number) {
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

function requireStatus(row: PostRow, allowed: readonly PostStatus[], doing: string): void {
  if (allowed.includes(row.status)) return;
  const why: Record<PostStatus, string> = {
    draft: `post ${row.id} is a draft: its author has not confirmed the checklist yet`,
    'awaiting-approval': `post ${row.id} is awaiting approval`,
    approved: `post ${row.id} is already approved (version ${row.approved_version ?? '?'}, by ${row.approver_email ?? 'a second operator'})`,
    scheduled: `post ${row.id} is already approved and scheduled`,
    cancelled: `post ${row.id} was cancelled`,
  };
  throw new CoreError('conflict', `Cannot ${doing}: ${why[row.status]}. Nothing was changed.`, 'id');
}

/** Targets a platform may already hold: the post is not edited or deleted under them. */
async function requireNothingStarted(db: Db, row: PostRow, doing: string): Promise<void> {
  const started = (await targetRows(db, { id: row.id })).filter((t) => STARTED_TARGET_STATES.includes(t.state));
  if (started.length === 0) return;
  const list = started.map((t) => `${channelLabel(t)} (${t.state.replace('_', ' ')})`).join(', ');
  throw new CoreError('conflict', `Cannot ${doing} post ${row.id}: it is published, or being published, on ${list}. Nothing was changed.`, 'id');
}

/**
 * Posts: composed by posters and admins, checked per platform and against the pre-publication
 * checklist, approved by a second operator, and scheduled as one target per channel for the
 * publishing engine. Audit events carry counts, the pupils declaration, versions and states,
 * never a post's text or outcome.
 */
export const postHandlers: HandlerMap<'post.create' | 'post.update' | 'post.approve' | 'post.cancel' | 'post.delete' | 'post.list' | 'post.retry'> = {
  /**
   * Without a checklist the post is a draft: it may still hold platform problems (they show in
   * channels[].check). With a checklist it goes for approval, so every variant must fit its
   * platform, every item must be confirmed and the author trained in date; otherwise nothing is
   * written. Named listed pupils are refused in both cases: the image must be edited first.
   */
  'post.create': async ({ vault, operator }, input) => {
    const { sql, data } = vault;
    const now = vault.clock.now();
    const today = londonToday(vault.clock);
    const channels = resolveChannels(sql, input.channels);
    const variants = planVariants(sql, channels, input.text, input.variants ?? []);
    const media = decodeMedia(input.media ?? []);
    const when = timing(input.at, now);
    const entries = await consentEntries(data, today);
    const author: StoredAuthorChecklist | null = input.checklist === undefined ? null : { ...input.checklist, confirmedAt: now.toISOString() };
    const forChecks = {
      pupils: input.pupils,
      hasMedia: media.length > 0,
      texts: postTexts(input.text, variants),
      author,
      channelSchoolIds: variants.map((v) => v.schoolId),
    };
    const training = await authorTraining(data, operator.personId, today);

    if (typeof input.pupils === 'object') {
      const known = new Set(entries.map((e) => e.id));
      const unknown = input.pupils.named.find((id) => !known.has(id));
      if (unknown !== undefined) throw new CoreError('not_found', `No entry of the no-publish list has the id ${unknown}.`, 'pupils');
      const refused = checklistFor(forChecks, training, entries).items.find((i) => i.id === 'pupils');
      // On the record (without names): an image of a listed pupil was offered for publishing.
      auditPost(vault, operator, 'post.create', null, variants, 'denied', { channels: variants.length, media: media.length, pupils: 'named', named: input.pupils.named.length });
      throw new CoreError('forbidden', `${refused?.message ?? 'A listed pupil can be identified.'} Nothing was saved.`, 'pupils');
    }

    const checks = checkVariants(
      variants,
      media.map((m) => ({ mediaType: m.mediaType, bytes: m.bytes.length, name: m.name })),
    );
    if (author !== null) {
      requireVariantsFit(variants, checks, 'Nothing was saved; fix it, or leave the checklist out to save a draft.');
      requireSubmittable(checklistFor(forChecks, training, entries));
    }

    // The files first, then their records: a record never names a file that is not there.
    await storeMedia(vault.dataDir, media);
    const status: PostStatus = author === null ? 'draft' : 'awaiting-approval';
    const id = await data.transaction(async () => {
      const stamp = vault.clock.now().toISOString();
      const row = await data.first(
        qb
          .insertInto('posts')
          .values({
            author_id: operator.personId,
            text: input.text,
            intended_outcome: input.outcome,
            status,
            scheduled_at: when.scheduledAt,
            publish_on_approval: when.onApproval,
            checklist: JSON.stringify(author ?? {}),
            pupils: input.pupils as 'none' | 'present',
            pupils_named: '[]',
            version: 1,
            created_at: stamp,
            updated_at: stamp,
            approved_by: null,
            approved_at: null,
            approved_version: null,
            approval_checklist: null,
          })
          .returning('id'),
      );
      if (row === undefined) throw new Error('insert returned nothing');
      for (const [position, v] of variants.entries()) {
        await data.run(
          qb
            .insertInto('post_variants')
            .values({ post_id: row.id, channel_id: v.channelId, position, text: v.text, own_text: v.ownText ? 1 : 0, title: v.title }),
        );
      }
      for (const [position, m] of media.entries()) {
        await data.run(
          qb.insertInto('post_media').values({
            post_id: row.id,
            position,
            file_name: m.fileName,
            sha256: m.sha256,
            bytes: m.bytes.length,
            media_type: m.mediaType,
            alt_text: m.alt,
            original_name: m.name,
            public_url: m.publicUrl,
          }),
        );
      }
      auditPost(vault, operator, 'post.create', row.id, variants, 'ok', {
        status,
        channels: variants.length,
        media: media.length,
        pupils: input.pupils,
        at: when.onApproval === 1 ? 'now' : when.scheduledAt,
      });
      return row.id;
    });
    // Again after the records exist: a delete of another post sharing a file may have removed it meanwhile.
    await storeMedia(vault.dataDir, media);
    return postViewById(data, id, today);
  },

  /**
   * Text, variants, outcome, alt text, the time, or (by the author) the checklist. Every edit
   * bumps the version. An approved or scheduled post goes back to awaiting approval: what was
   * approved is no longer what would be published, so its unpublished targets are removed. A
   * post a platform may already hold is not edited (cancel it instead).
   */
  'post.update': ({ vault, operator }, input) => {
    const { sql, data } = vault;
    const now = vault.clock.now();
    const today = londonToday(vault.clock);
    return data.transaction(async () => {
      const row = await postRowById(data, input.id);
      requireStatus(row, ['draft', 'awaiting-approval', 'approved', 'scheduled'], 'edit it');
      if (row.author_id !== operator.personId && operator.consoleRole !== 'admin') {
        throw new CoreError('forbidden', `Only the author of post ${row.id} (${row.author_email}) or an administrator may edit it.`, 'id');
      }
      if (input.checklist !== undefined && row.author_id !== operator.personId) {
        throw new CoreError('forbidden', `Only the author of post ${row.id} confirms its checklist.`, 'checklist');
      }
      await requireNothingStarted(data, row, 'edit');

      const current = await storedVariants(data, row.id);
      const text = input.text ?? row.text;
      const overrides = resolveOverrides(
        sql,
        current.map((v) => v.channelId),
        input.variants ?? [],
      );
      const variants = current.map((v) => {
        const override = overrides.get(v.channelId);
        const ownText = override?.text !== undefined || v.ownText;
        return {
          ...v,
          text: override?.text ?? (v.ownText ? v.text : text),
          ownText,
          title: override?.title === undefined ? v.title : blankToNull(override.title),
        };
      });
      const media = await mediaRows(data, { id: row.id });
      for (const change of input.media ?? []) {
        const m = media.find((item) => item.id === change.id);
        if (m === undefined) throw new CoreError('not_found', `Post ${row.id} has no media with the id ${change.id}.`, 'media');
        m.alt_text = change.alt;
      }
      const when = input.at === undefined ? { scheduledAt: row.scheduled_at, onApproval: row.publish_on_approval } : timing(input.at, now);
      const author = input.checklist === undefined ? parseAuthorChecklist(row.checklist) : { ...input.checklist, confirmedAt: now.toISOString() };
      const submitted = input.checklist !== undefined || row.status !== 'draft';
      if (submitted) {
        const checks = checkVariants(variants, variantMedia(media));
        requireVariantsFit(variants, checks, 'Nothing was changed; fix it in the same edit.');
        if (input.checklist !== undefined) {
          requireSubmittable(
            checklistFor(
              {
                pupils: pupilsDeclaration(row.pupils, row.pupils_named),
                hasMedia: media.length > 0,
                texts: postTexts(text, variants),
                author,
                channelSchoolIds: variants.map((v) => v.schoolId),
              },
              await authorTraining(data, row.author_id, today),
              await consentEntries(data, today),
            ),
          );
        }
      }
      const status: PostStatus = submitted ? 'awaiting-approval' : 'draft';
      const approvalWithdrawn = row.status === 'approved' || row.status === 'scheduled';
      const removed = approvalWithdrawn
        ? (
            await data.run(
              qb
                .deleteFrom('post_targets')
                .where('post_id', '=', row.id)
                .where('state', 'in', [...UNSTARTED_TARGET_STATES]),
            )
          ).changes
        : 0;
      const stamp = now.toISOString();
      await data.run(
        qb
          .updateTable('posts')
          .set({
            text,
            intended_outcome: input.outcome ?? row.intended_outcome,
            status,
            scheduled_at: when.scheduledAt,
            publish_on_approval: when.onApproval,
            checklist: JSON.stringify(author ?? {}),
            version: row.version + 1,
            updated_at: stamp,
            approved_by: null,
            approved_at: null,
            approved_version: null,
            approval_checklist: null,
          })
          .where('id', '=', row.id),
      );
      for (const v of variants) {
        await data.run(qb.updateTable('post_variants').set({ text: v.text, own_text: v.ownText ? 1 : 0, title: v.title }).where('id', '=', v.id));
      }
      for (const change of input.media ?? []) {
        await data.run(qb.updateTable('post_media').set({ alt_text: change.alt }).where('id', '=', change.id).where('post_id', '=', row.id));
      }
      auditPost(vault, operator, 'post.update', row.id, variants, 'ok', {
        version: row.version + 1,
        changed: Object.keys(input)
          .filter((key) => key !== 'id')
          .sort(),
        from: row.status,
        status,
        ...(approvalWithdrawn
          ? { why: `edited after approval of version ${row.approved_version ?? row.version}: it needs approval again, and its unpublished targets were removed`, targetsRemoved: removed }
          : {}),
      });
      return postViewById(data, row.id, today);
    });
  },

  /**
   * A second operator approves: not the author; an admin, or a poster trained in date; for a
   * post whose media show pupils, an admin (who can see the school's no-publish list) confirming
   * that no listed pupil can be identified. The checks run again (training may have lapsed, the
   * list may have grown). Approval is of the current version; with a time, the post is scheduled:
   * one target per channel, due then.
   */
  'post.approve': async ({ vault, operator }, input) => {
    const { data } = vault;
    const now = vault.clock.now();
    const today = londonToday(vault.clock);
    const first = await postRowById(data, input.id);
    const deny = async (why: string, message: string, field = 'id'): Promise<never> => {
      auditPost(vault, operator, 'post.approve', first.id, await storedVariants(data, first.id), 'denied', { why, version: first.version });
      throw new CoreError('forbidden', message, field);
    };
    if (first.author_id === operator.personId) {
      await deny('own-post', `You wrote post ${first.id}: a second operator (not its author) must approve it.`);
    }
    if (operator.consoleRole === 'poster' && !(await isTrainedOn(data, operator.personId, today))) {
      await deny('approver-not-trained', `You are not trained in date, so you cannot approve posts: an account administrator records training. Ask a trained colleague or an administrator to approve post ${first.id}.`);
    }
    if (first.pupils === 'present' && operator.consoleRole !== 'admin') {
      await deny(
        'pupils-need-admin',
        `Pupils appear in post ${first.id}'s media: it is approved by an administrator, who can see the school's no-publish list and confirm that no listed pupil can be identified.`,
      );
    }
    return data.transaction(async () => {
      const row = await postRowById(data, input.id);
      requireStatus(row, ['awaiting-approval'], 'approve it');
      if (input.version !== undefined && input.version !== row.version) {
        throw new CoreError('conflict', `Post ${row.id} changed since you looked at it (it is now version ${row.version}, you saw ${input.version}): look at it again, then approve.`, 'version');
      }
      const variants = await storedVariants(data, row.id);
      const media = await mediaRows(data, { id: row.id });
      requireVariantsFit(variants, checkVariants(variants, variantMedia(media)), 'Nothing was changed; the author can fix it and submit again.');
      const checklist = checklistFor(
        {
          pupils: pupilsDeclaration(row.pupils, row.pupils_named),
          hasMedia: media.length > 0,
          texts: postTexts(row.text, variants),
          author: parseAuthorChecklist(row.checklist),
          channelSchoolIds: variants.map((v) => v.schoolId),
        },
        await authorTraining(data, row.author_id, today),
        await consentEntries(data, today),
        { noListedPupilIdentifiable: input.checklist.noListedPupilIdentifiable ?? false },
      );
      const missing = checklist.items.find((i) => i.state !== 'ok');
      if (missing !== undefined) {
        if (missing.id === 'pupils' && row.pupils === 'present') {
          throw new CoreError('invalid_input', `Post ${row.id} was not approved: ${missing.message}`, 'checklist.noListedPupilIdentifiable');
        }
        throw new CoreError('conflict', `Post ${row.id} cannot be approved now: ${missing.message} Nothing was changed.`, 'id');
      }
      let scheduledAt = row.scheduled_at;
      if (row.publish_on_approval === 1) scheduledAt = now.toISOString();
      else if (scheduledAt !== null && Date.parse(scheduledAt) <= now.getTime()) {
        throw new CoreError(
          'conflict',
          `Post ${row.id} was due at ${scheduledAt}, which has passed: the author (or an administrator) sets a new time or "now", then it is approved. Nothing was changed.`,
          'id',
        );
      }
      const status: PostStatus = scheduledAt === null ? 'approved' : 'scheduled';
      const stamp = now.toISOString();
      const approval: StoredApprovalChecklist = {
        confirmed: true,
        ...(row.pupils === 'present' ? { noListedPupilIdentifiable: true } : {}),
        confirmedAt: stamp,
      };
      await data.run(
        qb
          .updateTable('posts')
          .set({
            status,
            scheduled_at: scheduledAt,
            approved_by: operator.personId,
            approved_at: stamp,
            approved_version: row.version,
            approval_checklist: JSON.stringify(approval),
            updated_at: stamp,
          })
          .where('id', '=', row.id)
          .where('version', '=', row.version),
      );
      if (scheduledAt !== null) {
        for (const v of variants) {
          await data.run(
            qb.insertInto('post_targets').values({
              post_id: row.id,
              channel_id: v.channelId,
              state: 'scheduled',
              lease_owner: null,
              lease_until: null,
              next_attempt_at: scheduledAt,
              remote_id: null,
              remote_state: null,
              published_at: null,
              last_error: null,
              created_at: stamp,
              updated_at: stamp,
            }),
          );
        }
      }
      auditPost(vault, operator, 'post.approve', row.id, variants, 'ok', {
        version: row.version,
        status,
        pupils: row.pupils,
        targets: scheduledAt === null ? 0 : variants.length,
        at: scheduledAt,
      });
      return postViewById(data, row.id, today);
    });
  },

  /**
   * Stops a post. Targets not started ('scheduled', 'failed', 'manual') are cancelled; any a platform may
   * already hold are left for the engine and a person (they are counted in the audit event).
   */
  'post.cancel': ({ vault, operator }, input) => {
    const { data } = vault;
    const today = londonToday(vault.clock);
    return data.transaction(async () => {
      const row = await postRowById(data, input.id);
      requireStatus(row, ['draft', 'awaiting-approval', 'approved', 'scheduled'], 'cancel it');
      const stamp = vault.clock.now().toISOString();
      const targets = await targetRows(data, { id: row.id });
      const { changes: cancelled } = await data.run(
        qb
          .updateTable('post_targets')
          .set({ state: 'cancelled', next_attempt_at: null, updated_at: stamp })
          .where('post_id', '=', row.id)
          .where('state', 'in', ['scheduled', 'failed', 'manual']),
      );
      await data.run(qb.updateTable('posts').set({ status: 'cancelled', updated_at: stamp }).where('id', '=', row.id));
      auditPost(vault, operator, 'post.cancel', row.id, await storedVariants(data, row.id), 'ok', {
        from: row.status,
        targetsCancelled: cancelled,
        targetsStarted: targets.filter((t) => STARTED_TARGET_STATES.includes(t.state)).length,
      });
      return postViewById(data, row.id, today);
    });
  },

  /**
   * Deletes a draft or a cancelled post that no platform holds, and its media files from the data
   * folder unless another post uses the same file (same SHA-256).
   */
  'post.delete': async ({ vault, operator }, input) => {
    const { data } = vault;
    const files = await data.transaction(async () => {
      const row = await postRowById(data, input.id);
      if (row.status !== 'draft' && row.status !== 'cancelled') {
        throw new CoreError('conflict', `Post ${row.id} is ${row.status.replace('-', ' ')}: only drafts and cancelled posts are deleted. Cancel it first. Nothing was changed.`, 'id');
      }
      await requireNothingStarted(data, row, 'delete');
      const variants = await storedVariants(data, row.id);
      const media = await mediaRows(data, { id: row.id });
      await data.run(qb.deleteFrom('post_targets').where('post_id', '=', row.id));
      await data.run(qb.deleteFrom('post_media').where('post_id', '=', row.id));
      await data.run(qb.deleteFrom('post_variants').where('post_id', '=', row.id));
      await data.run(qb.deleteFrom('posts').where('id', '=', row.id));
      auditPost(vault, operator, 'post.delete', row.id, variants, 'ok', { status: row.status, media: media.length, sha256: media.map((m) => m.sha256) });
      return [...new Set(media.map((m) => m.file_name))];
    });
    // After the records are gone, each file no other post names; the removal follows the check
    // with nothing but the database awaited between them (and post.create stores its files again
    // once its records exist, so a file it shares is put back if removed meanwhile).
    let filesRemoved = 0;
    for (const fileName of files) {
      const inUse = await data.first(qb.selectFrom('post_media').select('id').where('sha256', '=', fileName.slice(0, 64)));
      if (inUse !== undefined) continue;
      try {
        if (removeMediaFile(vault.dataDir, fileName)) filesRemoved += 1;
      } catch {
        // A file left behind is harmless (named by its content, no record names it); the post is deleted.
      }
    }
    return { id: input.id, filesRemoved };
  },

  /**
   * A person has looked: the post's failed and needs-review targets go back to scheduled, due now,
   * with a fresh set of attempts (published ones are left alone, so a partly published post is
   * retried only where it failed). Progress a platform already holds (remote_state) is kept, so
   * the next attempt continues it rather than starting again.
   */
  'post.retry': ({ vault, operator }, input) => {
    const { data } = vault;
    const today = londonToday(vault.clock);
    return data.transaction(async () => {
      const row = await postRowById(data, input.id);
      requireStatus(row, ['scheduled'], 'retry it');
      const stuck = await data.all(
        qb.selectFrom('post_targets').select(['id', 'channel_id', 'state', 'remote_state']).where('post_id', '=', row.id).where('state', 'in', ['failed', 'needs_review']),
      );
      if (stuck.length === 0) {
        throw new CoreError('conflict', `Post ${row.id} has no failed or needs-review channel to retry. Nothing was changed.`, 'id');
      }
      const stamp = vault.clock.now().toISOString();
      for (const t of stuck) {
        await data.run(
          qb
            .updateTable('post_targets')
            .set({ state: t.remote_state === null ? 'scheduled' : 'remote_created', attempts: 0, next_attempt_at: stamp, last_error: null, lease_owner: null, lease_until: null, sending_started_at: null, updated_at: stamp })
            .where('id', '=', t.id),
        );
      }
      const variants = (await storedVariants(data, row.id)).filter((v) => stuck.some((t) => t.channel_id === v.channelId));
      auditPost(vault, operator, 'post.retry', row.id, variants, 'ok', { targets: stuck.length, from: stuck.map((t) => t.state).sort() });
      return postViewById(data, row.id, today);
    });
  },

  'post.list': ({ vault, operator }, input): Promise<PostView[]> =>
    listPosts(vault.data, { ...(input.status === undefined ? {} : { status: input.status }), schoolCode: operator.schoolScope }, londonToday(vault.clock)),
};
