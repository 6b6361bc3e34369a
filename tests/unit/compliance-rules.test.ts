import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ruleIds, type FindingSubject } from '../../shared/compliance/compliance-finding';
import { evaluateCompliance } from '../../shared/compliance/evaluate-compliance';
import { defaultPolicyProfile } from '../../shared/compliance/policy-profile';
import { complianceRules } from '../../shared/compliance/rules';
import { TODAY, channelIn, channelKeys, channelNames, compliantSnapshot, findingsOf, ids, onlyFinding, person, personIn } from './compliance-fixture';

const bowlandInstagram: FindingSubject = { kind: 'channel', key: channelKeys.bowlandInstagram, name: channelNames.bowlandInstagram };
const trustX: FindingSubject = { kind: 'channel', key: channelKeys.trustX, name: channelNames.trustX };
const ben: FindingSubject = { kind: 'person', key: 'ben.barker@bowland.example', name: 'Ben Barker' };

describe('the rule set', () => {
  it('has one rule per id, in the registry order, each with a title and its policy source', () => {
    expect(complianceRules.map((rule) => rule.id)).toEqual([...ruleIds]);
    for (const rule of complianceRules) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
      expect(rule.title.length).toBeGreaterThan(10);
      if (rule.source === 'profile') expect(rule.policy).toMatch(/^Not a sentence of the policy: the trust's policy profile \(\w+/);
    }
  });

  // The seed policy lives beside the repository (../shared/policy); where it is absent (a fresh
  // clone on CI), there is nothing to compare against.
  const policyPath = fileURLToPath(new URL('../../../shared/policy/social-media-policy.txt', import.meta.url));
  it.runIf(existsSync(policyPath))('quotes the policy verbatim', () => {
    const words = (text: string) => text.replace(/\s+/g, ' ');
    const policy = words(readFileSync(policyPath, 'utf8'));
    for (const rule of complianceRules.filter((r) => r.source === 'policy')) expect(policy, rule.id).toContain(words(rule.policy));
  });

  it('finds nothing wrong with the compliant fixture', () => {
    expect(evaluateCompliance(compliantSnapshot(), defaultPolicyProfile, TODAY)).toEqual([]);
  });

  it('sorts by severity, then by what the finding is about', () => {
    const snapshot = compliantSnapshot();
    channelIn(snapshot, ids.trustX).twoFactor = 'not-enabled';
    channelIn(snapshot, ids.bowlandInstagram).twoFactor = 'not-enabled';
    snapshot.reviews = [];
    personIn(snapshot, ids.ben).lastActiveAt = '2025-01-01T09:00:00.000Z';
    const findings = evaluateCompliance(snapshot, defaultPolicyProfile, TODAY);
    expect(findings.map((f) => [f.severity, f.subject.name])).toEqual([
      ['high', 'Bowland Primary on Instagram (@bowlandprimary)'],
      ['high', 'Pendle Education Trust'],
      ['high', 'Pendle Education Trust on X (@pendleeducation)'],
      ['low', 'Ben Barker'],
    ]);
  });

  it('orders names as people read them (case aside, numbers by value), then by message', () => {
    const snapshot = compliantSnapshot();
    const leaver = (id: number, name: string) => person({ id, name, email: `leaver${id}@pet.example`, role: 'core-team', schoolId: null, leftOn: '2026-10-01' });
    const poster = (id: number, name: string) => person({ id, name, email: `poster${id}@pet.example`, role: 'staff', schoolId: ids.bowland, consoleRole: 'poster' });
    snapshot.people.push(leaver(60, 'Zoe Zed'), leaver(61, 'Amy Ash'), poster(62, 'poster 10'), poster(63, 'Poster 9'), poster(64, 'POSTER 9'));
    channelIn(snapshot, ids.trustX).mailboxAccess.push('leaver60@pet.example', 'leaver61@pet.example');
    const findings = evaluateCompliance(snapshot, defaultPolicyProfile, TODAY);
    expect(findings.map((f) => [f.subject.name, f.message.split(' ').slice(0, 2).join(' ')])).toEqual([
      [channelNames.trustX, 'Amy Ash'],
      [channelNames.trustX, 'Zoe Zed'],
      ['Poster 9', 'Poster 9'],
      ['POSTER 9', 'POSTER 9'],
      ['poster 10', 'poster 10'],
    ]);
  });

  it('refuses a today that is not a date', () => {
    expect(() => evaluateCompliance(compliantSnapshot(), defaultPolicyProfile, '24/11/2026')).toThrow(/YYYY-MM-DD/);
    expect(() => evaluateCompliance(compliantSnapshot(), defaultPolicyProfile, '2026-02-30')).toThrow(/YYYY-MM-DD/);
  });
});

