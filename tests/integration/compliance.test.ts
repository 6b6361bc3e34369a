import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ComplianceView } from '../../shared/contract/views';
import { ADMIN, createTestVault, testClock, value, type TestVault } from '../support/test-vault';

const PET_X = 'x:@pendleeducation';
const PPA_X = 'x:@SHINEatPPA';
const TODAY = new Date('2026-11-24T10:00:00Z');

function about(report: ComplianceView, ruleId: string, key: string) {
  return report.findings.filter((f) => f.ruleId === ruleId && f.subject.key.toLowerCase() === key.toLowerCase());
}

describe('the compliance report on the example trust', () => {
  let v: TestVault;

  beforeEach(async () => {
    // The trust set Custodian up a week ago, so a week of monitoring counts (days before it do not).
    v = await createTestVault({ clock: testClock(new Date(TODAY.getTime() - 7 * 86_400_000)) });
    value(await v.call(v.admin, 'example.load', { demo: false }));
    v.clock.set(TODAY);
    v.admin = await v.signIn(ADMIN.email, ADMIN.passphrase);
  });
  afterEach(async () => v.close());

  it('says the policy review is overdue and names every channel with no holder, no 2FA and no check-ins', async () => {
    const report = value(await v.call(v.admin, 'compliance.report', {}));
    expect(report.today).toBe('2026-11-24');
    const review = report.findings.filter((f) => f.ruleId === 'policy-review');
    expect(review).toEqual([expect.objectContaining({ severity: 'high', subject: expect.objectContaining({ kind: 'trust' }) })]);
    expect(review[0]?.message).toMatch(/due for review in January 2026 and is now overdue/);
    // 15 channels, none with a core-team holder; the 10 school channels have no SLT holder either.
    expect(report.findings.filter((f) => f.ruleId === 'core-team-holder')).toHaveLength(15);
    expect(report.findings.filter((f) => f.ruleId === 'school-slt-holder')).toHaveLength(11);
    expect(report.findings.filter((f) => f.ruleId === 'monitoring-coverage')).toHaveLength(15);
    expect(about(report, 'core-team-holder', PET_X)[0]?.message).toContain('@pendleeducation');
    expect(report.counts.high).toBe(report.findings.filter((f) => f.severity === 'high').length);
    expect(report.rules.map((r) => r.id)).toContain('response-deadline');
    expect(report.rules.find((r) => r.id === 'core-team-holder')?.findings).toBe(15);
  });

  it('clears a finding once it is put right: a holder, 2FA, a review, daily checks', async () => {
    value(await v.call(v.admin, 'access.grant', { channel: PET_X, email: ADMIN.email }));
    value(await v.call(v.admin, 'channel.update', { channel: PET_X, twoFactor: 'enabled' }));
    value(
      await v.call(v.admin, 'policy.recordReview', {
        reviewedOn: '2026-11-20',
        reviewedBy: 'Online safety group',
        outcome: 'Approved with minor changes',
        nextReviewOn: '2027-11-30',
      }),
    );
    for (let day = 1; day <= 7; day += 1) {
      v.clock.set(new Date(TODAY.getTime() - day * 86_400_000));
      value(await v.call(v.admin, 'monitor.check', { channel: PET_X }));
    }
    v.clock.set(TODAY);
    const report = value(await v.call(v.admin, 'compliance.report', {}));
    expect(about(report, 'core-team-holder', PET_X)).toEqual([]);
    expect(about(report, 'two-factor', PET_X)).toEqual([]);
    expect(about(report, 'monitoring-coverage', PET_X)).toEqual([]);
    expect(report.findings.filter((f) => f.ruleId === 'policy-review')).toEqual([]);
    const policy = value(await v.call(v.admin, 'policy.show', {}));
    expect(policy).toMatchObject({ overdue: false, nextReviewOn: '2027-11-30', source: 'default' });
    expect(policy.reviews).toEqual([expect.objectContaining({ reviewedBy: 'Online safety group', recordedBy: ADMIN.email })]);
  });

  it('asks for a password change after a holder’s access ends, until it is changed', async () => {
    value(await v.call(v.admin, 'secret.set', { channel: PPA_X, kind: 'password', value: 'first-password-1' }));
    value(await v.call(v.admin, 'person.add', { name: 'Sam Slt', email: 'sam@ppa.example', role: 'slt', school: 'PPA' }));
    value(await v.call(v.admin, 'access.grant', { channel: PPA_X, email: 'sam@ppa.example' }));
    value(await v.call(v.admin, 'access.revoke', { channel: PPA_X, email: 'sam@ppa.example', reason: 'Moved school' }));
    const before = about(value(await v.call(v.admin, 'compliance.report', {})), 'rotate-after-revoke', PPA_X);
    expect(before).toEqual([expect.objectContaining({ severity: 'medium' })]);
    expect(before[0]?.message).toContain('Sam Slt');
    // Eight days on, it is overdue.
    v.clock.set(new Date(TODAY.getTime() + 8 * 86_400_000));
    expect(about(value(await v.call(v.admin, 'compliance.report', {})), 'rotate-after-revoke', PPA_X)[0]?.severity).toBe('high');
    value(await v.call(v.admin, 'secret.set', { channel: PPA_X, kind: 'password', value: 'second-password-2' }));
    expect(about(value(await v.call(v.admin, 'compliance.report', {})), 'rotate-after-revoke', PPA_X)).toEqual([]);
  });

  it('flags a poster with no training until it is recorded', async () => {
    value(await v.call(v.admin, 'person.add', { name: 'Pat Poster', email: 'pat@ppa.example', role: 'staff', school: 'PPA', consoleRole: 'poster', passphrase: 'pat passphrase 1' }));
    expect(about(value(await v.call(v.admin, 'compliance.report', {})), 'poster-training', 'pat@ppa.example')).toEqual([
      expect.objectContaining({ severity: 'high' }),
    ]);
    value(await v.call(v.admin, 'training.record', { email: 'pat@ppa.example', on: '2026-11-02', trainer: ADMIN.email }));
    expect(about(value(await v.call(v.admin, 'compliance.report', {})), 'poster-training', 'pat@ppa.example')).toEqual([]);
  });

  it('shows an SLT auditor their own school’s findings and the trust’s, nobody else’s', async () => {
    value(await v.call(v.admin, 'person.add', { name: 'Ava Audit', email: 'ava@ppa.example', role: 'slt', school: 'PPA', consoleRole: 'auditor', passphrase: 'auditor passphrase 1' }));
    value(await v.call(v.admin, 'person.add', { name: 'Pat Poster', email: 'pat@wchs.example', role: 'staff', school: 'WCHS', consoleRole: 'poster', passphrase: 'pat passphrase 1' }));
    const auditor = await v.signIn('ava@ppa.example', 'auditor passphrase 1');
    const report = value(await v.call(auditor, 'compliance.report', {}));
    const channelKeys = new Set(report.findings.filter((f) => f.subject.kind === 'channel').map((f) => f.subject.key.toLowerCase()));
    const schools = value(await v.call(v.admin, 'channel.list', {}));
    const ppa = new Set(schools.filter((c) => c.school === 'PPA').map((c) => `${c.platform}:${c.handle}`.toLowerCase()));
    expect(channelKeys.size).toBeGreaterThan(0);
    for (const key of channelKeys) expect(ppa.has(key)).toBe(true);
    expect(report.findings.some((f) => f.subject.key === 'pat@wchs.example')).toBe(false);
    expect(report.findings.some((f) => f.ruleId === 'policy-review')).toBe(true);
  });

  it('changes the profile within the policy’s bounds only, and records what changed', async () => {
    const laxer = await v.call(v.admin, 'policy.update', { settings: { responseSchoolDays: 10 } });
    expect(laxer.ok).toBe(false);
    if (!laxer.ok) {
      expect(laxer.error).toMatchObject({ code: 'invalid_input', field: 'settings' });
      expect(laxer.error.message).toMatch(/responseSchoolDays/);
    }
    const unknown = await v.call(v.admin, 'policy.update', { settings: { reviewEveryWeek: true } });
    expect(unknown.ok).toBe(false);
    expect(value(await v.call(v.admin, 'policy.show', {})).source).toBe('default');

    const updated = value(await v.call(v.admin, 'policy.update', { settings: { inactiveAfterDays: 90 } }));
    expect(updated).toMatchObject({ source: 'stored', profile: expect.objectContaining({ inactiveAfterDays: 90, responseSchoolDays: 5 }) });
    const [event] = value(await v.call(v.admin, 'audit.list', { action: 'policy.update' }));
    expect(event).toMatchObject({ actor: ADMIN.email, outcome: 'ok', details: { inactiveAfterDays: { from: 180, to: 90 } } });

    const reversed = await v.call(v.admin, 'policy.recordReview', { reviewedOn: '2026-11-20', reviewedBy: 'Group', outcome: 'Fine', nextReviewOn: '2026-11-01' });
    expect(reversed.ok).toBe(false);
    if (!reversed.ok) expect(reversed.error.field).toBe('nextReviewOn');
  });
});
