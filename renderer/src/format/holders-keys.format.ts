import type { ChannelView, GrantView } from '../../../shared/contract/views';
import { formatUkShortDate } from './uk-time.format';

type PendingState = NonNullable<GrantView['pending']>;

/**
 * A grant that cannot open the login details yet, in the words of the register: a short badge, and
 * the sentence that says what completes it (people ask "why can't Sam see it?" before anything else).
 */
export function pendingWords(state: PendingState, holderName: string): { badge: string; explanation: string } {
  switch (state) {
    case 'waiting-for-holder':
      return {
        badge: 'Waiting for a holder',
        explanation: `Given by someone who cannot open these login details. ${holderName} can use them once any current holder of this channel next signs in.`,
      };
    case 'waiting-for-key':
      return {
        badge: 'Waiting for their first sign-in',
        explanation: `${holderName} has not signed in to Custodian yet. Once they have, the next sign-in of a current holder gives them the login details.`,
      };
    case 'outside-custodian':
      return {
        badge: 'Holds them outside Custodian',
        explanation: `${holderName} has no console access: the register records that they hold these login details outside Custodian. Give them console access to use them here.`,
      };
  }
}

/** Secrets of a vault from before holders' keys, still readable in the keychain (the Stored column names them). */
export function notMovedWords(channel: ChannelView): string | null {
  if (channel.notMoved.length === 0) return null;
  return "Not yet moved to holders' keys: moves when a holder next signs in.";
}

/** Under the title "Rotation due": a removed holder may have seen the login details, and only a new value really takes them back. */
export function rotationDueWords(channel: ChannelView): string | null {
  if (channel.rotationDueSince === null) return null;
  return `A holder was removed on ${formatUkShortDate(channel.rotationDueSince)}; set a new password on the platform, then here.`;
}

/** The same two notes, short enough for a table cell. */
export function channelKeyNotes(channel: ChannelView): { text: string; color: string | undefined }[] {
  // Not moved is no fault of the reader (the body colour); rotation due is work for someone (red).
  const notes: { text: string; color: string | undefined }[] = [];
  if (channel.notMoved.length > 0) notes.push({ text: "Not yet moved to holders' keys", color: undefined });
  if (channel.rotationDueSince !== null) notes.push({ text: `Rotation due since ${formatUkShortDate(channel.rotationDueSince)}`, color: 'red.9' });
  return notes;
}