describe('core-team-holder', () => {
  it('passes when a current core-team member holds every channel', () => {
    expect(findingsOf('core-team-holder', compliantSnapshot())).toEqual([]);
  });

  it('flags a channel no core-team member holds', () => {
    const snapshot = compliantSnapshot();
    snapshot.grants = snapshot.grants.filter((g) => !(g.personId === ids.alice && g.channelId === ids.bowlandInstagram));
    const finding = onlyFinding(findingsOf('core-team-holder', snapshot), { ruleId: 'core-team-holder', severity: 'high', subject: bowlandInstagram });
    expect(finding.message).toBe('Nobody on the trust core team holds the login details of Bowland Primary on Instagram (@bowlandprimary).');
    expect(finding.fix).toBe('Grant a core-team member access in the access register.');
  });

  it('does not count a core-team member who has left, and asks for more when the profile does', () => {
    const snapshot = compliantSnapshot();
    personIn(snapshot, ids.alice).leftOn = TODAY;
    expect(findingsOf('core-team-holder', snapshot).map((f) => f.subject.key).sort()).toEqual([channelKeys.bowlandInstagram, channelKeys.trustX]);
    const stricter = findingsOf('core-team-holder', compliantSnapshot(), { minCoreTeamHolders: 2 });
    expect(stricter).toHaveLength(2);
    expect(stricter.every((f) => f.severity === 'medium' && f.message.startsWith('Only 1 member of the trust core team holds'))).toBe(true);
  });
});

describe('school-slt-holder', () => {
  it("passes when the school's own SLT holds its channel, and asks nothing of trust channels", () => {
    const snapshot = compliantSnapshot();
    expect(snapshot.grants.some((g) => g.channelId === ids.trustX && g.personId === ids.ben)).toBe(false);
    expect(findingsOf('school-slt-holder', snapshot)).toEqual([]);
  });

  it('flags a school channel with no SLT holder from that school (an SLT member of another school does not count)', () => {
    const snapshot = compliantSnapshot();
    snapshot.grants = snapshot.grants.filter((g) => g.personId !== ids.ben);
    snapshot.grants.push({ channelId: ids.bowlandInstagram, personId: ids.dan, grantedAt: '2026-02-01T10:00:00.000Z', revokedAt: null });
    const finding = onlyFinding(findingsOf('school-slt-holder', snapshot), { ruleId: 'school-slt-holder', severity: 'high', subject: bowlandInstagram });
    expect(finding.message).toBe("Nobody on Bowland Primary's senior leadership team holds the login details of Bowland Primary on Instagram (@bowlandprimary).");
  });
});

describe('holder-left', () => {
  it('passes when nobody who has left holds access (a leaving date still ahead does not count yet)', () => {
    const snapshot = compliantSnapshot();
    personIn(snapshot, ids.ben).leftOn = '2026-12-31';
    expect(findingsOf('holder-left', snapshot)).toEqual([]);
  });

  it('flags a leaver who still holds login details, naming the channels', () => {
    const snapshot = compliantSnapshot();
    personIn(snapshot, ids.ben).leftOn = '2026-10-31';
    const finding = onlyFinding(findingsOf('holder-left', snapshot), { ruleId: 'holder-left', severity: 'high', subject: ben }, ['Ben Barker', channelNames.bowlandInstagram]);
    expect(finding.message).toBe('Ben Barker left on 31 October 2026 but still holds the login details of Bowland Primary on Instagram (@bowlandprimary).');
  });
});

