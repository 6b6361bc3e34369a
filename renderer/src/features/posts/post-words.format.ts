import type { PostView } from '../../../../shared/contract/views';

/**
 * Posts in the words a school office would use: what stage a post is at, what happened on each
 * channel, and why a channel failed, without the engine's own terms.
 */

export type PostStatus = PostView['status'];
export type PostTarget = PostView['targets'][number];
export type ChecklistItem = PostView['checklist']['items'][number];

/** Badge colours use the light variants whose text colours app.css darkens to pass contrast. */
export interface Words {
  label: string;
  color: string;
  meaning: string;
}

/**
 * One stage per post, from its status and what its channels add up to: the stage the queue,
 * the calendar and the Status filter show.
 */
export const postStages = ['draft', 'awaiting-approval', 'approved', 'scheduled', 'publishing', 'published', 'partly-published', 'failed', 'needs-review', 'cancelled'] as const;
export type PostStage = (typeof postStages)[number];

export const postStageWords: Record<PostStage, Words> = {
  draft: { label: 'Draft', color: 'gray', meaning: 'Still being written: not yet sent for approval.' },
  'awaiting-approval': { label: 'Waiting for approval', color: 'yellow', meaning: 'A second person (not the author) checks it and approves it.' },
  approved: { label: 'Approved, no time set', color: 'teal', meaning: 'Approved, but not scheduled: the author sets a time.' },
  scheduled: { label: 'Scheduled', color: 'indigo', meaning: 'Approved and waiting for its time.' },
  publishing: { label: 'Publishing', color: 'indigo', meaning: 'Being sent to the platforms now.' },
  published: { label: 'Published', color: 'green', meaning: 'Out on every channel.' },
  'partly-published': { label: 'Partly published', color: 'orange', meaning: 'Out on some channels; others failed or need checking.' },
  failed: { label: 'Failed', color: 'red', meaning: 'Not published: see why on each channel.' },
  'needs-review': { label: 'Needs checking', color: 'orange', meaning: 'It may or may not be out: a person checks the channel, then retries or cancels.' },
  cancelled: { label: 'Cancelled', color: 'gray', meaning: 'Stopped: it will not be published.' },
};

const publicationStage: Record<NonNullable<PostView['publication']>, PostStage> = {
  waiting: 'scheduled',
  publishing: 'publishing',
  published: 'published',
  'partly published': 'partly-published',
  failed: 'failed',
  'needs review': 'needs-review',
  cancelled: 'cancelled',
};

export function postStage(post: Pick<PostView, 'status' | 'publication'>): PostStage {
  if (post.status === 'scheduled' && post.publication !== null) return publicationStage[post.publication];
  return post.status;
}

/**
 * A channel's state. Keyed by string, not the contract's enum, so a state the core adds later
 * (such as 'manual', for channels published by hand) still reads as words.
 */
const targetStateWords: Record<string, Words> = {
  scheduled: { label: 'Scheduled', color: 'indigo', meaning: 'Waiting for its time.' },
  claimed: { label: 'Publishing now', color: 'indigo', meaning: 'Being sent to the platform now.' },
  remote_created: { label: 'Part-way on the platform', color: 'teal', meaning: 'The platform holds part of it (an upload or a prepared image); the next attempt finishes it.' },
  published: { label: 'Published', color: 'green', meaning: 'Out on this channel.' },
  failed: { label: 'Failed', color: 'red', meaning: 'Not published on this channel.' },
  needs_review: { label: 'Needs checking', color: 'orange', meaning: 'It may or may not be out: check the channel, then retry or cancel.' },
  cancelled: { label: 'Cancelled', color: 'gray', meaning: 'Will not be published on this channel.' },
  manual: { label: 'To publish by hand', color: 'yellow', meaning: 'This channel has no publishing connection: someone posts it by hand and records it here.' },
};

/** Published, but not as asked (YouTube locked the video private): the target's error says what to do. */
const noticeWords: Words = { label: 'Published, not public', color: 'orange', meaning: 'It is on the platform, but not as it was asked: see what to do.' };

export function targetWords(state: string, notice = false): Words {
  if (notice && state === 'published') return noticeWords;
  return targetStateWords[state] ?? { label: state.replace(/_/g, ' '), color: 'gray', meaning: '' };
}

/** Whether a published channel carries a notice: it is up, but a person must still act (never retried). */
export function targetHasNotice(target: Pick<PostTarget, 'state' | 'error'>): boolean {
  return target.state === 'published' && target.error !== null;
}

/** Whether a channel waits for a person: failed, or possibly published. */
export function targetNeedsPerson(target: Pick<PostTarget, 'state'>): boolean {
  const state: string = target.state;
  return state === 'failed' || state === 'needs_review';
}

/** Whether a channel is due to be published by hand (assisted manual publishing). */
export function targetIsManual(target: Pick<PostTarget, 'state'>): boolean {
  const state: string = target.state;
  return state === 'manual';
}

/**
 * A channel's failure reason in plain words. The engine's reasons are already sentences for
 * people; this names channels as people know them ('PET Twitter', not 'x:@pendleeducation')
 * and turns the few written for the command line or the log into what to do here.
 */
export function failureWords(error: string, channels: readonly { channel: string; channelName: string }[]): string {
  let text = error.trim();
  if (/^missed while Custodian was closed/i.test(text)) {
    return 'It was due while Custodian was closed, more than 2 hours ago, so it was not sent. An administrator retries it to publish it now, or it is cancelled.';
  }
  for (const c of channels) text = text.split(c.channel).join(c.channelName).split(c.channel.toLowerCase()).join(c.channelName);
  text = text
    .replace(/: connect it \((?:Channels → Connect, or )?custodian channel connect\), then retry the post\.?/i, ', so nothing was sent. An administrator connects it for publishing, then retries the post.')
    .replace(/\bHTTP (\d{3})\b/g, 'error $1');
  const sentence = /^[a-z]/.test(text) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

export const checklistStateWords: Record<ChecklistItem['state'], Words> = {
  ok: { label: 'Done', color: 'green', meaning: '' },
  missing: { label: 'Not done', color: 'yellow', meaning: '' },
  refused: { label: 'Refused', color: 'red', meaning: '' },
};

/** Whether pupils appear in the media, in words. */
export function pupilsWords(pupils: PostView['pupils']): string {
  if (pupils === 'none') return 'No pupils appear in the media.';
  if (pupils === 'present') return 'Pupils appear in the media: an administrator checks that no pupil on the no-publish list can be identified.';
  return `Names ${pupils.named.length} ${pupils.named.length === 1 ? 'entry' : 'entries'} of the no-publish list.`;
}

/** File sizes as people read them: '4.1 MB', '820 KB'. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1_000) return `${Math.round(bytes / 1_000)} KB`;
  return `${bytes} bytes`;
}
