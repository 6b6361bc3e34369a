import type { ComplianceRule, Finding } from '../compliance-finding';
import type { SnapshotPerson } from '../compliance-snapshot';
import { formatLongDate } from '../compliance-dates';
import { hasLeft, indexSnapshot } from '../compliance-index';
import { countOf, listOf, possessive } from '../compliance-words';
import { policySentences } from '../policy-sentences';

/**
 * "Accessible to more than one member of PET and school staff": only people in the register who
 * are still on the staff count (an address we cannot match to anyone is not a member of staff);
 * a leaver who can still open the mailbox can reset the password, which is worse than too few;
 * and a school's mailbox should be open to the trust as well as the school (the policy names both).
 */
export const mailboxSharedAccessRule: ComplianceRule = {
  id: 'mailbox-shared-access',
  title: 'More than one member of staff can open each registration mailbox',
  source: 'policy',
  policy: policySentences.mailbox,
  evaluate(snapshot, _profile, today) {
    const index = indexSnapshot(snapshot);
    const findings: Finding[] = [];
    for (const channel of snapshot.channels) {
      const address = channel.registrationEmail?.trim() ?? '';
      // With no mailbox recorded, mailbox-dedicated already asks for it; one finding is enough.
      if (address === '') continue;
      const subject = index.channelSubject(channel.id);
      const staff = new Map<number, SnapshotPerson>();
      const leavers = new Map<number, SnapshotPerson>();
      let unknown = 0;
      for (const raw of new Set(channel.mailboxAccess.map((email) => email.trim().toLowerCase()))) {
        if (raw === '' || raw === address.toLowerCase()) continue;
        const person = index.personByEmail.get(raw);
        if (person === undefined) unknown += 1;
        else if (hasLeft(person, today)) leavers.set(person.id, person);
        else staff.set(person.id, person);
      }
      for (const leaver of leavers.values()) {
        findings.push({
          ruleId: 'mailbox-shared-access',
          severity: 'high',
          subject,
          message: `${leaver.name} left on ${formatLongDate(leaver.leftOn ?? today)} but can still open ${address}, the mailbox used to register ${subject.name}, from which its password can be reset.`,
          fix: `Remove ${possessive(leaver.name)} access to the mailbox, change the mailbox password, and update the access list on the channel.`,
        });
      }
      const unknownNote = unknown === 0 ? '' : ` (${countOf(unknown, 'address', 'addresses')} on its list ${unknown === 1 ? 'is' : 'are'} not in the people register)`;
      if (staff.size < 2) {
        const who = [...staff.values()].map((p) => p.name);
        findings.push({
          ruleId: 'mailbox-shared-access',
          severity: 'medium',
          subject,
          message:
            staff.size === 0
              ? `No current member of staff is recorded as able to open ${address}, the mailbox used to register ${subject.name}${unknownNote}.`
              : `Only ${who[0] ?? ''} is recorded as able to open ${address}, the mailbox used to register ${subject.name}${unknownNote}.`,
          fix: 'Give at least two members of staff access to the mailbox and record them on the channel.',
        });
        continue;
      }
      if (channel.schoolId !== null) {
        const people = [...staff.values()];
        const trust = people.some((p) => p.role === 'core-team');
        const school = people.some((p) => p.schoolId === channel.schoolId);
        if (!trust || !school) {
          const schoolName = index.schoolById.get(channel.schoolId)?.name ?? 'the school';
          findings.push({
            ruleId: 'mailbox-shared-access',
            severity: 'low',
            subject,
            message: `${address}, the mailbox used to register ${subject.name}, can be opened by ${listOf(people.map((p) => p.name))} but by nobody ${trust ? `from ${schoolName}` : 'on the trust core team'}.`,
            fix: `Give ${trust ? `a member of ${possessive(schoolName)} staff` : 'a trust core-team member'} access to the mailbox and record it on the channel.`,
          });
        }
      }
    }
    return findings;
  },
};