describe('holder-inactive', () => {
  it('passes for active holders and for a new holder who has not signed in yet', () => {
    const snapshot = compliantSnapshot();
    snapshot.people.push(person({ id: 9, name: 'Nia New', email: 'nia@pet.example', role: 'core-team', schoolId: null, lastActiveAt: null }));
    snapshot.grants.push({ channelId: ids.trustX, personId: 9, grantedAt: '2026-11-01T10:00:00.000Z', revokedAt: null });
    expect(findingsOf('holder-inactive', snapshot)).toEqual([]);
  });

  it('flags a holder who has not used Custodian for longer than the profile allows', () => {
    const snapshot = compliantSnapshot();
    personIn(snapshot, ids.ben).lastActiveAt = '2026-03-01T09:00:00.000Z';
    const finding = onlyFinding(findingsOf('holder-inactive', snapshot), { ruleId: 'holder-inactive', severity: 'low', subject: ben }, ['Ben Barker', channelNames.bowlandInstagram]);
    expect(finding.message).toContain('has not used Custodian since 1 March 2026');
    expect(findingsOf('holder-inactive', snapshot, { inactiveAfterDays: 365 })).toEqual([]);
  });

  it('flags a long-standing holder who has never used Custodian', () => {
    const snapshot = compliantSnapshot();
    personIn(snapshot, ids.ben).lastActiveAt = null;
    expect(onlyFinding(findingsOf('holder-inactive', snapshot), { ruleId: 'holder-inactive', severity: 'low', subject: ben }).message).toContain('has never used Custodian');
    // A new grant does not reset the clock: they have held login details since January.
    snapshot.grants.push({ channelId: ids.trustX, personId: ids.ben, grantedAt: '2026-11-23T10:00:00.000Z', revokedAt: null });
    expect(onlyFinding(findingsOf('holder-inactive', snapshot), { ruleId: 'holder-inactive', severity: 'low', subject: ben }).message).toContain('the login details of 2 channels');
  });
});

describe('mailbox-dedicated', () => {
  it('passes for a recorded, dedicated mailbox', () => {
    expect(findingsOf('mailbox-dedicated', compliantSnapshot())).toEqual([]);
  });

  it('flags a mailbox that is not dedicated', () => {
    const snapshot = compliantSnapshot();
    channelIn(snapshot, ids.bowlandInstagram).mailboxDedicated = false;
    const finding = onlyFinding(findingsOf('mailbox-dedicated', snapshot), { ruleId: 'mailbox-dedicated', severity: 'high', subject: bowlandInstagram });
    expect(finding.message).toContain('is not dedicated to social media');
  });

  it("flags someone's own address even when marked dedicated", () => {
    const snapshot = compliantSnapshot();
    channelIn(snapshot, ids.trustX).registrationEmail = 'Alice.Ashworth@pet.example';
    const finding = onlyFinding(findingsOf('mailbox-dedicated', snapshot), { ruleId: 'mailbox-dedicated', severity: 'high', subject: trustX }, [channelNames.trustX, "Alice Ashworth's own email address"]);
    expect(finding.fix).toMatch(/dedicated social media mailbox/);
  });

  it('flags a mailbox that is not recorded (medium) or not known to be dedicated (low)', () => {
    const missing = compliantSnapshot();
    channelIn(missing, ids.trustX).registrationEmail = null;
    onlyFinding(findingsOf('mailbox-dedicated', missing), { ruleId: 'mailbox-dedicated', severity: 'medium', subject: trustX });
    const unknown = compliantSnapshot();
    channelIn(unknown, ids.trustX).mailboxDedicated = null;
    onlyFinding(findingsOf('mailbox-dedicated', unknown), { ruleId: 'mailbox-dedicated', severity: 'low', subject: trustX });
  });
});

