import type { IsoDate } from '../../../shared/calendar/calendar-types';
import type { PostView } from '../../../shared/contract/views';
import type { Platform } from '../../../shared/domain/enums';
import { channelLabel } from '../channels/channels.repo';
import type { Selectable } from 'kysely';
import type { PostMediaTable, PostsTable, PostTargetsTable, PostVariantsTable } from '../db/schema';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';
import { CoreError } from '../errors';
import {
  authorTraining,
  type AuthorTraining,
  checklistFor,
  checkVariants,
  consentEntries,
  parseApprovalChecklist,
  pupilsDeclaration,
  storedPostForChecks,
  type ConsentEntryLite,
} from './post-checks';

export type PostStatus = PostsTable['status'];
export type TargetState = PostTargetsTable['state'];

/** A post as the queries read it: its table's row (schema-posts.ts) and the people it names. */
export type PostRow = Selectable<PostsTable> & { author_email: string; author_name: string; approver_email: string | null };

/** A variant with the channel it goes to. */
export type VariantRow = Selectable<PostVariantsTable> & { platform: string; handle: string; channel_name: string; school_id: number | null; school: string | null };

export type MediaRow = Selectable<PostMediaTable>;

/** A target as the post's view shows it, with its channel. */
export type TargetRow = Pick<Selectable<PostTargetsTable>, 'id' | 'post_id' | 'channel_id' | 'state' | 'remote_id' | 'last_error' | 'next_attempt_at' | 'published_at' | 'late'> & {
  platform: string;
  handle: string;
};

/**
 * Not yet published and not being published: an edit or a cancel may remove or stop these.
 * 'manual' (due on a channel published by hand) too: nothing is on the platform until a person
 * records it, and a cancel is how they are told not to post it.
 */
export const UNSTARTED_TARGET_STATES: readonly TargetState[] = ['scheduled', 'failed', 'cancelled', 'manual'];
/** A platform may hold (or be about to hold) the post: the record is kept and not edited. */
export const STARTED_TARGET_STATES: readonly TargetState[] = ['claimed', 'remote_created', 'published', 'needs_review'];

export interface PostFilter {
  id?: number;
  status?: PostStatus;
  /** An SLT auditor's school: posts to at least one of that school's channels. */
  schoolCode?: string | null;
}

function filteredIds(filter: PostFilter) {
  let query = qb.selectFrom('posts as p').select('p.id');
  if (filter.id !== undefined) query = query.where('p.id', '=', filter.id);
  if (filter.status !== undefined) query = query.where('p.status', '=', filter.status);
  if (filter.schoolCode !== undefined && filter.schoolCode !== null) {
    const code = filter.schoolCode;
    query = query.where('p.id', 'in', (eb) =>
      eb
        .selectFrom('post_variants as v')
        .innerJoin('channels as c', 'c.id', 'v.channel_id')
        .innerJoin('schools as s', 's.id', 'c.school_id')
        .select('v.post_id')
        .where('s.code', '=', code),
    );
  }
  return query;
}

function postRowsQuery(filter: PostFilter) {
  return qb
    .selectFrom('posts as p')
    .innerJoin('people as a', 'a.id', 'p.author_id')
    .leftJoin('people as ap', 'ap.id', 'p.approved_by')
    .select([
      'p.id',
      'p.author_id',
      'a.email as author_email',
      'a.name as author_name',
      'p.text',
      'p.intended_outcome',
      'p.status',
      'p.scheduled_at',
      'p.publish_on_approval',
      'p.checklist',
      'p.pupils',
      'p.pupils_named',
      'p.version',
      'p.created_at',
      'p.updated_at',
      'p.approved_by',
      'ap.email as approver_email',
      'p.approved_at',
      'p.approved_version',
      'p.approval_checklist',
    ])
    .where('p.id', 'in', filteredIds(filter))
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc');
}

export async function postRows(db: Db, filter: PostFilter): Promise<PostRow[]> {
  return db.all(postRowsQuery(filter));
}

export async function postRowById(db: Db, id: number): Promise<PostRow> {
  return existingPost((await postRows(db, { id }))[0], id);
}

function existingPost(row: PostRow | undefined, id: number): PostRow {
  if (row === undefined) throw new CoreError('not_found', `No post has the id ${id}.`, 'id');
  return row;
}

function variantRowsQuery(filter: PostFilter) {
  return qb
    .selectFrom('post_variants as v')
    .innerJoin('channels as c', 'c.id', 'v.channel_id')
    .leftJoin('schools as s', 's.id', 'c.school_id')
    .select(['v.id', 'v.post_id', 'v.channel_id', 'v.position', 'v.text', 'v.own_text', 'v.title', 'c.platform', 'c.handle', 'c.name as channel_name', 'c.school_id', 's.code as school'])
    .where('v.post_id', 'in', filteredIds(filter))
    .orderBy('v.post_id')
    .orderBy('v.position');
}

export async function variantRows(db: Db, filter: PostFilter): Promise<VariantRow[]> {
  return db.all(variantRowsQuery(filter));
}

function mediaRowsQuery(filter: PostFilter) {
  return qb
    .selectFrom('post_media as m')
    .select(['m.id', 'm.post_id', 'm.position', 'm.file_name', 'm.sha256', 'm.bytes', 'm.media_type', 'm.alt_text', 'm.original_name', 'm.public_url'])
    .where('m.post_id', 'in', filteredIds(filter))
    .orderBy('m.post_id')
    .orderBy('m.position');
}

