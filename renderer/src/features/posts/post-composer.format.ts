import type { MethodInput } from '../../../../shared/contract/methods';
import type { ChannelView } from '../../../../shared/contract/views';
import { isImage, megabytes, POST_MEDIA_MAX_BYTES, POST_MEDIA_MAX_FILES, type PostMediaType } from '../../../../shared/posts/media-types';
import { checkVariant, type VariantCheck } from '../../../../shared/posts/platform-rules';
import { channelRef } from '../../format/channel-names.format';
import { isClockTime, ukInstant } from '../../format/inbox-time.format';
import { isCalendarDay } from '../../format/uk-time.format';

/**
 * The post composer's form as plain data, the checks the window makes before anything is sent
 * (the same platform rules the core applies, from shared/posts), and the post.create input it
 * becomes. Nothing here talks to the core.
 */

/** A file chosen in the window, read as base64 (the core gets bytes, never a path). */
export interface ComposerMedia {
  /** A key for the list: the file's order of arrival. */
  key: number;
  name: string;
  mediaType: PostMediaType;
  bytes: number;
  contentBase64: string;
  alt: string;
  /** The same image at a public https address (Instagram fetches it from there); '' for none. */
  publicUrl: string;
}

export type PupilsChoice = 'none' | 'present' | 'named';
export type WhenChoice = 'now' | 'later' | 'undecided';

export interface ComposerChecks {
  adultsConsented: boolean;
  rightsConfirmed: boolean;
  dosAndDontsAcknowledged: boolean;
  noListedPupilIdentifiable: boolean;
}

export interface ComposerDraft {
  /** The chosen channels, as the core names them ('x:@pendleeducation'), in the list's order. */
  channels: string[];
  outcome: string;
  text: string;
  /** A channel's own text, where it has one (keyed by channel reference). */
  own: Record<string, string>;
  /** YouTube titles, keyed by channel reference. */
  titles: Record<string, string>;
  media: ComposerMedia[];
  pupils: PupilsChoice;
  /** The no-publish list entries named as appearing (administrators only). */
  named: number[];
  checks: ComposerChecks;
  when: WhenChoice;
  day: string;
  time: string;
}

export function emptyDraft(day: string, time: string): ComposerDraft {
  return {
    channels: [],
    outcome: '',
    text: '',
    own: {},
    titles: {},
    media: [],
    pupils: 'none',
    named: [],
    checks: { adultsConsented: false, rightsConfirmed: false, dosAndDontsAcknowledged: false, noListedPupilIdentifiable: false },
    when: 'now',
    day,
    time,
  };
}

export const OUTCOME_MIN = 10;
export const OUTCOME_MAX = 500;
export const ALT_MAX = 1000;

/** One chosen channel with the text and title it would get, and what its platform says about them. */
export interface ChannelVariant {
  ref: string;
  channel: ChannelView;
  text: string;
  ownText: boolean;
  title: string;
  /** Its platform check, with what the author should know but may still publish (check.warnings). */
  check: VariantCheck;
}

export function variantsOf(draft: ComposerDraft, channels: readonly ChannelView[]): ChannelVariant[] {
  const byRef = new Map(channels.map((c) => [channelRef(c), c]));
  const media = draft.media.map((m) => ({ mediaType: m.mediaType, bytes: m.bytes, name: m.name }));
  return draft.channels.flatMap((ref) => {
    const channel = byRef.get(ref);
    if (channel === undefined) return [];
    const own = draft.own[ref];
    const text = own ?? draft.text;
    const title = channel.platform === 'youtube' ? (draft.titles[ref] ?? '') : '';
    return [{ ref, channel, text, ownText: own !== undefined, title, check: checkVariant(channel.platform, { text, title, media }) }];
  });
}

/** "241 / 280": the text's length as the platform counts it, against its limit. */
export function lengthCounter(check: Pick<VariantCheck, 'length' | 'limit'>): string {
  return `${check.length.toLocaleString('en-GB')} / ${check.limit.toLocaleString('en-GB')}`;
}

