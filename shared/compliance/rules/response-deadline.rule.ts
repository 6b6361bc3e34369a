import type { ComplianceRule, Finding } from '../compliance-finding';
import { addDays, addMonths, formatLongDate, londonDate } from '../compliance-dates';
import type { SnapshotInboxItem } from '../compliance-snapshot';
import { indexSnapshot, type SnapshotIndex } from '../compliance-index';
import { inboxKindWords, inboxSubject } from '../compliance-inbox';
import { countOf } from '../compliance-words';
import { policySentences } from '../policy-sentences';

/**
 * The core sets each item's dueOn from the profile's responseSchoolDays and the school calendar,
 * so this rule only compares dates. A message from a pupil is not answered on the channel (it
 * goes to the DSL: pupil-contact-dsl), so it has no reply deadline here. Late answers are
 * history, so only the last 12 months are shown.
 */
/** 'A complaint received on 3 November 2026 through …', built only for a finding: most of the inbox is answered on time. */
function describeItem(index: SnapshotIndex, item: SnapshotInboxItem): string {
  return `A ${inboxKindWords[item.kind]} received on ${formatLongDate(londonDate(item.receivedAt))} through ${index.channelSubject(item.channelId).name}`;
}

/** Due today, tomorrow, or (between a Friday deadline and the next school day) still in time. */
function dueWords(dueOn: string, today: string, tomorrow: string): string {
  if (dueOn === today) return `is due a reply by today (${formatLongDate(dueOn)})`;
  if (dueOn === tomorrow) return `is due a reply by tomorrow (${formatLongDate(dueOn)})`;
  return `was due a reply by ${formatLongDate(dueOn)}; a reply before the next school day is still in time`;
}

export const responseDeadlineRule: ComplianceRule = {
  id: 'response-deadline',
  title: 'Comments, queries and complaints are answered within the deadline',
  source: 'policy',
  policy: policySentences.responses,
  evaluate(snapshot, profile, today) {
    const index = indexSnapshot(snapshot);
    const tomorrow = addDays(today, 1);
    const yearAgo = addMonths(today, -12);
    const deadline = `within ${countOf(profile.responseSchoolDays, 'school day')}`;
    const findings: Finding[] = [];
    for (const item of snapshot.inbox) {
      if (item.kind === 'pupil-contact') continue;
      if (item.respondedAt === null) {
        if (today >= item.lateFrom) {
          findings.push({
            ruleId: 'response-deadline',
            severity: 'high',
            subject: inboxSubject(index, item),
            message: `${describeItem(index, item)} was due a reply by ${formatLongDate(item.dueOn)} and has not been answered.`,
            fix: 'Reply now, even if only to acknowledge it or point to the right procedure, and record the reply.',
          });
        } else if (item.dueOn <= tomorrow || today > item.dueOn) {
          findings.push({
            ruleId: 'response-deadline',
            severity: 'low',
            subject: inboxSubject(index, item),
            message: `${describeItem(index, item)} ${dueWords(item.dueOn, today, tomorrow)}.`,
            fix: 'Reply, even if only to acknowledge it or point to the right procedure, and record the reply.',
          });
        }
        continue;
      }
      const answered = londonDate(item.respondedAt);
      if (answered < item.lateFrom) continue;
      if (answered >= yearAgo) {
        findings.push({
          ruleId: 'response-deadline',
          severity: 'medium',
          subject: inboxSubject(index, item),
          message: `${describeItem(index, item)} was answered on ${formatLongDate(answered)}, after its deadline of ${formatLongDate(item.dueOn)}.`,
          fix: `Nothing to do for this one; make sure the inbox is covered so replies go out ${deadline}.`,
        });
      }
    }
    return findings;
  },
};
