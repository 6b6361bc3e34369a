import type { ConsentEntryView } from '../../../../shared/contract/views';
import { formatUkDate } from '../../format/uk-time.format';

export type ConsentReason = ConsentEntryView['reason'];

/** The reasons in the order the form offers them. */
export const consentReasons: readonly ConsentReason[] = ['no-consent', 'withdrawn', 'safeguarding', 'not-filmed'];

/** Why a person is on the list, in words, and what each reason means for whoever adds them. */
export const consentReasonWords: Record<ConsentReason, { label: string; meaning: string }> = {
  'no-consent': {
    label: 'No consent',
    meaning: 'The parent or carer did not give consent on the Parental Consent Form, or refused it.',
  },
  withdrawn: {
    label: 'Consent withdrawn',
    meaning: 'Consent was given and has since been withdrawn.',
  },
  safeguarding: {
    label: 'Safeguarding',
    meaning: 'Their image must not be published for safeguarding reasons. Do not write the reason here: the DSL keeps it.',
  },
  'not-filmed': {
    label: 'Asked not to be filmed',
    meaning: 'A pupil, parent or member of staff asked not to be filmed or photographed.',
  },
};

/** When an entry applies, in words: 'From 1 September 2025 to 31 August 2026', 'Until further notice'. */
export function consentPeriodWords(entry: Pick<ConsentEntryView, 'from' | 'to'>): string {
  if (entry.from === null && entry.to === null) return 'Until further notice';
  if (entry.from === null) return `Until ${formatUkDate(entry.to ?? '')}`;
  if (entry.to === null) return `From ${formatUkDate(entry.from)}`;
  return `From ${formatUkDate(entry.from)} to ${formatUkDate(entry.to)}`;
}

/** Whether an entry is in force today, and if not, why not, for a badge. */
export function consentStateWords(entry: Pick<ConsentEntryView, 'active' | 'removedAt' | 'from'>, today: string): { label: string; color: string } {
  if (entry.removedAt !== null) return { label: 'Removed', color: 'gray' };
  if (entry.active) return { label: 'In force', color: 'red' };
  if (entry.from !== null && entry.from > today) return { label: 'Not started yet', color: 'orange' };
  return { label: 'Ended', color: 'gray' };
}

/** A person on the list as a phrase for a button or a sentence: 'J.S. (Year 3)'. */
export function consentPersonWords(entry: Pick<ConsentEntryView, 'name' | 'class'>): string {
  return entry.class === null ? entry.name : `${entry.name} (${entry.class})`;
}
