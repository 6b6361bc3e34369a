import { expect } from 'vitest';
import type { Finding, RuleId } from '../../shared/compliance/compliance-finding';
import type { ComplianceSnapshot } from '../../shared/compliance/compliance-snapshot';
import { defaultPolicyProfile, type PolicyProfile } from '../../shared/compliance/policy-profile';
import { rulesById } from '../../shared/compliance/rules';

/**
 * A small trust that meets every rule on TODAY, for tests to break one thing at a time:
 * Pendle Education Trust with Bowland Primary (and a second school, West Craven High School).
 */
export const TODAY = '2026-11-24';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? Mutable<U>[] : T[K] };
export type DraftSnapshot = Mutable<ComplianceSnapshot>;
export type DraftPerson = DraftSnapshot['people'][number];
export type DraftChannel = DraftSnapshot['channels'][number];

export const ids = {
  bowland: 1,
  westCraven: 2,
  alice: 1, // trust core team, Custodian administrator
  ben: 2, // Bowland Primary SLT, poster
  cara: 3, // Bowland Primary staff, poster, holds nothing now
  dan: 4, // West Craven High School SLT, auditor
  trustX: 10,
  bowlandInstagram: 11,
  complaint: 100,
  pupilMessage: 101,
  incident: 200,
} as const;

export const channelKeys = { trustX: 'x:@pendleeducation', bowlandInstagram: 'instagram:@bowlandprimary' } as const;
export const channelNames = {
  trustX: 'Pendle Education Trust on X (@pendleeducation)',
  bowlandInstagram: 'Bowland Primary on Instagram (@bowlandprimary)',
} as const;

export function compliantSnapshot(): DraftSnapshot {
  const week = ['2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23'];
  return {
    trustName: 'Pendle Education Trust',
    schools: [
      { id: ids.bowland, code: 'BP', name: 'Bowland Primary' },
      { id: ids.westCraven, code: 'WCHS', name: 'West Craven High School' },
    ],
    people: [
      person({ id: ids.alice, name: 'Alice Ashworth', email: 'alice.ashworth@pet.example', role: 'core-team', schoolId: null, consoleRole: 'admin' }),
      person({ id: ids.ben, name: 'Ben Barker', email: 'ben.barker@bowland.example', role: 'slt', schoolId: ids.bowland, consoleRole: 'poster' }),
      person({ id: ids.cara, name: 'Cara Clegg', email: 'cara.clegg@bowland.example', role: 'staff', schoolId: ids.bowland, consoleRole: 'poster' }),
      person({ id: ids.dan, name: 'Dan Dewhurst', email: 'dan.dewhurst@westcraven.example', role: 'slt', schoolId: ids.westCraven, consoleRole: 'auditor' }),
    ],
    channels: [
      channel({ id: ids.trustX, platform: 'x', handle: '@pendleeducation', name: 'PET Twitter', schoolId: null, registrationEmail: 'socialmedia@pet.example', mailboxAccess: ['alice.ashworth@pet.example', 'dan.dewhurst@westcraven.example'] }),
      channel({ id: ids.bowlandInstagram, platform: 'instagram', handle: '@bowlandprimary', name: 'Bowland Primary Instagram', schoolId: ids.bowland, registrationEmail: 'socialmedia@bowland.example', mailboxAccess: ['alice.ashworth@pet.example', 'ben.barker@bowland.example'] }),
    ],
    grants: [
      { channelId: ids.trustX, personId: ids.alice, grantedAt: '2026-01-10T10:00:00.000Z', revokedAt: null },
      { channelId: ids.bowlandInstagram, personId: ids.alice, grantedAt: '2026-01-10T10:00:00.000Z', revokedAt: null },
      { channelId: ids.bowlandInstagram, personId: ids.ben, grantedAt: '2026-01-10T10:00:00.000Z', revokedAt: null },
      // Cara's access ended before the password was last changed: nothing left to do.
      { channelId: ids.bowlandInstagram, personId: ids.cara, grantedAt: '2026-02-01T10:00:00.000Z', revokedAt: '2026-09-01T10:00:00.000Z' },
    ],
    training: [
      { personId: ids.alice, trainedOn: '2026-03-02', trainerId: ids.ben },
      { personId: ids.ben, trainedOn: '2026-03-02', trainerId: ids.alice },
      { personId: ids.cara, trainedOn: '2026-06-01', trainerId: ids.alice },
    ],
    inbox: [
      { id: ids.complaint, channelId: ids.bowlandInstagram, kind: 'complaint', receivedAt: '2026-11-02T16:00:00.000Z', dueOn: '2026-11-09', lateFrom: '2026-11-10', respondedAt: '2026-11-05T09:00:00.000Z', dslNotifiedAt: null },
      { id: ids.pupilMessage, channelId: ids.bowlandInstagram, kind: 'pupil-contact', receivedAt: '2026-11-10T16:00:00.000Z', dueOn: '2026-11-17', lateFrom: '2026-11-18', respondedAt: null, dslNotifiedAt: '2026-11-10T16:30:00.000Z' },
    ],
    monitoring: [ids.trustX, ids.bowlandInstagram].flatMap((channelId) => week.map((date) => ({ channelId, date }))),
    rota: [ids.trustX, ids.bowlandInstagram].flatMap((channelId) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ channelId, weekday, personId: weekday <= 5 ? ids.ben : ids.alice }))),
    incidents: [{ id: ids.incident, channelId: ids.bowlandInstagram, openedAt: '2026-11-20T12:00:00.000Z', escalatedTo: ['alice.ashworth@pet.example'], closedAt: null, evidenceCount: 2 }],
    reviews: [{ reviewedOn: '2026-01-20', nextReviewOn: '2027-07-31' }],
    recoveryKit: true,
  };
}

