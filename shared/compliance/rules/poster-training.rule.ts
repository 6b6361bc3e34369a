import type { ComplianceRule, Finding, Severity } from '../compliance-finding';
import type { SnapshotGrant, SnapshotPerson, SnapshotTraining } from '../compliance-snapshot';
import { addMonths, daysBetween, formatLongDate } from '../compliance-dates';
import { hasLeft, indexSnapshot, personSubject, type SnapshotIndex } from '../compliance-index';
import { countOf, listOf, possessive } from '../compliance-words';
import { policySentences } from '../policy-sentences';

const EXPIRING_WITHIN_DAYS = 30;

/**
 * "Members of staff who have access to post": anyone with the poster role in Custodian, and
 * anyone who holds a channel's login details (they can post directly on the platform). The
 * policy gives training no expiry; the profile's trainingValidMonths does. "From an account
 * administrator": a Custodian administrator or someone who has held an account's login details,
 * and not the trainee themselves.
 */
export const posterTrainingRule: ComplianceRule = {
  id: 'poster-training',
  title: 'Everyone who can post has in-date training',
  source: 'policy',
  policy: policySentences.training,
  evaluate(snapshot, profile, today) {
    const index = indexSnapshot(snapshot);
    const latest = new Map<number, SnapshotTraining>();
    for (const record of snapshot.training) {
      // A date in the future is a booking, not training received.
      if (record.trainedOn > today) continue;
      const seen = latest.get(record.personId);
      if (seen === undefined || record.trainedOn > seen.trainedOn) latest.set(record.personId, record);
    }
    // People are trained in sessions, so many share a date: work each expiry out once.
    const expiryOf = new Map<string, { expires: string; daysLeft: number }>();
    const findings: Finding[] = [];
    const add = (severity: Severity, person: SnapshotPerson, message: string, fix: string) =>
      findings.push({ ruleId: 'poster-training', severity, subject: personSubject(person), message, fix });

    for (const person of snapshot.people) {
      if (hasLeft(person, today)) continue;
      const grants = index.currentGrantsByPerson.get(person.id) ?? [];
      if (person.consoleRole !== 'poster' && grants.length === 0) continue;
      const record = latest.get(person.id);
      if (record === undefined) {
        add('high', person, `${canPost(index, person, grants)} but has no record of social media training.`, `Arrange training for ${person.name} with an account administrator and record it.`);
        continue;
      }
      let expiry = expiryOf.get(record.trainedOn);
      if (expiry === undefined) {
        const expires = addMonths(record.trainedOn, profile.trainingValidMonths);
        expiry = { expires, daysLeft: daysBetween(today, expires) };
        expiryOf.set(record.trainedOn, expiry);
      }
      const { expires, daysLeft } = expiry;
      if (daysLeft <= 0) {
        add(
          'medium',
          person,
          `${canPost(index, person, grants)} but their social media training (${formatLongDate(record.trainedOn)}) ran out on ${formatLongDate(expires)}.`,
          `Arrange refresher training for ${person.name} with an account administrator and record it.`,
        );
        continue;
      }
      if (!givenByAdministrator(index, record, person)) {
        add(
          'low',
          person,
          `${possessive(person.name)} social media training on ${formatLongDate(record.trainedOn)} is not recorded as given by an account administrator.`,
          'Record which account administrator gave the training, or arrange training with one.',
        );
      }
      if (daysLeft <= EXPIRING_WITHIN_DAYS) {
        add('low', person, `${possessive(person.name)} social media training runs out on ${formatLongDate(expires)}.`, `Book refresher training for ${person.name} with an account administrator before then.`);
      }
    }
    return findings;
  },
};

/** 'Ben Barker can post to Bowland Primary on Instagram (@bowlandprimary)'; built only for a finding. */
function canPost(index: SnapshotIndex, person: SnapshotPerson, grants: readonly SnapshotGrant[]): string {
  const channels = grants.map((grant) => index.channelSubject(grant.channelId).name);
  if (channels.length === 0) return `${person.name} can post through Custodian`;
  if (channels.length === 1) return `${person.name} can post to ${channels[0] ?? ''}`;
  return `${person.name} can post to ${countOf(channels.length, 'channel')} (${listOf(channels)})`;
}

function givenByAdministrator(index: SnapshotIndex, record: SnapshotTraining, trainee: SnapshotPerson): boolean {
  if (record.trainerId === null || record.trainerId === trainee.id) return false;
  const trainer = index.personById.get(record.trainerId);
  return trainer !== undefined && (trainer.consoleRole === 'admin' || index.everHeld.has(trainer.id));
}