describe('mailbox-shared-access', () => {
  it('passes when at least two current staff, from the trust and the school, can open it', () => {
    expect(findingsOf('mailbox-shared-access', compliantSnapshot())).toEqual([]);
  });

  it('flags a mailbox only one member of staff can open (addresses not in the register do not count)', () => {
    const snapshot = compliantSnapshot();
    channelIn(snapshot, ids.bowlandInstagram).mailboxAccess = ['ben.barker@bowland.example', 'BEN.BARKER@bowland.example', 'someone@gmail.example'];
    const finding = onlyFinding(findingsOf('mailbox-shared-access', snapshot), { ruleId: 'mailbox-shared-access', severity: 'medium', subject: bowlandInstagram });
    expect(finding.message).toBe(
      'Only Ben Barker is recorded as able to open socialmedia@bowland.example, the mailbox used to register Bowland Primary on Instagram (@bowlandprimary) (1 address on its list is not in the people register).',
    );
  });

  it('flags a leaver who can still open the mailbox', () => {
    const snapshot = compliantSnapshot();
    channelIn(snapshot, ids.trustX).mailboxAccess.push('cara.clegg@bowland.example');
    personIn(snapshot, ids.cara).leftOn = '2026-08-31';
    const finding = onlyFinding(findingsOf('mailbox-shared-access', snapshot), { ruleId: 'mailbox-shared-access', severity: 'high', subject: trustX }, [channelNames.trustX, 'Cara Clegg']);
    expect(finding.message).toContain('left on 31 August 2026 but can still open socialmedia@pet.example, the mailbox used to register');
  });

  it("flags a school's mailbox no trust core-team member can open", () => {
    const snapshot = compliantSnapshot();
    channelIn(snapshot, ids.bowlandInstagram).mailboxAccess = ['ben.barker@bowland.example', 'cara.clegg@bowland.example'];
    const finding = onlyFinding(findingsOf('mailbox-shared-access', snapshot), { ruleId: 'mailbox-shared-access', severity: 'low', subject: bowlandInstagram });
    expect(finding.message).toContain('but by nobody on the trust core team');
  });
});

describe('two-factor', () => {
  it('passes when 2FA is on, or the platform offers none', () => {
    const snapshot = compliantSnapshot();
    channelIn(snapshot, ids.trustX).twoFactor = 'not-available';
    expect(findingsOf('two-factor', snapshot)).toEqual([]);
  });

  it('flags a channel where 2FA is available but off', () => {
    const snapshot = compliantSnapshot();
    channelIn(snapshot, ids.bowlandInstagram).twoFactor = 'not-enabled';
    const finding = onlyFinding(findingsOf('two-factor', snapshot), { ruleId: 'two-factor', severity: 'high', subject: bowlandInstagram });
    expect(finding.message).toBe('2-factor authentication is not turned on for Bowland Primary on Instagram (@bowlandprimary).');
    expect(findingsOf('two-factor', snapshot, { requireTwoFactor: false })).toEqual([]);
  });
});