export function person(fields: Pick<DraftPerson, 'id' | 'name' | 'email' | 'role' | 'schoolId'> & Partial<DraftPerson>): DraftPerson {
  return { leftOn: null, consoleRole: null, lastActiveAt: '2026-11-20T09:00:00.000Z', ...fields };
}

export function channel(fields: Pick<DraftChannel, 'id' | 'platform' | 'handle' | 'name' | 'schoolId'> & Partial<DraftChannel>): DraftChannel {
  return {
    registrationEmail: null,
    mailboxDedicated: true,
    mailboxAccess: [],
    twoFactor: 'enabled',
    passwordSetAt: '2026-01-10T10:00:00.000Z',
    passwordRotatedAt: '2026-10-01T10:00:00.000Z',
    addedOn: '2026-01-10',
    ...fields,
  };
}

export function personIn(snapshot: DraftSnapshot, id: number): DraftPerson {
  const found = snapshot.people.find((p) => p.id === id);
  if (found === undefined) throw new Error(`no person ${id} in the fixture`);
  return found;
}

export function channelIn(snapshot: DraftSnapshot, id: number): DraftChannel {
  const found = snapshot.channels.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no channel ${id} in the fixture`);
  return found;
}

/**
 * One rule's findings. The snapshot is copied at the top level so that the engine's per-snapshot
 * index cache never sees a draft a test has changed since.
 */
export function findingsOf(ruleId: RuleId, snapshot: DraftSnapshot, profile: Partial<PolicyProfile> = {}, today = TODAY): Finding[] {
  const rule = rulesById.get(ruleId);
  if (rule === undefined) throw new Error(`no rule ${ruleId}`);
  return rule.evaluate({ ...snapshot }, { ...defaultPolicyProfile, ...profile }, today);
}

/** Exactly one finding, from this rule, of this severity, about this subject, whose message names `names` (by default the subject). */
export function onlyFinding(
  findings: Finding[],
  expected: Pick<Finding, 'ruleId' | 'severity' | 'subject'>,
  names: readonly string[] = [expected.subject.name],
): Finding {
  expect(findings).toHaveLength(1);
  const [finding] = findings as [Finding];
  expect(finding).toMatchObject(expected);
  for (const name of names) expect(finding.message).toContain(name);
  expect(finding.fix.length).toBeGreaterThan(10);
  return finding;
}
