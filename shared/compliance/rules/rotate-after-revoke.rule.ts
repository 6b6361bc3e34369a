import type { ComplianceRule, Finding, Severity } from '../compliance-finding';
import type { SnapshotChannel } from '../compliance-snapshot';
import { compareInstants, daysBetween, formatLongDate, isCoreInstant, isLater, londonDate } from '../compliance-dates';
import { indexSnapshot } from '../compliance-index';
import { listOfEach, possessive } from '../compliance-words';

/** A former holder: their person id, and when their latest access ended. */
interface Ended {
  personId: number;
  revokedAt: string;
}

/** How many former holders a finding names (listOf's default); the rest are counted. */
const NAMED = 5;

/**
 * The `count` earliest ended accesses, earliest first, as a stable sort would put them (equal
 * instants in the order they were found): a channel with decades of turnover names five people,
 * so there is no need to sort them all.
 */
function earliest(people: ReadonlyMap<number, string>, count: number): Ended[] {
  const first: Ended[] = [];
  people.forEach((revokedAt, personId) => {
    // Most of a long turnover is later than the five kept: the core's own form says so as text,
    // without a call per person (thousands of former holders on the bench's trust).
    const last = first.length === count ? first[count - 1] : undefined;
    if (last !== undefined && isCoreInstant(revokedAt) && isCoreInstant(last.revokedAt) && revokedAt >= last.revokedAt) return;
    // Found after everyone already kept, it goes behind those with the same instant.
    let at = first.length;
    for (let before = first[at - 1]; before !== undefined && compareInstants(revokedAt, before.revokedAt) < 0; before = first[at - 1]) at -= 1;
    if (at === count) return;
    first.splice(at, 0, { personId, revokedAt });
    if (first.length > count) first.pop();
  });
  return first;
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
    // channel -> person -> their latest ended access not yet followed by a password change.
    // Names are looked up only for the few a finding names, not for every former holder.
    const pending = new Map<number, Map<number, string>>();
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
      if (earlier !== undefined && !isLater(revokedAt, earlier)) continue;
      people.set(grant.personId, revokedAt);
    }
    const nameOf = (personId: number) => index.personById.get(personId)?.name ?? `a former holder (person #${personId})`;
    const findings: Finding[] = [];
    for (const [channelId, people] of pending) {
      const named = earliest(people, NAMED);
      const oldest = named[0];
      if (oldest === undefined) continue;
      const age = daysBetween(londonDate(oldest.revokedAt), today);
      const severity: Severity = age > profile.rotateWithinDays ? 'high' : 'medium';
      const subject = index.channelSubject(channelId);
      const since =
        people.size === 1
          ? `${possessive(nameOf(oldest.personId))} access ended on ${formatLongDate(londonDate(oldest.revokedAt))}`
          : `access ended for ${listOfEach(named, (e) => `${nameOf(e.personId)} (${formatLongDate(londonDate(e.revokedAt))})`, NAMED, people.size)}`;
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
