import type { Platform } from '../../../shared/domain/enums';
import { platformNames, type VariantCheck } from '../../../shared/posts/platform-rules';
import type { ChecklistItem, ChecklistResult } from '../../../shared/posts/prepublication-checklist';
import { CoreError } from '../errors';
import type { PostRow, PostStatus } from './posts.repo';

/**
 * The rules a post's handlers apply before they write: when it may be published, whether its
 * variants fit their platforms and its checklist is complete, and which states allow an action.
 * Pure: each throws the CoreError the caller sees, or returns.
 */

const DAY_MS = 86_400_000;

export interface PlannedVariant {
  channelId: number;
  platform: Platform;
  label: string;
  schoolId: number | null;
  text: string;
  ownText: boolean;
  title: string | null;
}

export type VariantOverride = { channel: string; text?: string | undefined; title?: string | undefined };

export const blankToNull = (text: string | undefined | null) => (text === undefined || text === null || text.trim() === '' ? null : text.trim());

/** When to publish: 'now' (on approval) or a time between now and a year ahead. */
export function timing(at: string | null | undefined, now: Date): { scheduledAt: string | null; onApproval: number } {
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
export function requireVariantsFit(variants: readonly { label: string; platform: Platform }[], checks: readonly VariantCheck[], when: string): void {
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
export function requireSubmittable(checklist: ChecklistResult): void {
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

export function requireStatus(row: PostRow, allowed: readonly PostStatus[], doing: string): void {
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
