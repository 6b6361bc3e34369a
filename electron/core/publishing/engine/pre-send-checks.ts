import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Platform } from '../../../../shared/domain/enums';
import { platformNames } from '../../../../shared/posts/platform-rules';
import { londonDate } from '../../../../shared/calendar/london-date';
import type { Db } from '../../db/db.port';
import { sha256Hex } from '../../files/content-store';
import {
  authorTraining,
  checklistFor,
  checkVariants,
  consentEntries,
  entriesForPost,
  parseApprovalChecklist,
  storedPostForChecks,
} from '../../posts/post-checks';
import { MEDIA_FOLDER } from '../../posts/post-media';
import { mediaRows, postRowById, variantMedia, variantRows } from '../../posts/posts.repo';
import type { PublishMedia } from '../platform-adapter';

/**
 * What the engine checks again right before a target is sent: the post's checks (training may
 * have lapsed, the no-publish list may have grown) and its media files (still there, unchanged
 * since approval). Reads only: called with no transaction open.
 */

/** Null when the post may go out to this channel now; otherwise why not, in words. */
export async function checksProblem(db: Db, target: { post_id: number; channel_id: number }, now: Date): Promise<string | null> {
  const today = londonDate(now.getTime());
  const row = await postRowById(db, target.post_id);
  const variants = await variantRows(db, { id: target.post_id });
  const media = await mediaRows(db, { id: target.post_id });
  const variant = variants.find((v) => v.channel_id === target.channel_id);
  if (variant === undefined) return 'The post has no variant for this channel.';
  const [check] = checkVariants([{ platform: variant.platform as Platform, text: variant.text, title: variant.title }], variantMedia(media));
  const platformProblem = check?.problems[0];
  if (platformProblem !== undefined) return `${platformNames[variant.platform as Platform]}: ${platformProblem.message}`;
  const approval = parseApprovalChecklist(row.approval_checklist);
  const entries = await consentEntries(db, today);
  const checklist = checklistFor(
    storedPostForChecks(row, media.length, variants, variants.map((v) => v.school_id)),
    await authorTraining(db, row.author_id, today),
    entries,
    approval === null ? {} : { ...(approval.noListedPupilIdentifiable === undefined ? {} : { noListedPupilIdentifiable: approval.noListedPupilIdentifiable }) },
  );
  const missing = checklist.items.find((item) => item.state !== 'ok');
  if (missing !== undefined) return `The pre-publication checks no longer pass, so nothing was sent: ${missing.message}`;
  // Pupils appear and the no-publish list grew since the approver checked the media against it.
  if (row.pupils === 'present' && row.approved_at !== null) {
    const since = row.approved_at;
    const added = entriesForPost(entries, variants.map((v) => v.school_id)).filter((e) => e.active && e.addedAt > since);
    if (added.length > 0) {
      return `Pupils appear in the media and ${added.length === 1 ? 'an entry was' : `${added.length} entries were`} added to the no-publish list since the post was approved, so nothing was sent. Check the media against the list; to publish it, edit the post and approve it again.`;
    }
  }
  return null;
}

/** The post's media as the adapters take them, or why they cannot be sent (a file missing or changed). */
export async function publishMedia(db: Db, dataDir: string, postId: number): Promise<PublishMedia[] | string> {
  const items: PublishMedia[] = [];
  for (const m of await mediaRows(db, { id: postId })) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(dataDir, MEDIA_FOLDER, m.file_name));
    } catch {
      return `The media file ${m.original_name} is missing from the data folder, so nothing was sent.`;
    }
    if (sha256Hex(bytes) !== m.sha256) return `The media file ${m.original_name} in the data folder has changed since the post was approved, so nothing was sent.`;
    items.push({
      bytes,
      mediaType: m.media_type,
      fileName: m.original_name,
      ...(m.alt_text === null ? {} : { altText: m.alt_text }),
      ...(m.public_url === null ? {} : { publicUrl: m.public_url }),
    });
  }
  return items;
}
