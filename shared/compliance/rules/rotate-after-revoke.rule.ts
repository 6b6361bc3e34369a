import type { ComplianceRule, Finding, Severity } from '../compliance-finding';
import type { SnapshotChannel } from '../compliance-snapshot';
import { daysBetween, formatLongDate, isLater, londonDate } from '../compliance-dates';
import { indexSnapshot } from '../compliance-index';
import { listOf, possessive } from '../compliance-words';

interface Ended {
  name: string;
  revokedAt: string;
}

function lastPasswordChange(channel: SnapshotChannel): string | null {
  const { passwordSetAt: set, passwordRotatedAt: rotated } = channel;
  if (set === null || rotated === null) return set ?? rotated;
  return isLater(rotated, set) ? rotated : set;
}

/**
 * Removing someone from the register does not take the password out of their head: it has to be
 * changed. The offboarding screen lists the channels to change; this rule keeps them on the list
 * until the new password is stored. One finding per channel, since one change covers everyone
 * whose access ended before it. Someone granted the channel again since is not counted.
 */
export const rotateAfterRevokeRule: ComplianceRule = {
  id: 'rotate-after-revoke',
  title: "Passwords are changed after someone's access ends",
  source: 'profile',
  policy:
    "Not a sentence of the policy: the trust's policy profile (rotateWithinDays, 7 days by default, Custodian's choice) asks for a channel's password to be changed after someone's access ends, so that only the current holders know it.",
  evaluate(snapshot, profile, today) {
    const index = indexSnapshot(snapshot);
    // channel -> person -> their latest ended access not yet followed by a password change
    const pending = new Map<number, Map<number, Ended>>();
    const changedAtByChannel = new Map(snapshot.channels.map((channel) => [channel.id, lastPasswordChange(channel)]));
    for (const grant of snapshot.grants) {
      const revokedAt = grant.revokedAt;
      if (revokedAt === null || index.holdsNow(grant.channelId, grant.personId)) continue;
      const changedAt = changedAtByChannel.get(grant.channelId) ?? null;
      if (changedAt !== null && isLater(changedAt, revokedAt)) continue;
      let people = pending.get(grant.channelId);
      if (people === undefined) {
        people = new Map();
        pending.set(grant.channelId, people);
      }
      const earlier = people.get(grant.personId);
      if (earlier !== undefined && !isLater(revokedAt, earlier.revokedAt)) continue;
      const name = index.personById.get(grant.personId)?.name ?? `a former holder (person #${grant.personId})`;
      people.set(grant.personId, { name, revokedAt });
    }
    const findings: Finding[] = [];
    for (const [channelId, people] of pending) {
      const ended = [...people.values()].sort((a, b) => (isLater(a.revokedAt, b.revokedAt) ? 1 : isLater(b.revokedAt, a.revokedAt) ? -1 : 0));
      const oldest = ended[0];
      if (oldest === undefined) continue;
      const age = daysBetween(londonDate(oldest.revokedAt), today);
      const severity: Severity = age > profile.rotateWithinDays ? 'high' : 'medium';
      const subject = index.channelSubject(channelId);
      const since =
        ended.length === 1
          ? `${possessive(oldest.name)} access ended on ${formatLongDate(londonDate(oldest.revokedAt))}`
          : `access ended for ${listOf(ended.map((e) => `${e.name} (${formatLongDate(londonDate(e.revokedAt))})`))}`;
      findings.push({
        ruleId: 'rotate-after-revoke',
        severity,
        subject,
        message: `The password of ${subject.name} has not been changed since ${since}.`,
        fix:
          severity === 'high'
            ? `Change the password on the platform now and store the new one in Custodian (the trust allows ${profile.rotateWithinDays} days).`
            : `Change the password on the platform and store the new one in Custodian within ${profile.rotateWithinDays} days of the access ending.`,
      });
    }
    return findings;
  },
};