/** What the declaration is once media are known: a post with no image or video shows no pupils. */
export function effectivePupils(draft: ComposerDraft): PupilsChoice {
  return draft.media.length === 0 ? 'none' : draft.pupils;
}

/**
 * Problems found in the window, keyed by the field path the core would name (so the same place
 * on the form shows the window's note and the core's refusal). 'variant:<ref>' is one channel.
 */
export type ComposerProblems = Record<string, string>;

export type Intent = 'draft' | 'submit';

function whenProblems(draft: ComposerDraft, now: Date): ComposerProblems {
  if (draft.when !== 'later') return {};
  if (!isCalendarDay(draft.day)) return { at: 'Enter the date to publish it.' };
  if (!isClockTime(draft.time)) return { at: 'Enter the time to publish it, such as 09:30.' };
  const iso = ukInstant(draft.day, draft.time);
  if (iso === null) return { at: 'Enter a date and a time.' };
  if (Date.parse(iso) <= now.getTime()) return { at: 'That time has passed: choose a later time, or "As soon as it is approved".' };
  return {};
}

/**
 * What stops the button the person pressed. A draft needs only what the core needs to keep it
 * (channels, outcome, text, alt text); sending for approval also needs every channel to fit its
 * platform and every box of the checklist ticked.
 */
export function composerProblems(draft: ComposerDraft, channels: readonly ChannelView[], intent: Intent, now: Date): ComposerProblems {
  const problems: ComposerProblems = {};
  if (draft.channels.length === 0) problems.channels = 'Choose at least one account to post to.';
  const outcome = draft.outcome.trim();
  if (outcome.length < OUTCOME_MIN) {
    problems.outcome = 'Say what this post is for, in a sentence (at least 10 characters): the policy asks for specific intended outcomes.';
  } else if (outcome.length > OUTCOME_MAX) {
    problems.outcome = `Keep the intended outcome to ${OUTCOME_MAX} characters or fewer: it has ${outcome.length}.`;
  }
  if (draft.text.trim() === '') problems.text = 'Write the post.';
  draft.media.forEach((m, i) => {
    if (isImage(m.mediaType) && m.alt.trim() === '') problems[`media.${i}.alt`] = 'Describe the image, for people using screen readers.';
    else if (m.alt.trim().length > ALT_MAX) problems[`media.${i}.alt`] = `Keep the description to ${ALT_MAX} characters or fewer.`;
  });
  if (draft.pupils === 'named' && draft.media.length > 0 && draft.named.length === 0) {
    problems.pupils = 'Tick the pupils on the no-publish list who appear.';
  }
  Object.assign(problems, whenProblems(draft, now));
  if (intent === 'draft') return problems;

  for (const variant of variantsOf(draft, channels)) {
    if (!variant.check.ok) problems[`variant:${variant.ref}`] = `${variant.channel.name} cannot take this post yet: see the note under it.`;
  }
  const pupils = effectivePupils(draft);
  if (pupils === 'named') problems.pupils = 'A pupil on the no-publish list can be identified: this cannot be sent. Edit the image so they cannot be identified, or choose another.';
  if (pupils === 'present' && !draft.checks.noListedPupilIdentifiable) {
    problems['checklist.noListedPupilIdentifiable'] = 'Confirm that no pupil on the no-publish list can be identified.';
  }
  if (draft.media.length > 0 && !draft.checks.adultsConsented) problems['checklist.adultsConsented'] = 'Confirm that every adult shown has consented.';
  if (!draft.checks.rightsConfirmed) problems['checklist.rightsConfirmed'] = 'Confirm the right to share it, and that any author is credited.';
  if (!draft.checks.dosAndDontsAcknowledged) problems['checklist.dosAndDontsAcknowledged'] = "Confirm that the post follows the policy's Dos and Don'ts.";
  return problems;
}

