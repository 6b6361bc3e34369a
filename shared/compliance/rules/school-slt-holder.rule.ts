import type { ComplianceRule, Finding } from '../compliance-finding';
import { hasLeft, indexSnapshot } from '../compliance-index';
import { countOf, possessive } from '../compliance-words';
import { policySentences } from '../policy-sentences';

/**
 * A school's channel needs one of that school's own senior leaders who can get in. An SLT
 * member of another school does not count; the trust's own channels need no SLT holder.
 */
export const schoolSltHolderRule: ComplianceRule = {
  id: 'school-slt-holder',
  title: "A member of the school's SLT holds every school channel",
  source: 'policy',
  policy: policySentences.holders,
  evaluate(snapshot, profile, today) {
    const index = indexSnapshot(snapshot);
    const findings: Finding[] = [];
    for (const channel of snapshot.channels) {
      if (channel.schoolId === null) continue;
      let holders = 0;
      for (const grant of index.currentGrantsByChannel.get(channel.id) ?? []) {
        const person = index.personById.get(grant.personId);
        if (person !== undefined && person.role === 'slt' && person.schoolId === channel.schoolId && !hasLeft(person, today)) holders += 1;
      }
      if (holders >= profile.minSchoolSltHolders) continue;
      const subject = index.channelSubject(channel.id);
      const school = index.schoolById.get(channel.schoolId)?.name ?? 'the school';
      findings.push({
        ruleId: 'school-slt-holder',
        severity: holders === 0 ? 'high' : 'medium',
        subject,
        message:
          holders === 0
            ? `Nobody on ${possessive(school)} senior leadership team holds the login details of ${subject.name}.`
            : `Only ${countOf(holders, 'member')} of ${possessive(school)} senior leadership team ${holders === 1 ? 'holds' : 'hold'} the login details of ${subject.name}; the trust asks for at least ${profile.minSchoolSltHolders}.`,
        fix: `Grant a member of ${possessive(school)} SLT access in the access register.`,
      });
    }
    return findings;
  },
};
