import type { ComplianceRule, Finding } from '../compliance-finding';
import { indexSnapshot } from '../compliance-index';
import { possessive } from '../compliance-words';
import { policySentences } from '../policy-sentences';

/**
 * The registration mailbox is how an account is recovered, so it must belong to the job, not
 * to a person: recorded, marked dedicated, and not someone's own address from the people list.
 */
export const mailboxDedicatedRule: ComplianceRule = {
  id: 'mailbox-dedicated',
  title: 'Each channel is registered with a dedicated social media mailbox',
  source: 'policy',
  policy: policySentences.mailbox,
  evaluate(snapshot, _profile, _today) {
    const index = indexSnapshot(snapshot);
    const findings: Finding[] = [];
    for (const channel of snapshot.channels) {
      const subject = index.channelSubject(channel.id);
      const address = channel.registrationEmail?.trim() ?? '';
      if (address === '') {
        findings.push({
          ruleId: 'mailbox-dedicated',
          severity: 'medium',
          subject,
          message: `The email address used to register ${subject.name} is not recorded, so nobody can check it is a dedicated social media mailbox.`,
          fix: 'Record the registration email address on the channel.',
        });
        continue;
      }
      const owner = index.personByEmail.get(address.toLowerCase());
      if (owner !== undefined) {
        findings.push({
          ruleId: 'mailbox-dedicated',
          severity: 'high',
          subject,
          message: `${subject.name} is registered with ${possessive(owner.name)} own email address (${address}), not a mailbox dedicated to social media.`,
          fix: 'Move the account to a dedicated social media mailbox that more than one member of staff can open, and record it on the channel.',
        });
      } else if (channel.mailboxDedicated === false) {
        findings.push({
          ruleId: 'mailbox-dedicated',
          severity: 'high',
          subject,
          message: `${address}, the mailbox used to register ${subject.name}, is not dedicated to social media.`,
          fix: 'Move the account to a dedicated social media mailbox that more than one member of staff can open, and record it on the channel.',
        });
      } else if (channel.mailboxDedicated === null) {
        findings.push({
          ruleId: 'mailbox-dedicated',
          severity: 'low',
          subject,
          message: `Nobody has recorded whether ${address}, the mailbox used to register ${subject.name}, is dedicated to social media.`,
          fix: 'Check the mailbox and record on the channel whether it is dedicated to social media.',
        });
      }
    }
    return findings;
  },
};
