import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, createTestVault, testClock, value, type TestVault } from '../support/test-vault';

const PPA = 'x:@SHINEatPPA';
const POSTER = { email: 'sam.slt@ppa.example', passphrase: 'poster passphrase 1' };
const SLT_AUDITOR = { email: 'pat@ppa.example', passphrase: 'ppa auditor pass' };

describe('monitoring: a check-in per channel per day, and the days nobody checked', () => {
  let v: TestVault;
  let poster: string;

  beforeEach(async () => {
    // The trust has used Custodian since October: its channels were added then.
    v = await createTestVault({ clock: testClock(new Date('2026-10-01T09:00:00Z')) });
    value(await v.call(v.admin, 'example.load', { demo: false }));
    // Tuesday 24 November 2026.
    v.clock.set(new Date('2026-11-24T10:00:00Z'));
    v.admin = await v.signIn(ADMIN.email, ADMIN.passphrase);
    value(await v.call(v.admin, 'person.add', { name: 'Sam Slt', email: POSTER.email, role: 'slt', school: 'PPA', consoleRole: 'poster', passphrase: POSTER.passphrase }));
    poster = await v.signIn(POSTER.email, POSTER.passphrase);
  });
  afterEach(async () => v.close());

  it('records who checked which channel and when, by the London date, and audits it', async () => {
    const check = value(await v.call(poster, 'monitor.check', { channel: 'X:shineatppa', at: '2026-11-20T09:30:00Z', note: 'Two new comments, both fine' }));
    expect(check).toMatchObject({
      channel: PPA,
      school: 'PPA',
      checkedOn: '2026-11-20',
      checkedAt: '2026-11-20T09:30:00.000Z',
      checkedBy: POSTER.email,
      checkedByName: 'Sam Slt',
      note: 'Two new comments, both fine',
    });
    // 23:30 UTC on 24 October is 00:30 on the 25th in London (BST).
    expect(value(await v.call(poster, 'monitor.check', { channel: PPA, at: '2026-10-24T23:30:00Z' })).checkedOn).toBe('2026-10-25');
    // Without --at: now.
    expect(value(await v.call(v.admin, 'monitor.check', { channel: 'x:@pendleeducation' }))).toMatchObject({ checkedOn: '2026-11-24', school: null });
    const events = value(await v.call(v.admin, 'audit.list', { action: 'monitor.check' }));
    expect(events).toHaveLength(3);
    expect(events.at(-1)).toMatchObject({ actor: POSTER.email, channel: PPA, school: 'PPA', details: { checkedOn: '2026-11-20', noted: true } });
    expect(JSON.stringify(events)).not.toContain('Two new comments');
  });

  it('lists exactly the missed days, weekends included, week by week', async () => {
    for (const at of ['2026-11-18T08:00:00Z', '2026-11-19T08:00:00Z', '2026-11-20T17:00:00Z', '2026-11-20T19:00:00Z', '2026-11-23T08:00:00Z']) {
      value(await v.call(poster, 'monitor.check', { channel: PPA, at }));
    }
    value(await v.call(poster, 'monitor.check', { channel: PPA }));
    // The default: the last 7 London days, ending today.
    const report = value(await v.call(v.admin, 'monitor.coverage', {}));
    expect([report.from, report.to]).toEqual(['2026-11-18', '2026-11-24']);
    expect(report.channels).toHaveLength(15);
    const ppa = report.channels.find((c) => c.channel === PPA);
    expect(ppa).toMatchObject({
      school: 'PPA',
      checkedDays: 5,
      totalDays: 7,
      // Saturday and Sunday: the policy asks for 7 days a week.
      missedDays: ['2026-11-21', '2026-11-22'],
      weeks: [
        { weekStarting: '2026-11-16', checked: 3, days: 5 },
        { weekStarting: '2026-11-23', checked: 2, days: 2 },
      ],
    });
    const unchecked = report.channels.find((c) => c.channel === 'x:@pendleeducation');
    expect(unchecked).toMatchObject({ school: null, checkedDays: 0, totalDays: 7 });
    expect(unchecked?.missedDays).toHaveLength(7);
  });

  it('does not count the days before a channel was added as missed', async () => {
    const missedBefore = value(await v.call(v.admin, 'compliance.report', {})).findings.filter((f) => f.ruleId === 'monitoring-coverage');
    value(await v.call(v.admin, 'channel.add', { platform: 'linkedin', handle: 'ppa-news', school: 'PPA' }));
    const fresh = value(await v.call(v.admin, 'monitor.coverage', {})).channels.find((c) => c.channel === 'linkedin:ppa-news');
    expect(fresh).toMatchObject({ countedFrom: '2026-11-24', checkedDays: 0, totalDays: 1, missedDays: ['2026-11-24'] });
    // Nor does the compliance report: a channel added today has missed nothing yet.
    const missedAfter = value(await v.call(v.admin, 'compliance.report', {})).findings.filter((f) => f.ruleId === 'monitoring-coverage');
    expect(missedAfter).toEqual(missedBefore);
    expect(missedBefore.length).toBeGreaterThan(0);
  });

  it('counts holidays too, and does not count days that have not happened yet', async () => {
    // The autumn half term: no school, but the accounts are still watched.
    for (const day of ['2026-10-26', '2026-10-27', '2026-10-29', '2026-10-30']) value(await v.call(poster, 'monitor.check', { channel: PPA, at: `${day}T10:00:00Z` }));
    const halfTerm = value(await v.call(v.admin, 'monitor.coverage', { from: '2026-10-24', to: '2026-11-01' })).channels.find((c) => c.channel === PPA);
    expect(halfTerm).toMatchObject({ checkedDays: 4, totalDays: 9, missedDays: ['2026-10-24', '2026-10-25', '2026-10-28', '2026-10-31', '2026-11-01'] });
    expect(halfTerm?.weeks).toEqual([
      { weekStarting: '2026-10-19', checked: 0, days: 2 },
      { weekStarting: '2026-10-26', checked: 4, days: 7 },
    ]);
    const ahead = value(await v.call(v.admin, 'monitor.coverage', { from: '2026-11-23', to: '2026-11-29' }));
    expect(ahead.channels.find((c) => c.channel === PPA)).toMatchObject({ totalDays: 2, missedDays: ['2026-11-23', '2026-11-24'] });
    expect([ahead.from, ahead.to]).toEqual(['2026-11-23', '2026-11-29']);
  });

  it('refuses a range that ends before it starts, a range over a year, and a check in the future', async () => {
    expect(await v.call(v.admin, 'monitor.coverage', { from: '2026-11-20', to: '2026-11-10' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'to' } });
    expect(await v.call(v.admin, 'monitor.coverage', { from: '2025-01-01', to: '2026-11-24' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    // --from alone runs to today: a start after today cannot.
    expect(await v.call(v.admin, 'monitor.coverage', { from: '2026-12-01' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'from', message: expect.stringContaining('today') } });
    expect(value(await v.call(v.admin, 'monitor.coverage', { from: '2026-11-20' }))).toMatchObject({ from: '2026-11-20', to: '2026-11-24' });
    expect(value(await v.call(v.admin, 'monitor.coverage', { to: '2026-11-10' }))).toMatchObject({ from: '2026-11-04', to: '2026-11-10' });
    expect(await v.call(poster, 'monitor.check', { channel: PPA, at: '2026-11-25T09:00:00Z' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'at' } });
    expect(await v.call(poster, 'monitor.check', { channel: 'x:@unknown' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(value(await v.call(v.admin, 'audit.list', { action: 'monitor.check' }))).toEqual([]);
  });

  it("shows an SLT auditor their own school's channels and the trust's, and lets no auditor record a check", async () => {
    value(await v.call(v.admin, 'person.add', { name: 'Pat Ppa', email: SLT_AUDITOR.email, role: 'slt', school: 'PPA', consoleRole: 'auditor', passphrase: SLT_AUDITOR.passphrase }));
    const slt = await v.signIn(SLT_AUDITOR.email, SLT_AUDITOR.passphrase);
    const report = value(await v.call(slt, 'monitor.coverage', {}));
    expect(new Set(report.channels.map((c) => c.school))).toEqual(new Set([null, 'PPA']));
    expect(await v.call(slt, 'monitor.check', { channel: PPA })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // A poster at PPA too: the channels their daily work covers; the core team sees all 15.
    expect(value(await v.call(poster, 'monitor.coverage', {})).channels).toEqual(report.channels);
    expect(value(await v.call(v.admin, 'monitor.coverage', {})).channels).toHaveLength(15);
  });
});
