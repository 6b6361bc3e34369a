import type { PostView } from '../../../shared/contract/views';
import { approvesPostsWithPupils } from '../../../shared/domain/post-approval';
import { londonToday } from '../clock';
import { CoreError } from '../errors';
import type { HandlerMap } from '../handler-types';
import { isTrainedOn } from '../training/training.repo';
import {
  authorTraining,
  checklistFor,
  checkVariants,
  consentEntries,
  parseAuthorChecklist,
  postTexts,
  pupilsDeclaration,
  storedPostForChecks,
  type StoredApprovalChecklist,
  type StoredAuthorChecklist,
} from './post-checks';
import { auditPost } from './post-audit';
import { decodeMedia, removeMediaFile, storeMedia } from './post-media';
import { blankToNull, requireStatus, requireSubmittable, requireVariantsFit, timing } from './post-rules';
import { planVariants, requireNothingStarted, resolveChannels, resolveOverrides, storedVariants } from './post-variants';
import { listPosts, mediaRows, postRowById, postViewById, STARTED_TARGET_STATES, targetRows, variantMedia, type PostStatus } from './posts.repo';
import { approvePost, cancelPost, deletePost, insertPost, mediaContentInUse, removeUnstartedTargets, retryTarget, stuckTargets, updateEditedPost } from './posts-write.repo';

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
    const { data } = vault;
    const now = vault.clock.now();
    const today = londonToday(vault.clock);
    const channels = await resolveChannels(data, input.channels);
    const variants = await planVariants(data, channels, input.text, input.variants ?? []);
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
      await auditPost(vault, operator, 'post.create', null, variants, 'denied', { channels: variants.length, media: media.length, pupils: 'named', named: input.pupils.named.length });
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
      const id = await insertPost(
        data,
        {
          author_id: operator.personId,
          text: input.text,
          intended_outcome: input.outcome,
          status,
          scheduled_at: when.scheduledAt,
          publish_on_approval: when.onApproval,
          checklist: JSON.stringify(author ?? {}),
          pupils: input.pupils as 'none' | 'present',
          version: 1,
          created_at: stamp,
          updated_at: stamp,
        },
        variants,
        media.map((m) => ({
          file_name: m.fileName,
          sha256: m.sha256,
          bytes: m.bytes.length,
          media_type: m.mediaType,
          alt_text: m.alt,
          original_name: m.name,
          public_url: m.publicUrl,
        })),
      );
      await auditPost(vault, operator, 'post.create', id, variants, 'ok', {
        status,
        channels: variants.length,
        media: media.length,
        pupils: input.pupils,
        at: when.onApproval === 1 ? 'now' : when.scheduledAt,
      });
      return id;
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
    const { data } = vault;
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
      const overrides = await resolveOverrides(
        data,
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
      const removed = approvalWithdrawn ? await removeUnstartedTargets(data, row.id) : 0;
      const stamp = now.toISOString();
      await updateEditedPost(
        data,
        row.id,
        {
          text,
          intended_outcome: input.outcome ?? row.intended_outcome,
          status,
          scheduled_at: when.scheduledAt,
          publish_on_approval: when.onApproval,
          checklist: JSON.stringify(author ?? {}),
          version: row.version + 1,
          updated_at: stamp,
        },
        variants,
        input.media ?? [],
      );
      await auditPost(vault, operator, 'post.update', row.id, variants, 'ok', {
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
      await auditPost(vault, operator, 'post.approve', first.id, await storedVariants(data, first.id), 'denied', { why, version: first.version });
      throw new CoreError('forbidden', message, field);
    };
    if (first.author_id === operator.personId) {
      await deny('own-post', `You wrote post ${first.id}: a second operator (not its author) must approve it.`);
    }
    if (operator.consoleRole === 'poster' && !(await isTrainedOn(data, operator.personId, today))) {
      await deny('approver-not-trained', `You are not trained in date, so you cannot approve posts: an account administrator records training. Ask a trained colleague or an administrator to approve post ${first.id}.`);
    }
    if (first.pupils === 'present' && !approvesPostsWithPupils(operator.consoleRole)) {
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
        storedPostForChecks(row, media.length, variants, variants.map((v) => v.schoolId)),
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
      await approvePost(
        data,
        row.id,
        row.version,
        { status, scheduledAt, approvedBy: operator.personId, checklist: JSON.stringify(approval), stamp },
        variants.map((v) => v.channelId),
      );
      await auditPost(vault, operator, 'post.approve', row.id, variants, 'ok', {
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
      const cancelled = await cancelPost(data, row.id, stamp);
      await auditPost(vault, operator, 'post.cancel', row.id, await storedVariants(data, row.id), 'ok', {
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
      await deletePost(data, row.id);
      await auditPost(vault, operator, 'post.delete', row.id, variants, 'ok', { status: row.status, media: media.length, sha256: media.map((m) => m.sha256) });
      return [...new Set(media.map((m) => m.file_name))];
    });
    // After the records are gone, each file no other post names; the removal follows the check
    // with nothing but the database awaited between them (and post.create stores its files again
    // once its records exist, so a file it shares is put back if removed meanwhile).
    let filesRemoved = 0;
    for (const fileName of files) {
      if (await mediaContentInUse(data, fileName.slice(0, 64))) continue;
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
      const stuck = await stuckTargets(data, row.id);
      if (stuck.length === 0) {
        throw new CoreError('conflict', `Post ${row.id} has no failed or needs-review channel to retry. Nothing was changed.`, 'id');
      }
      const stamp = vault.clock.now().toISOString();
      for (const t of stuck) await retryTarget(data, t, stamp);
      const variants = (await storedVariants(data, row.id)).filter((v) => stuck.some((t) => t.channel_id === v.channelId));
      await auditPost(vault, operator, 'post.retry', row.id, variants, 'ok', { targets: stuck.length, from: stuck.map((t) => t.state).sort() });
      return postViewById(data, row.id, today);
    });
  },

  'post.list': ({ vault, operator }, input): Promise<PostView[]> =>
    listPosts(vault.data, { ...(input.status === undefined ? {} : { status: input.status }), schoolCode: operator.schoolScope }, londonToday(vault.clock)),
};
