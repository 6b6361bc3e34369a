import type { FindingSubject } from './compliance-finding';
import type { SnapshotIndex } from './compliance-index';
import type { InboxKind, SnapshotInboxItem } from './compliance-snapshot';
import { formatLongDate, londonDate } from './compliance-dates';

/** How an inbox item is spoken of: 'a complaint', 'a message from a pupil'. */
export const inboxKindWords: Record<InboxKind, string> = {
  comment: 'comment',
  query: 'query',
  complaint: 'complaint',
  concern: 'concern',
  'pupil-contact': 'message from a pupil',
};

/** 'Complaint received 3 November 2026 via Bowland Primary on Instagram (@bowlandprimary)'. */
export function inboxSubject(index: SnapshotIndex, item: SnapshotInboxItem): FindingSubject {
  const words = inboxKindWords[item.kind];
  const channel = index.channelSubject(item.channelId).name;
  return {
    kind: 'inbox-item',
    key: String(item.id),
    name: `${words.charAt(0).toUpperCase()}${words.slice(1)} received ${formatLongDate(londonDate(item.receivedAt))} via ${channel}`,
  };
}
