import type { Platform } from '../domain/enums';
import { isImage, isVideo, megabytes, mediaWords, type PostMediaType } from './media-types';
import { X_MAX_LENGTH, findUrls, xWeightedLength } from './x-weighted-length';

/**
 * What each platform takes, per channel variant of a post: the text (and YouTube's title) and
 * the media Custodian publishes there. The limits are the platforms' own (see the reference in
 * ../shared/reference/platform-apis-and-calendar.md); where a platform takes more than the
 * publishing adapters send (several photos in one Facebook or LinkedIn post), the limit is what
 * Custodian publishes. Messages are plain English: "X allows 280 characters; this is 291."
 */
export const platformNames: Record<Platform, string> = {
  x: 'X',
  facebook: 'Facebook',
  instagram: 'Instagram',
  linkedin: 'LinkedIn',
  youtube: 'YouTube',
};

export interface VariantMedia {
  mediaType: PostMediaType;
  bytes: number;
  /** The file's own name, to say which file a problem is about. */
  name?: string;
}

export interface Variant {
  text: string;
  /** YouTube's video title; no other platform has one. */
  title?: string | null;
  media: readonly VariantMedia[];
}

export type VariantField = 'text' | 'title' | 'media';

export interface VariantProblem {
  field: VariantField;
  message: string;
}

export interface VariantCheck {
  ok: boolean;
  problems: VariantProblem[];
  /** The text's length as the platform counts it (X: weighted; YouTube: the description). */
  length: number;
  limit: number;
  /** What the author should know but may still publish (variantWarnings): wherever a variant is shown. */
  warnings: string[];
}

export const TEXT_LIMITS: Record<Platform, number> = {
  x: X_MAX_LENGTH,
  instagram: 2200,
  linkedin: 3000,
  youtube: 5000,
  facebook: 63_206,
};
export const YOUTUBE_TITLE_MAX = 100;
export const INSTAGRAM_MAX_HASHTAGS = 30;
export const INSTAGRAM_MAX_MENTIONS = 20;

const MB = 1024 * 1024;
const X_IMAGE_MAX = 5 * MB;
const X_GIF_MAX = 15 * MB;
const X_MAX_IMAGES = 4;
const INSTAGRAM_IMAGE_MAX = 8 * MB; // under 8 MiB
const INSTAGRAM_MAX_IMAGES = 10;
// Facebook: photos under 10 MB (developers.facebook.com/docs/graph-api/reference/photo [2nd]);
// checked before anything is sent, as Graph refuses a larger one only after the whole upload.
const FACEBOOK_IMAGE_UNDER = 10 * MB;
const LINKEDIN_IMAGE_MAX = 10 * MB;

const number = (n: number) => n.toLocaleString('en-GB');
const plural = (n: number, one: string, many = `${one}s`) => `${number(n)} ${n === 1 ? one : many}`;

/** Characters as people count them: Unicode code points of the NFC text. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text.normalize('NFC')) count += 1;
  return count;
}

/** The text's length as the platform counts it. */
export function textLength(platform: Platform, text: string): number {
  return platform === 'x' ? xWeightedLength(text) : characterCount(text);
}

// A hashtag or mention starts a word: '#' or '@' not after a letter, digit or underscore (so an
// email address is not a mention). Exported for LinkedIn's little text, which keeps hashtags.
export const HASHTAG = /(?<![\p{L}\p{N}_&])#[\p{L}\p{N}_]*[\p{L}_][\p{L}\p{N}_]*/gu;
const MENTION = /(?<![\p{L}\p{N}_])@[A-Za-z0-9._]{1,30}/gu;

export function hashtagCount(text: string): number {
  return [...text.normalize('NFC').matchAll(HASHTAG)].length;
}

export function mentionCount(text: string): number {
  return [...text.normalize('NFC').matchAll(MENTION)].length;
}

function fileLabel(media: VariantMedia, index: number): string {
  return media.name ?? `file ${index + 1}`;
}

function textProblem(platform: Platform, length: number, limit: number): VariantProblem | null {
  if (length <= limit) return null;
  const what = platform === 'youtube' ? 'characters in a description' : 'characters';
  return { field: 'text', message: `${platformNames[platform]} allows ${number(limit)} ${what}; this is ${number(length)}.` };
}

