import type { ComplianceRule, Finding } from '../compliance-finding';
import { formatLongDate } from '../compliance-dates';
import { hasLeft, indexSnapshot, personSubject } from '../compliance-index';
import { listOf, possessive } from '../compliance-words';
import { policySentences } from '../policy-sentences';

/**
 * Someone who has left is no longer core team or SLT, so they must not still hold login details.
 * One finding per person (naming every channel), because one visit to the register fixes it.
 */
export const holderLeftRule: ComplianceRule = {
  id: 'holder-left',
  title: 'Nobody who has left still holds login details',
  source: 'policy',
  policy: policySentences.holders,
  evaluate(snapshot, _profile, today) {
    const index = indexSnapshot(snapshot);
    const findings: Finding[] = [];
    for (const [personId, grants] of index.currentGrantsByPerson) {
      const person = index.personById.get(personId);
      if (person === undefined || !hasLeft(person, today) || person.leftOn === null) continue;
      const channels = grants.map((grant) => index.channelSubject(grant.channelId).name);
      findings.push({
        ruleId: 'holder-left',
        severity: 'high',
        subject: personSubject(person),
        message: `${person.name} left on ${formatLongDate(person.leftOn)} but still holds the login details of ${listOf(channels)}.`,
        fix: `Remove ${possessive(person.name)} access in the access register, then change the password of ${grants.length === 1 ? 'that channel' : 'each of those channels'}.`,
      });
    }
    return findings;
  },
};
