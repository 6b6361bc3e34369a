import type { ComplianceRule, Finding } from '../compliance-finding';
import { addDays, formatLongDate, londonDate, londonDateBefore } from '../compliance-dates';
import { hasLeft, indexSnapshot, personSubject } from '../compliance-index';
import { countOf, listOf } from '../compliance-words';

/**
 * Login details held by someone who never uses them are a risk with no benefit. Leavers are
 * left to holder-left. Someone who has never signed in is given the same grace from the day
 * they were first granted access, so a new holder is not flagged on day one.
 */
export const holderInactiveRule: ComplianceRule = {
  id: 'holder-inactive',
  title: 'Holders still use their access',
  source: 'profile',
  policy:
    "Not a sentence of the policy: the trust's policy profile (inactiveAfterDays, 180 days by default, Custodian's choice) flags holders who have not used Custodian for that long, so that login details stay with the people who manage the accounts.",
  evaluate(snapshot, profile, today) {
    const index = indexSnapshot(snapshot);
    const cutoff = addDays(today, -profile.inactiveAfterDays);
    const findings: Finding[] = [];
    for (const [personId, grants] of index.currentGrantsByPerson) {
      const person = index.personById.get(personId);
      if (person === undefined || hasLeft(person, today)) continue;
      // Inactive means the last use (or, for someone who never used it, the first grant) fell
      // before this date: more than inactiveAfterDays ago.
      if (person.lastActiveAt !== null) {
        if (!londonDateBefore(person.lastActiveAt, cutoff)) continue;
      } else if (!grants.some((grant) => londonDateBefore(grant.grantedAt, cutoff))) continue;
      const channels = grants.map((grant) => index.channelSubject(grant.channelId).name);
      const holds = grants.length === 1 ? `the login details of ${channels[0] ?? ''}` : `the login details of ${countOf(grants.length, 'channel')} (${listOf(channels)})`;
      findings.push({
        ruleId: 'holder-inactive',
        severity: 'low',
        subject: personSubject(person),
        message:
          person.lastActiveAt === null
            ? `${person.name} holds ${holds} but has never used Custodian.`
            : `${person.name} holds ${holds} but has not used Custodian since ${formatLongDate(londonDate(person.lastActiveAt))}.`,
        fix: `Check that ${person.name} still needs access; if not, remove it in the access register.`,
      });
    }
    return findings;
  },
};