export async function mediaRows(db: Db, filter: PostFilter): Promise<MediaRow[]> {
  return db.all(mediaRowsQuery(filter));
}

export async function targetRows(db: Db, filter: PostFilter): Promise<TargetRow[]> {
  return db.all(
    qb
      .selectFrom('post_targets as t')
      .innerJoin('channels as c', 'c.id', 't.channel_id')
      .innerJoin('post_variants as v', (join) => join.onRef('v.post_id', '=', 't.post_id').onRef('v.channel_id', '=', 't.channel_id'))
      .select(['t.id', 't.post_id', 't.channel_id', 'c.platform', 'c.handle', 't.state', 't.remote_id', 't.last_error', 't.next_attempt_at', 't.published_at', 't.late'])
      .where('t.post_id', 'in', filteredIds(filter))
      .orderBy('t.post_id')
      .orderBy('v.position'),
  );
}

function group<T extends { post_id: number }>(rows: readonly T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const list = map.get(row.post_id);
    if (list === undefined) map.set(row.post_id, [row]);
    else list.push(row);
  }
  return map;
}

export function variantMedia(media: readonly MediaRow[]) {
  return media.map((m) => ({ mediaType: m.media_type, bytes: m.bytes, name: m.original_name }));
}


/**
 * What a post's targets add up to: 'partly published' when some channels published and others
 * failed, need review or wait to be published by hand ('manual': waiting for a person, so not
 * 'publishing'); a post only waiting for people to publish it by hand reads 'waiting'. Null
 * before it is scheduled.
 */
export function publicationOf(states: readonly TargetState[]): PostView['publication'] {
  const live = states.filter((s) => s !== 'cancelled');
  if (states.length === 0) return null;
  if (live.length === 0) return 'cancelled';
  const count = (wanted: readonly TargetState[]) => live.filter((s) => wanted.includes(s)).length;
  const published = count(['published']);
  const stuck = count(['failed', 'needs_review']);
  const byHand = count(['manual']);
  const pending = live.length - published - stuck - byHand;
  if (published === live.length) return 'published';
  if (published > 0 && stuck + byHand > 0 && pending === 0) return 'partly published';
  if (pending > 0) return published > 0 || count(['claimed', 'remote_created']) > 0 ? 'publishing' : 'waiting';
  if (stuck === 0) return 'waiting';
  return count(['needs_review']) > 0 ? 'needs review' : 'failed';
}

/** The posts a filter picks, as views: five queries plus the registers, whatever their number. */
export async function listPosts(db: Db, filter: PostFilter, today: IsoDate): Promise<PostView[]> {
  const rows = await postRows(db, filter);
  if (rows.length === 0) return [];
  const variants = group(await variantRows(db, filter));
  const media = group(await mediaRows(db, filter));
  const targets = group(await targetRows(db, filter));
  const entries: ConsentEntryLite[] = await consentEntries(db, today);
  // Each author's training once, read before the views are built.
  const training = new Map<number, AuthorTraining>();
  for (const row of rows) {
    if (!training.has(row.author_id)) training.set(row.author_id, await authorTraining(db, row.author_id, today));
  }
  return rows.map((row) => {
    const postVariants = variants.get(row.id) ?? [];
    const postMedia = media.get(row.id) ?? [];
    const authorTrained = training.get(row.author_id)!;
    const approval = parseApprovalChecklist(row.approval_checklist);
    const checks = checkVariants(
      postVariants.map((v) => ({ platform: v.platform as Platform, text: v.text, title: v.title })),
      variantMedia(postMedia),
    );
    const checklist = checklistFor(
      storedPostForChecks(row, postMedia.length, postVariants, postVariants.map((v) => v.school_id)),
      authorTrained,
      entries,
      approval ?? undefined,
    );
    return {
      id: row.id,
      status: row.status,
      author: row.author_email,
      authorName: row.author_name,
      outcome: row.intended_outcome,
      text: row.text,
      at: row.scheduled_at ?? (row.publish_on_approval === 1 ? 'now' : null),
      pupils: pupilsDeclaration(row.pupils, row.pupils_named) as PostView['pupils'],
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      channels: postVariants.map((v, i) => ({
        channel: channelLabel(v),
        channelName: v.channel_name,
        platform: v.platform as Platform,
        school: v.school,
        text: v.text,
        ownText: v.own_text === 1,
        title: v.title,
        check: checks[i] as PostView['channels'][number]['check'],
      })),
      media: postMedia.map((m) => ({ id: m.id, name: m.original_name, sha256: m.sha256, bytes: m.bytes, mediaType: m.media_type, alt: m.alt_text, publicUrl: m.public_url })),
      checklist,
      approvedBy: row.approver_email,
      approvedAt: row.approved_at,
      approvedVersion: row.approved_version,
      publication: publicationOf((targets.get(row.id) ?? []).map((t) => t.state)),
      targets: (targets.get(row.id) ?? []).map((t) => ({
        channel: channelLabel(t),
        state: t.state,
        remoteId: t.remote_id,
        error: t.last_error,
        nextAttemptAt: t.next_attempt_at,
        publishedAt: t.published_at,
        late: t.late === 1,
      })),
    };
  });
}

export async function postViewById(db: Db, id: number, today: IsoDate): Promise<PostView> {
  const view = (await listPosts(db, { id }, today))[0];
  if (view === undefined) throw new CoreError('not_found', `No post has the id ${id}.`, 'id');
  return view;
}
