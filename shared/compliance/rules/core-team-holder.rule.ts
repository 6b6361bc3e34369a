import type { ComplianceRule, Finding } from '../compliance-finding';
import { hasLeft, indexSnapshot } from '../compliance-index';
import { countOf } from '../compliance-words';
import { policySentences } from '../policy-sentences';

/** Every channel, trust or school, needs someone from the trust core team who can get in. */
export const coreTeamHolderRule: ComplianceRule = {
  id: 'core-team-holder',
  title: 'A trust core-team member holds every channel',
  source: 'policy',
  policy: policySentences.holders,
  evaluate(snapshot, profile, today) {
    const index = indexSnapshot(snapshot);
    const findings: Finding[] = [];
    for (const channel of snapshot.channels) {
      let holders = 0;
      for (const grant of index.currentGrantsByChannel.get(channel.id) ?? []) {
        const person = index.personById.get(grant.personId);
        if (person !== undefined && person.role === 'core-team' && !hasLeft(person, today)) holders += 1;
      }
      if (holders >= profile.minCoreTeamHolders) continue;
      const subject = index.channelSubject(channel.id);
      findings.push({
        ruleId: 'core-team-holder',
        // None at all breaks the policy itself; fewer than a stricter profile asks is less urgent.
        severity: holders === 0 ? 'high' : 'medium',
        subject,
        message:
          holders === 0
            ? `Nobody on the trust core team holds the login details of ${subject.name}.`
            : `Only ${countOf(holders, 'member')} of the trust core team ${holders === 1 ? 'holds' : 'hold'} the login details of ${subject.name}; the trust asks for at least ${profile.minCoreTeamHolders}.`,
        fix: 'Grant a core-team member access in the access register.',
      });
    }
    return findings;
  },
};
