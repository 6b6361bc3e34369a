import type { IsoDate } from '../../../shared/calendar/calendar-types';
import type { Platform } from '../../../shared/domain/enums';
import { checkVariant, type VariantCheck, type VariantMedia } from '../../../shared/posts/platform-rules';
import {
  evaluateChecklist,
  type AuthorConfirmation,
  type ChecklistResult,
  type PupilsDeclaration,
} from '../../../shared/posts/prepublication-checklist';
import { consentActive } from '../consent/consent.repo';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';
import { trainingRunsOutOn } from '../training/training.repo';

/** The author's confirmation as stored (posts.checklist): the boxes, who and when. */
export interface StoredAuthorChecklist extends AuthorConfirmation {
  confirmedAt: string;
}

/** The approver's confirmation as stored (posts.approval_checklist). */
export interface StoredApprovalChecklist {
  confirmed: true;
  noListedPupilIdentifiable?: boolean;
  confirmedAt: string;
}

export function parseAuthorChecklist(json: string): StoredAuthorChecklist | null {
  const value = JSON.parse(json) as Partial<StoredAuthorChecklist>;
  return typeof value.adultsConsented === 'boolean' ? (value as StoredAuthorChecklist) : null;
}

export function parseApprovalChecklist(json: string | null): StoredApprovalChecklist | null {
  return json === null ? null : (JSON.parse(json) as StoredApprovalChecklist);
}

export function pupilsDeclaration(pupils: 'none' | 'present' | 'named', namedJson: string): PupilsDeclaration {
  return pupils === 'named' ? { named: JSON.parse(namedJson) as number[] } : pupils;
}

/** The author's training on a day: in date, and the day it runs out (null: none recorded). */
export async function authorTraining(db: Db, personId: number, today: IsoDate): Promise<AuthorTraining> {
  return trainingOn(await trainingRunsOutOn(db, personId, today), today);
}

export type AuthorTraining = { inDate: boolean; runsOutOn: string | null };

function trainingOn(runsOutOn: string | null, today: IsoDate): AuthorTraining {
  return { inDate: runsOutOn !== null && today < runsOutOn, runsOutOn };
}

export interface ConsentEntryLite {
  id: number;
  schoolId: number;
  addedAt: string;
  active: boolean;
}

/** Every entry of the no-publish lists (removed ones included, marked inactive), for the checks. */
export async function consentEntries(db: Db, today: IsoDate): Promise<ConsentEntryLite[]> {
  return (await db.all(consentEntriesQuery())).map((row) => consentEntryLite(row, today));
}

function consentEntriesQuery() {
  return qb.selectFrom('consent_entries').select(['id', 'school_id', 'added_at', 'removed_at', 'from_on', 'to_on']);
}

function consentEntryLite(row: { id: number; school_id: number; added_at: string; removed_at: string | null; from_on: string | null; to_on: string | null }, today: IsoDate): ConsentEntryLite {
  return { id: row.id, schoolId: row.school_id, addedAt: row.added_at, active: consentActive(row, today) };
}

/**
 * The lists that matter for a post: its schools' (a trust channel may show pupils of any school,
 * so a post to one reaches every list).
 */
export function entriesForPost(all: readonly ConsentEntryLite[], channelSchoolIds: readonly (number | null)[]): ConsentEntryLite[] {
  if (channelSchoolIds.some((id) => id === null)) return [...all];
  const schools = new Set(channelSchoolIds);
  return all.filter((entry) => schools.has(entry.schoolId));
}

export interface PostForChecks {
  pupils: PupilsDeclaration;
  hasMedia: boolean;
  texts: string[];
  author: StoredAuthorChecklist | null;
  channelSchoolIds: (number | null)[];
}

/** Every text a post publishes (the common text, each channel's, each title): for the tone prompt. */
export function postTexts(text: string, variants: readonly { text: string; title: string | null }[]): string[] {
  return [text, ...variants.flatMap((v) => (v.title === null ? [v.text] : [v.text, v.title]))];
}

/**
 * A stored post as its checklist reads it, the same at approval, at the listing's badge and just
 * before the engine sends it: its declarations, whether it has media, its texts, its channels' schools.
 */
export function storedPostForChecks(
  row: { pupils: 'none' | 'present' | 'named'; pupils_named: string; text: string; checklist: string },
  mediaCount: number,
  variants: readonly { text: string; title: string | null }[],
  channelSchoolIds: (number | null)[],
): PostForChecks {
  return {
    pupils: pupilsDeclaration(row.pupils, row.pupils_named),
    hasMedia: mediaCount > 0,
    texts: postTexts(row.text, variants),
    author: parseAuthorChecklist(row.checklist),
    channelSchoolIds,
  };
}

/** The checklist for a post, at submission or (with `approval`) at approval. */
export function checklistFor(
  post: PostForChecks,
  training: { inDate: boolean; runsOutOn: string | null },
  entries: readonly ConsentEntryLite[],
  approval?: { noListedPupilIdentifiable?: boolean },
): ChecklistResult {
  const relevant = entriesForPost(entries, post.channelSchoolIds);
  const since = post.author?.confirmedAt;
  const addedSinceAuthor = since === undefined ? 0 : relevant.filter((e) => e.active && e.addedAt > since).length;
  return evaluateChecklist({
    pupils: post.pupils,
    hasMedia: post.hasMedia,
    texts: post.texts,
    author: post.author,
    authorTraining: training,
    consent: { entries: relevant.map((e) => ({ id: e.id, active: e.active })), addedSinceAuthor },
    ...(approval === undefined ? {} : { approval }),
  });
}

export interface VariantForCheck {
  platform: Platform;
  text: string;
  title: string | null;
}

export function checkVariants(variants: readonly VariantForCheck[], media: readonly VariantMedia[]): VariantCheck[] {
  return variants.map((v) => checkVariant(v.platform, { text: v.text, title: v.title, media }));
}
