import type { ComplianceRule, Finding } from '../compliance-finding';
import { formatLongDate, londonDate } from '../compliance-dates';
import { indexSnapshot } from '../compliance-index';
import { inboxSubject } from '../compliance-inbox';
import { policySentences } from '../policy-sentences';

/** Contact from a pupil through an official account is a safeguarding matter, however old. */
export const pupilContactDslRule: ComplianceRule = {
  id: 'pupil-contact-dsl',
  title: 'The DSL is told of every contact from a pupil',
  source: 'policy',
  policy: policySentences.concerns,
  evaluate(snapshot, _profile, _today) {
    const index = indexSnapshot(snapshot);
    const findings: Finding[] = [];
    for (const item of snapshot.inbox) {
      if (item.kind !== 'pupil-contact' || item.dslNotifiedAt !== null) continue;
      findings.push({
        ruleId: 'pupil-contact-dsl',
        severity: 'high',
        subject: inboxSubject(index, item),
        message: `A message from a pupil received on ${formatLongDate(londonDate(item.receivedAt))} through ${index.channelSubject(item.channelId).name} has not been passed to the DSL.`,
        fix: 'Tell the DSL (or a deputy) today and record that on the inbox item.',
      });
    }
    return findings;
  },
};