function xMedia(media: readonly VariantMedia[]): VariantProblem[] {
  const problems: VariantProblem[] = [];
  const videos = media.filter((m) => isVideo(m.mediaType));
  const bigGifs = media.filter((m) => m.mediaType === 'image/gif' && m.bytes > X_IMAGE_MAX);
  if (videos.length > 0 && media.length > 1) {
    problems.push({ field: 'media', message: 'X takes one video on its own: leave the other files out of the X post.' });
  } else if (bigGifs.length > 0 && media.length > 1) {
    problems.push({ field: 'media', message: `X takes a GIF over 5 MB only on its own (up to 15 MB); this post has ${plural(media.length, 'file')}.` });
  } else if (media.length > X_MAX_IMAGES) {
    problems.push({ field: 'media', message: `X takes up to ${X_MAX_IMAGES} images; this post has ${number(media.length)}.` });
  }
  media.forEach((m, i) => {
    if (m.mediaType === 'image/gif' && m.bytes > X_GIF_MAX) {
      problems.push({ field: 'media', message: `X takes GIFs up to 15 MB; ${fileLabel(m, i)} is ${megabytes(m.bytes)}.` });
    } else if (isImage(m.mediaType) && m.mediaType !== 'image/gif' && m.bytes > X_IMAGE_MAX) {
      problems.push({ field: 'media', message: `X takes images up to 5 MB; ${fileLabel(m, i)} is ${megabytes(m.bytes)}.` });
    }
  });
  return problems;
}

function instagramMedia(media: readonly VariantMedia[]): VariantProblem[] {
  const problems: VariantProblem[] = [];
  if (media.length === 0) {
    problems.push({ field: 'media', message: 'Instagram needs an image: it has no text-only posts.' });
    return problems;
  }
  if (media.length > INSTAGRAM_MAX_IMAGES) {
    problems.push({ field: 'media', message: `Instagram takes up to ${INSTAGRAM_MAX_IMAGES} images in one post; this post has ${number(media.length)}.` });
  }
  media.forEach((m, i) => {
    if (m.mediaType !== 'image/jpeg') {
      problems.push({ field: 'media', message: `Instagram takes JPEG images only; ${fileLabel(m, i)} is ${mediaWords[m.mediaType]}.` });
    } else if (m.bytes >= INSTAGRAM_IMAGE_MAX) {
      problems.push({ field: 'media', message: `Instagram takes images under 8 MB; ${fileLabel(m, i)} is ${megabytes(m.bytes)}.` });
    }
  });
  return problems;
}

/**
 * Facebook and LinkedIn: one image (what Custodian publishes there), no video, within the size
 * limit: 'up to' takes maxBytes itself, 'under' does not.
 */
function singleImage(platform: 'facebook' | 'linkedin', media: readonly VariantMedia[], limit: { bytes: number; kind: 'up to' | 'under' }): VariantProblem[] {
  const name = platformNames[platform];
  const problems: VariantProblem[] = [];
  const video = media.find((m) => isVideo(m.mediaType));
  if (video !== undefined) {
    problems.push({ field: 'media', message: `Custodian publishes images, not video, to ${name}; leave ${video.name ?? 'the video'} out of the ${name} post.` });
  } else if (media.length > 1) {
    problems.push({ field: 'media', message: `Custodian publishes one image to ${name}; this post has ${number(media.length)}.` });
  }
  media.forEach((m, i) => {
    if (platform === 'linkedin' && m.mediaType === 'image/webp') {
      problems.push({ field: 'media', message: `LinkedIn takes JPEG, PNG or GIF images; ${fileLabel(m, i)} is ${mediaWords[m.mediaType]}.` });
    } else if (isImage(m.mediaType) && (limit.kind === 'under' ? m.bytes >= limit.bytes : m.bytes > limit.bytes)) {
      problems.push({ field: 'media', message: `${name} takes images ${limit.kind} ${megabytes(limit.bytes)}; ${fileLabel(m, i)} is ${megabytes(m.bytes)}.` });
    }
  });
  return problems;
}

