import type { InboxItemView } from '../../../shared/contract/views';

export type InboxKind = InboxItemView['kind'];
export type InboxStatus = InboxItemView['status'];
export type ResponseHow = NonNullable<InboxItemView['how']>;

/** The kinds in the order the form offers them. */
export const inboxKinds: readonly InboxKind[] = ['comment', 'query', 'complaint', 'concern', 'pupil-contact'];

export const inboxKindNames: Record<InboxKind, string> = {
  comment: 'Comment',
  query: 'Query',
  complaint: 'Complaint',
  concern: 'Concern',
  'pupil-contact': 'Contact from a pupil',
};

/** The same in a sentence: 'a complaint', 'contact from a pupil'. */
export const inboxKindInSentence: Record<InboxKind, string> = {
  comment: 'a comment',
  query: 'a query',
  complaint: 'a complaint',
  concern: 'a concern',
  'pupil-contact': 'contact from a pupil',
};

/** Badge colours use the light variants whose text colours app.css darkens to pass contrast. */
export const inboxStatusWords: Record<InboxStatus, { label: string; color: string }> = {
  overdue: { label: 'Overdue', color: 'red' },
  'due-soon': { label: 'Due soon', color: 'orange' },
  open: { label: 'Open', color: 'indigo' },
  responded: { label: 'Answered', color: 'green' },
  'responded-late': { label: 'Answered late', color: 'yellow' },
};

export const responseHows: readonly ResponseHow[] = ['acknowledged', 'answered', 'referred'];

export const responseHowWords: Record<ResponseHow, { label: string; meaning: string }> = {
  acknowledged: { label: 'Acknowledged', meaning: 'We said we have it and will come back to them. The policy counts this as a response.' },
  answered: { label: 'Answered', meaning: 'We replied to what they asked or raised.' },
  referred: { label: 'Referred', meaning: 'We pointed them to the right school, trust channel or procedure, such as the complaints procedure.' },
};

export function isOpen(item: Pick<InboxItemView, 'respondedAt'>): boolean {
  return item.respondedAt === null;
}