describe('rotate-after-revoke', () => {
  it('passes when the password changed after access ended, or the person holds it again', () => {
    const snapshot = compliantSnapshot();
    snapshot.grants.push({ channelId: ids.trustX, personId: ids.ben, grantedAt: '2026-10-01T10:00:00.000Z', revokedAt: '2026-11-10T10:00:00.000Z' });
    snapshot.grants.push({ channelId: ids.trustX, personId: ids.ben, grantedAt: '2026-11-12T10:00:00.000Z', revokedAt: null });
    expect(findingsOf('rotate-after-revoke', snapshot)).toEqual([]);
  });

  it('flags a password not changed since access ended: medium at first, high after rotateWithinDays', () => {
    const snapshot = compliantSnapshot();
    snapshot.grants.push({ channelId: ids.bowlandInstagram, personId: ids.cara, grantedAt: '2026-10-02T10:00:00.000Z', revokedAt: '2026-11-20T10:00:00.000Z' });
    const recent = onlyFinding(findingsOf('rotate-after-revoke', snapshot), { ruleId: 'rotate-after-revoke', severity: 'medium', subject: bowlandInstagram }, [channelNames.bowlandInstagram, 'Cara Clegg']);
    expect(recent.message).toBe("The password of Bowland Primary on Instagram (@bowlandprimary) has not been changed since Cara Clegg's access ended on 20 November 2026.");
    onlyFinding(findingsOf('rotate-after-revoke', snapshot, {}, '2026-11-28'), { ruleId: 'rotate-after-revoke', severity: 'high', subject: bowlandInstagram });
  });

  it('names everyone whose access ended in one finding per channel, and treats a never-stored password as unchanged', () => {
    const snapshot = compliantSnapshot();
    channelIn(snapshot, ids.trustX).passwordSetAt = null;
    channelIn(snapshot, ids.trustX).passwordRotatedAt = null;
    snapshot.grants.push({ channelId: ids.trustX, personId: ids.cara, grantedAt: '2026-02-01T10:00:00.000Z', revokedAt: '2026-03-01T10:00:00.000Z' });
    snapshot.grants.push({ channelId: ids.trustX, personId: ids.dan, grantedAt: '2026-02-01T10:00:00.000Z', revokedAt: '2026-03-05T10:00:00.000Z' });
    const finding = onlyFinding(findingsOf('rotate-after-revoke', snapshot), { ruleId: 'rotate-after-revoke', severity: 'high', subject: trustX }, ['Cara Clegg (1 March 2026)', 'Dan Dewhurst (5 March 2026)']);
    expect(finding.message).toContain(channelNames.trustX);
  });

  it('names the five whose access ended first, earliest first, and counts the rest', () => {
    const snapshot = compliantSnapshot();
    channelIn(snapshot, ids.trustX).passwordSetAt = null;
    channelIn(snapshot, ids.trustX).passwordRotatedAt = null;
    // Found in this order; Gus and Hal share an instant, Ivy's is written with an offset, and
    // Lee's later access (June) is the one that counts.
    const ended: [string, string][] = [
      ['Kim Kay', '2026-05-01T10:00:00.000Z'],
      ['Gus Gray', '2026-03-05T10:00:00.000Z'],
      ['Fay Fox', '2026-03-01T10:00:00.000Z'],
      ['Hal Hart', '2026-03-05T10:00:00.000Z'],
      ['Ivy Ince', '2026-03-02T12:00:00+01:00'],
      ['Lee Lo', '2026-02-20T10:00:00.000Z'],
      ['Jon Jay', '2026-04-01T10:00:00.000Z'],
      ['Lee Lo', '2026-06-01T10:00:00.000Z'],
    ];
    const idOf = new Map<string, number>();
    for (const [name, revokedAt] of ended) {
      let id = idOf.get(name);
      if (id === undefined) {
        id = 50 + idOf.size;
        idOf.set(name, id);
        snapshot.people.push(person({ id, name, email: `${name.replace(' ', '.').toLowerCase()}@pet.example`, role: 'core-team', schoolId: null }));
      }
      snapshot.grants.push({ channelId: ids.trustX, personId: id, grantedAt: '2026-01-05T10:00:00.000Z', revokedAt });
    }
    const finding = onlyFinding(findingsOf('rotate-after-revoke', snapshot), { ruleId: 'rotate-after-revoke', severity: 'high', subject: trustX });
    expect(finding.message).toBe(
      `The password of ${channelNames.trustX} has not been changed since access ended for Fay Fox (1 March 2026), Ivy Ince (2 March 2026), Gus Gray (5 March 2026), Hal Hart (5 March 2026), Jon Jay (1 April 2026) and 2 more.`,
    );
  });
});