function youtubeMedia(media: readonly VariantMedia[]): VariantProblem[] {
  const videos = media.filter((m) => isVideo(m.mediaType));
  if (videos.length === 0) return [{ field: 'media', message: 'YouTube needs a video: this post has none.' }];
  if (videos.length > 1) return [{ field: 'media', message: `YouTube takes one video per post; this post has ${number(videos.length)}.` }];
  if (media.length > 1) return [{ field: 'media', message: 'YouTube takes the video only: leave the images out of the YouTube post.' }];
  return [];
}

function youtubeTitle(title: string | null | undefined): VariantProblem[] {
  const trimmed = (title ?? '').trim();
  if (trimmed === '') return [{ field: 'title', message: `YouTube needs a title (1 to ${YOUTUBE_TITLE_MAX} characters).` }];
  const length = characterCount(trimmed);
  const problems: VariantProblem[] = [];
  if (length > YOUTUBE_TITLE_MAX) problems.push({ field: 'title', message: `YouTube allows ${YOUTUBE_TITLE_MAX} characters in a title; this is ${number(length)}.` });
  if (/[<>]/.test(trimmed)) problems.push({ field: 'title', message: 'YouTube does not allow < or > in a title.' });
  return problems;
}

/** Checks one channel's variant against its platform. */
export function checkVariant(platform: Platform, variant: Variant): VariantCheck {
  const name = platformNames[platform];
  const limit = TEXT_LIMITS[platform];
  const length = textLength(platform, variant.text);
  const problems: VariantProblem[] = [];
  const hasText = variant.text.trim() !== '';
  const hasTitle = variant.title !== undefined && variant.title !== null && variant.title.trim() !== '';

  if (platform !== 'youtube' && hasTitle) {
    problems.push({ field: 'title', message: `${name} posts have no title; only YouTube videos do.` });
  }
  const tooLong = textProblem(platform, length, limit);
  if (tooLong !== null) problems.push(tooLong);

  switch (platform) {
    case 'x':
      if (!hasText && variant.media.length === 0) problems.push({ field: 'text', message: 'X needs text or an image.' });
      problems.push(...xMedia(variant.media));
      break;
    case 'instagram': {
      const hashtags = hashtagCount(variant.text);
      if (hashtags > INSTAGRAM_MAX_HASHTAGS) {
        problems.push({ field: 'text', message: `Instagram allows ${INSTAGRAM_MAX_HASHTAGS} hashtags; this has ${number(hashtags)}.` });
      }
      const mentions = mentionCount(variant.text);
      if (mentions > INSTAGRAM_MAX_MENTIONS) {
        problems.push({ field: 'text', message: `Instagram allows ${INSTAGRAM_MAX_MENTIONS} mentions; this has ${number(mentions)}.` });
      }
      problems.push(...instagramMedia(variant.media));
      break;
    }
    case 'linkedin':
      if (!hasText && variant.media.length === 0) problems.push({ field: 'text', message: 'LinkedIn needs text or an image.' });
      problems.push(...singleImage('linkedin', variant.media, { bytes: LINKEDIN_IMAGE_MAX, kind: 'up to' }));
      break;
    case 'facebook':
      if (!hasText && variant.media.length === 0) problems.push({ field: 'text', message: 'Facebook needs text or an image.' });
      problems.push(...singleImage('facebook', variant.media, { bytes: FACEBOOK_IMAGE_UNDER, kind: 'under' }));
      break;
    case 'youtube':
      problems.push(...youtubeTitle(variant.title));
      if (/[<>]/.test(variant.text)) problems.push({ field: 'text', message: 'YouTube does not allow < or > in a description.' });
      problems.push(...youtubeMedia(variant.media));
      break;
  }
  return { ok: problems.length === 0, problems, length, limit, warnings: variantWarnings(platform, variant) };
}

/**
 * What the author should know about a variant that its platform will still take: warnings, not
 * refusals. X's API is paid per post from the trust's prepaid credits, and a post with a link costs
 * more ($0.20 instead of $0.015: docs.x.com/x-api/getting-started/pricing), links counted as X does.
 */
export function variantWarnings(platform: Platform, variant: Pick<Variant, 'text'>): string[] {
  if (platform === 'x' && findUrls(variant.text.normalize('NFC')).length > 0) {
    return ['A post with a link costs more on X: $0.20 of the trust\'s X credits instead of $0.015. Leave the link out to pay less.'];
  }
  return [];
}
