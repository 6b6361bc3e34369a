import type { ComplianceRule, Finding } from '../compliance-finding';
import { indexSnapshot } from '../compliance-index';
import { platformLabels } from '../compliance-words';
import { policySentences } from '../policy-sentences';

/** 'not-available' means the platform offers no 2FA for this account: nothing to fix there. */
export const twoFactorRule: ComplianceRule = {
  id: 'two-factor',
  title: '2-factor authentication is on wherever the platform offers it',
  source: 'policy',
  policy: policySentences.twoFactor,
  evaluate(snapshot, profile, _today) {
    if (!profile.requireTwoFactor) return [];
    const index = indexSnapshot(snapshot);
    const findings: Finding[] = [];
    for (const channel of snapshot.channels) {
      if (channel.twoFactor !== 'not-enabled') continue;
      const subject = index.channelSubject(channel.id);
      findings.push({
        ruleId: 'two-factor',
        severity: 'high',
        subject,
        message: `2-factor authentication is not turned on for ${subject.name}.`,
        fix: `Turn on 2-factor authentication in the account's ${platformLabels[channel.platform]} security settings, store its 2FA secret in Custodian, and mark the channel's 2FA as enabled.`,
      });
    }
    return findings;
  },
};