/** The post.create input the form stands for; with 'submit' it carries the author's checklist. */
export function createInput(draft: ComposerDraft, channels: readonly ChannelView[], intent: Intent): MethodInput<'post.create'> {
  const variants = variantsOf(draft, channels).flatMap((v) => {
    const title = v.channel.platform === 'youtube' && v.title.trim() !== '' ? v.title.trim() : undefined;
    if (!v.ownText && title === undefined) return [];
    return [{ channel: v.ref, ...(v.ownText ? { text: v.text } : {}), ...(title === undefined ? {} : { title }) }];
  });
  const pupils = effectivePupils(draft);
  const at = draft.when === 'now' ? 'now' : draft.when === 'later' ? ukInstant(draft.day, draft.time) : null;
  const hasMedia = draft.media.length > 0;
  return {
    channels: [...draft.channels],
    text: draft.text,
    outcome: draft.outcome.trim(),
    ...(variants.length === 0 ? {} : { variants }),
    ...(hasMedia
      ? {
          media: draft.media.map((m) => ({
            name: m.name,
            mediaType: m.mediaType,
            contentBase64: m.contentBase64,
            ...(m.alt.trim() === '' ? {} : { alt: m.alt.trim() }),
            ...(m.publicUrl.trim() === '' ? {} : { publicUrl: m.publicUrl.trim() }),
          })),
        }
      : {}),
    pupils: pupils === 'named' ? { named: [...draft.named] } : pupils,
    ...(intent === 'submit'
      ? {
          checklist: {
            // Nothing is claimed for media the post does not have.
            adultsConsented: hasMedia && draft.checks.adultsConsented,
            rightsConfirmed: draft.checks.rightsConfirmed,
            dosAndDontsAcknowledged: draft.checks.dosAndDontsAcknowledged,
            ...(pupils === 'present' ? { noListedPupilIdentifiable: draft.checks.noListedPupilIdentifiable } : {}),
          },
        }
      : {}),
    ...(at === null ? {} : { at }),
  };
}

/** Where on the form a field the core names belongs: its own key, or null for the general note. */
export function problemKey(field: string | undefined): string | null {
  if (field === undefined || field === '') return null;
  const [head, index] = field.split('.');
  switch (head) {
    case 'channels':
    case 'text':
    case 'outcome':
    case 'at':
    case 'pupils':
      return head;
    case 'variants':
      return 'variants';
    case 'media':
      if (index !== undefined && /^\d+$/.test(index)) return field.endsWith('.alt') ? `media.${index}.alt` : field.endsWith('.publicUrl') ? `media.${index}.publicUrl` : `media.${index}`;
      return 'media';
    case 'checklist':
      return field;
    default:
      return null;
  }
}

export const ACCEPTED_MEDIA = '.jpg,.jpeg,.png,.gif,.webp,.mp4,.mov,image/jpeg,image/png,image/gif,image/webp,video/mp4,video/quicktime';

/** Why a chosen file cannot be added, or null: checked on its size and its first bytes. */
export function mediaFileProblem(name: string, size: number, sniffed: PostMediaType | null, already: readonly ComposerMedia[]): string | null {
  if (already.length >= POST_MEDIA_MAX_FILES) return `A post takes up to ${POST_MEDIA_MAX_FILES} files; ${name} was not added.`;
  if (size === 0) return `${name} is empty: choose the image or video itself.`;
  if (size > POST_MEDIA_MAX_BYTES) return `${name} is ${megabytes(size)}: the largest file a post takes is 50 MB.`;
  if (sniffed === null) return `${name} is not an image or video Custodian can post: choose a JPEG, PNG, GIF or WebP image, or an MP4 or MOV video.`;
  return null;
}

/** A data: URL for an image's thumbnail (the CSP allows data: images). */
export function thumbnailUrl(media: Pick<ComposerMedia, 'mediaType' | 'contentBase64'>): string | null {
  return isImage(media.mediaType) ? `data:${media.mediaType};base64,${media.contentBase64}` : null;
}
