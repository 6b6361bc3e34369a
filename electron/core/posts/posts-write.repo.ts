import type { Insertable } from 'kysely';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';
import type { PostMediaTable, PostsTable } from '../db/schema';
import { UNSTARTED_TARGET_STATES, type PostStatus, type TargetState } from './posts.repo';

/**
 * The writes of the post handlers (posts, their variants, media and targets). The handlers call
 * them inside their transaction, after their rules passed; none decides anything itself.
 */

type NewPost = Omit<PostsTable, 'id' | 'approved_by' | 'approved_at' | 'approved_version' | 'approval_checklist' | 'pupils_named'>;
type NewMedia = Omit<Insertable<PostMediaTable>, 'id' | 'post_id' | 'position'>;

/** The post, its variants and its media records, in order; returns the new post's id. */
export async function insertPost(
  db: Db,
  post: NewPost,
  variants: readonly { channelId: number; text: string; ownText: boolean; title: string | null }[],
  media: readonly NewMedia[],
): Promise<number> {
  const row = await db.first(
    qb
      .insertInto('posts')
      .values({ ...post, pupils_named: '[]', approved_by: null, approved_at: null, approved_version: null, approval_checklist: null })
      .returning('id'),
  );
  if (row === undefined) throw new Error('insert returned nothing');
  for (const [position, v] of variants.entries()) {
    await db.run(qb.insertInto('post_variants').values({ post_id: row.id, channel_id: v.channelId, position, text: v.text, own_text: v.ownText ? 1 : 0, title: v.title }));
  }
  for (const [position, m] of media.entries()) {
    await db.run(qb.insertInto('post_media').values({ post_id: row.id, position, ...m }));
  }
  return row.id;
}

/** An approval withdrawn: the targets no platform holds are removed. Returns how many. */
export async function removeUnstartedTargets(db: Db, postId: number): Promise<number> {
  return (await db.run(qb.deleteFrom('post_targets').where('post_id', '=', postId).where('state', 'in', [...UNSTARTED_TARGET_STATES]))).changes;
}

/** An edit: the post's new fields (its approval cleared), its variants, and its media's alt text. */
export async function updateEditedPost(
  db: Db,
  postId: number,
  post: Pick<PostsTable, 'text' | 'intended_outcome' | 'status' | 'scheduled_at' | 'publish_on_approval' | 'checklist' | 'version' | 'updated_at'>,
  variants: readonly { id: number; text: string; ownText: boolean; title: string | null }[],
  alts: readonly { id: number; alt: string | null }[],
): Promise<void> {
  await db.run(
    qb
      .updateTable('posts')
      .set({ ...post, approved_by: null, approved_at: null, approved_version: null, approval_checklist: null })
      .where('id', '=', postId),
  );
  for (const v of variants) {
    await db.run(qb.updateTable('post_variants').set({ text: v.text, own_text: v.ownText ? 1 : 0, title: v.title }).where('id', '=', v.id));
  }
  for (const change of alts) {
    await db.run(qb.updateTable('post_media').set({ alt_text: change.alt }).where('id', '=', change.id).where('post_id', '=', postId));
  }
}

/** Records the approval of `version`; with a time, one target per channel, due then. */
export async function approvePost(
  db: Db,
  postId: number,
  version: number,
  approval: { status: PostStatus; scheduledAt: string | null; approvedBy: number; checklist: string; stamp: string },
  channelIds: readonly number[],
): Promise<void> {
  const { status, scheduledAt, approvedBy, checklist, stamp } = approval;
  await db.run(
    qb
      .updateTable('posts')
      .set({ status, scheduled_at: scheduledAt, approved_by: approvedBy, approved_at: stamp, approved_version: version, approval_checklist: checklist, updated_at: stamp })
      .where('id', '=', postId)
      .where('version', '=', version),
  );
  if (scheduledAt === null) return;
  for (const channelId of channelIds) {
    await db.run(
      qb.insertInto('post_targets').values({
        post_id: postId,
        channel_id: channelId,
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

/** Cancels the post and its targets not started ('scheduled', 'failed', 'manual'); returns how many targets. */
export async function cancelPost(db: Db, postId: number, stamp: string): Promise<number> {
  const { changes } = await db.run(
    qb
      .updateTable('post_targets')
      .set({ state: 'cancelled', next_attempt_at: null, updated_at: stamp })
      .where('post_id', '=', postId)
      .where('state', 'in', ['scheduled', 'failed', 'manual']),
  );
  await db.run(qb.updateTable('posts').set({ status: 'cancelled', updated_at: stamp }).where('id', '=', postId));
  return changes;
}

/** The post's records, all of them (its files are the caller's). */
export async function deletePost(db: Db, postId: number): Promise<void> {
  await db.run(qb.deleteFrom('post_targets').where('post_id', '=', postId));
  await db.run(qb.deleteFrom('post_media').where('post_id', '=', postId));
  await db.run(qb.deleteFrom('post_variants').where('post_id', '=', postId));
  await db.run(qb.deleteFrom('posts').where('id', '=', postId));
}

/** Whether any post's media still names this content (a file is named by its SHA-256). */
export async function mediaContentInUse(db: Db, sha256: string): Promise<boolean> {
  return (await db.first(qb.selectFrom('post_media').select('id').where('sha256', '=', sha256))) !== undefined;
}

/** The post's failed and needs-review targets. */
export function stuckTargets(db: Db, postId: number): Promise<{ id: number; channel_id: number; state: TargetState; remote_state: string | null }[]> {
  return db.all(qb.selectFrom('post_targets').select(['id', 'channel_id', 'state', 'remote_state']).where('post_id', '=', postId).where('state', 'in', ['failed', 'needs_review']));
}

/** Due again now, with a fresh set of attempts; progress a platform holds is kept. */
export async function retryTarget(db: Db, target: { id: number; remote_state: string | null }, stamp: string): Promise<void> {
  await db.run(
    qb
      .updateTable('post_targets')
      .set({
        state: target.remote_state === null ? 'scheduled' : 'remote_created',
        attempts: 0,
        next_attempt_at: stamp,
        last_error: null,
        lease_owner: null,
        lease_until: null,
        sending_started_at: null,
        updated_at: stamp,
      })
      .where('id', '=', target.id),
  );
}
