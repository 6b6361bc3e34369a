import type { ComplianceRule, Finding, Severity } from '../compliance-finding';
import type { SnapshotChannel, SnapshotGrant } from '../compliance-snapshot';
import { compareInstants, daysBetween, formatLongDate, isCoreInstant, isLater, londonDate } from '../compliance-dates';
import { indexSnapshot } from '../compliance-index';
import { listOfEach, possessive } from '../compliance-words';

/** How many former holders a finding names (listOf's default); the rest are counted. */
const NAMED = 5;

/**
 * A channel's former holders still to be answered for: each person once (in the order first
 * found), with their latest ended access. The first `size` places of two arrays, written over
 * for each channel (emptying them would free their storage and grow it again 500 times).
 */
interface Former {
  people: number[];
  revokedAt: string[];
  size: number;
}

/**
 * The positions in `former` of the `count` earliest ended accesses, earliest first, as a stable
 * sort would put them (equal instants in the order they were found): a channel with decades of
 * turnover names five people, so there is no need to sort them all.
 */
function earliest(former: Former, count: number): number[] {
  const first: number[] = [];
  const { revokedAt } = former;
  for (let i = 0; i < former.size; i += 1) {
    const instant = revokedAt[i] as string;
    // Most of a long turnover is later than the five kept: the core's own form says so as text,
    // without a call per person (thousands of former holders on the bench's trust).
    if (first.length === count) {
      const last = revokedAt[first[count - 1] as number] as string;
      if (isCoreInstant(instant) && isCoreInstant(last) && instant >= last) continue;
    }
    // Found after everyone already kept, it goes behind those with the same instant.
    let at = first.length;
    while (at > 0 && compareInstants(instant, revokedAt[first[at - 1] as number] as string) < 0) at -= 1;
    if (at === count) continue;
    // In at `at`, the later ones one place down (the last falls off a full list).
    if (first.length < count) first.push(i);
    for (let j = first.length - 1; j > at; j -= 1) first[j] = first[j - 1] as number;
    first[at] = i;
  }
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
    const changedAtByChannel = new Map<number, string | null>();
    for (const channel of snapshot.channels) changedAtByChannel.set(channel.id, lastPasswordChange(channel));
    // The ended accesses not yet followed by a password change, by channel (in the order each
    // channel's first one is found), each channel's in the grants' order: a list threaded
    // through one typed array, so 16,000 ended grants make no object or map each.
    const { grants } = snapshot;
    const next = new Int32Array(grants.length);
    const slotOf = new Map<number, number>();
    const channels: number[] = [];
    const heads: number[] = [];
    const tails: number[] = [];
    for (let g = 0; g < grants.length; g += 1) {
      const grant = grants[g] as SnapshotGrant;
      const revokedAt = grant.revokedAt;
      if (revokedAt === null || index.holdsNow(grant.channelId, grant.personId)) continue;
      const changedAt = changedAtByChannel.get(grant.channelId) ?? null;
      if (changedAt !== null && isLater(changedAt, revokedAt)) continue;
      const slot = slotOf.get(grant.channelId);
      next[g] = -1;
      if (slot === undefined) {
        slotOf.set(grant.channelId, channels.length);
        channels.push(grant.channelId);
        heads.push(g);
        tails.push(g);
      } else {
        next[tails[slot] as number] = g;
        tails[slot] = g;
      }
    }
    // Who has been counted for the channel in hand: a person's mark is that channel's slot + 1.
    const personSlot = new Map<number, number>();
    const mark: number[] = [];
    const position: number[] = [];
    const former: Former = { people: [], revokedAt: [], size: 0 };
    const nameOf = (personId: number) => index.personById.get(personId)?.name ?? `a former holder (person #${personId})`;
    const findings: Finding[] = [];
    for (let slot = 0; slot < channels.length; slot += 1) {
      const channelId = channels[slot] as number;
      former.size = 0;
      for (let g = heads[slot] as number; g !== -1; g = next[g] as number) {
        const grant = grants[g] as SnapshotGrant;
        const revokedAt = grant.revokedAt as string;
        let p = personSlot.get(grant.personId);
        if (p === undefined) {
          p = mark.length;
          personSlot.set(grant.personId, p);
          mark.push(0);
          position.push(0);
        }
        if (mark[p] !== slot + 1) {
          mark[p] = slot + 1;
          position[p] = former.size;
          former.people[former.size] = grant.personId;
          former.revokedAt[former.size] = revokedAt;
          former.size += 1;
        } else if (isLater(revokedAt, former.revokedAt[position[p] as number] as string)) {
          former.revokedAt[position[p] as number] = revokedAt;
        }
      }
      const named = earliest(former, NAMED).map((i) => ({ personId: former.people[i] as number, revokedAt: former.revokedAt[i] as string }));
      const oldest = named[0];
      if (oldest === undefined) continue;
      const count = former.size;
      const age = daysBetween(londonDate(oldest.revokedAt), today);
      const severity: Severity = age > profile.rotateWithinDays ? 'high' : 'medium';
      const subject = index.channelSubject(channelId);
      const since =
        count === 1
          ? `${possessive(nameOf(oldest.personId))} access ended on ${formatLongDate(londonDate(oldest.revokedAt))}`
          : `access ended for ${listOfEach(named, (e) => `${nameOf(e.personId)} (${formatLongDate(londonDate(e.revokedAt))})`, NAMED, count)}`;
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
