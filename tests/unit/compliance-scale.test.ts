import { describe, expect, it } from 'vitest';
import { platforms } from '../../shared/domain/enums';
import { ruleIds, type Finding, type RuleId } from '../../shared/compliance/compliance-finding';
import { evaluateCompliance } from '../../shared/compliance/evaluate-compliance';
import { defaultPolicyProfile } from '../../shared/compliance/policy-profile';
import { monitoringWindow } from '../../shared/compliance/rules/monitoring-coverage.rule';
import { TODAY, channel, person, type DraftSnapshot } from './compliance-fixture';

/**
 * A trust far bigger than any real one (500 channels, 2,000 people, 20,000 grants, 10,000 inbox
 * items), compliant except for known, countable faults. It checks that the indexed rules find
 * every fault at that size; the engine's speed is the bench's business, not a unit test's.
 */
const SCHOOLS = 100;
const CORE = 20;
const TRUST_CHANNELS = 20;
const CHANNELS = 500;
const PEOPLE = 2000;
const GRANTS_PER_CHANNEL = 40;

const sltOf = (school: number) => CORE + school;
/** Staff of a school: ids 121.. spread round-robin over the schools; k is 0..17 for every school. */
const staffOf = (school: number, k: number) => CORE + SCHOOLS + school + SCHOOLS * k;
const emailOf = (id: number) => `person${id}@trust.example`;
const schoolOfChannel = (ch: number) => (ch <= TRUST_CHANNELS ? null : ((ch - TRUST_CHANNELS - 1) % SCHOOLS) + 1);

function bigTrust(): DraftSnapshot {
  const snapshot: DraftSnapshot = { trustName: 'Big Trust', schools: [], people: [], channels: [], grants: [], training: [], inbox: [], monitoring: [], rota: [], incidents: [], reviews: [], recoveryKit: true };
  for (let s = 1; s <= SCHOOLS; s += 1) snapshot.schools.push({ id: s, code: `S${s}`, name: `School ${s}` });
  for (let id = 1; id <= PEOPLE; id += 1) {
    const common = { id, name: `Person ${id}`, email: emailOf(id), lastActiveAt: '2026-11-20T09:00:00.000Z' };
    if (id <= CORE) snapshot.people.push(person({ ...common, role: 'core-team', schoolId: null, consoleRole: 'admin' }));
    else if (id <= CORE + SCHOOLS) snapshot.people.push(person({ ...common, role: 'slt', schoolId: id - CORE, consoleRole: 'poster' }));
    else snapshot.people.push(person({ ...common, role: 'staff', schoolId: ((id - CORE - SCHOOLS - 1) % SCHOOLS) + 1, consoleRole: id % 3 === 0 ? 'poster' : null }));
    snapshot.training.push({ personId: id, trainedOn: '2026-06-01', trainerId: id === 1 ? 2 : 1 });
  }
  const window = monitoringWindow(TODAY).days;
  for (let ch = 1; ch <= CHANNELS; ch += 1) {
    const school = schoolOfChannel(ch);
    const core = (j: number) => ((ch - 1 + j) % CORE) + 1;
    snapshot.channels.push(
      channel({
        id: ch,
        platform: platforms[ch % platforms.length] ?? 'x',
        handle: `@channel${ch}`,
        name: `Channel ${ch}`,
        schoolId: school,
        registrationEmail: `social${ch}@trust.example`,
        mailboxAccess: [emailOf(core(0)), emailOf(school === null ? core(1) : sltOf(school))],
        twoFactor: ch % 7 === 0 ? 'not-enabled' : ch % 11 === 0 ? 'not-available' : 'enabled',
      }),
    );
    const current = (personId: number) => snapshot.grants.push({ channelId: ch, personId, grantedAt: '2026-01-05T10:00:00.000Z', revokedAt: null });
    current(core(0));
    current(school === null ? core(1) : sltOf(school));
    for (let j = 0; j < 4; j += 1) current(school === null ? core(2 + j) : staffOf(school, (ch + j) % 18));
    // Former holders from another school, whose access ended before the password was last changed
    // (1 October 2026), except on every 50th channel, where the first one ended after it.
    const other = ((school ?? ch) % SCHOOLS) + 1;
    for (let j = 0; j < GRANTS_PER_CHANNEL - 6; j += 1) {
      const late = ch % 50 === 0 && j === 0;
      snapshot.grants.push({ channelId: ch, personId: staffOf(other, j % 18), grantedAt: '2025-09-01T10:00:00.000Z', revokedAt: late ? '2026-11-01T10:00:00.000Z' : '2026-05-01T10:00:00.000Z' });
    }
    if (ch % 25 !== 0) for (const date of window) snapshot.monitoring.push({ channelId: ch, date });
    // Every channel has a full rota but every hundredth, which has no one at weekends.
    for (let weekday = 1; weekday <= (ch % 100 === 0 ? 5 : 7); weekday += 1) snapshot.rota.push({ channelId: ch, weekday, personId: 1 });
  }
  for (let id = 1; id <= 10_000; id += 1) {
    const channelId = (id % CHANNELS) + 1;
    if (id % 1000 === 0) {
      snapshot.inbox.push({ id, channelId, kind: 'pupil-contact', receivedAt: '2026-11-02T10:00:00.000Z', dueOn: '2026-11-09', lateFrom: '2026-11-10', respondedAt: null, dslNotifiedAt: null });
    } else {
      const kind = (['comment', 'query', 'complaint', 'concern'] as const)[id % 4] ?? 'comment';
      const unanswered = id % 100 === 0;
      snapshot.inbox.push({ id, channelId, kind, receivedAt: '2026-11-13T10:00:00.000Z', dueOn: '2026-11-20', lateFrom: '2026-11-23', respondedAt: unanswered ? null : '2026-11-16T10:00:00.000Z', dslNotifiedAt: null });
    }
  }
  for (let id = 1; id <= 100; id += 1) {
    snapshot.incidents.push({ id, channelId: (id % CHANNELS) + 1, openedAt: '2026-11-01T10:00:00.000Z', escalatedTo: [emailOf(1)], closedAt: id % 2 === 0 ? '2026-11-05T10:00:00.000Z' : null, evidenceCount: 1 });
  }
  return snapshot;
}

function countByRule(findings: Finding[]): Record<RuleId, number> {
  const counts = Object.fromEntries(ruleIds.map((id) => [id, 0])) as Record<RuleId, number>;
  for (const finding of findings) counts[finding.ruleId] += 1;
  return counts;
}

describe('the compliance engine at scale', () => {
  it('builds the size it claims', () => {
    const snapshot = bigTrust();
    expect([snapshot.channels.length, snapshot.people.length, snapshot.grants.length, snapshot.inbox.length]).toEqual([500, 2000, 20_000, 10_000]);
  });

  it('finds every planted fault and nothing else', () => {
    const snapshot = bigTrust();
    // Ten current staff holders leave.
    const leavers = new Set<number>();
    for (const grant of snapshot.grants) {
      if (grant.revokedAt === null && grant.personId > CORE + SCHOOLS && leavers.size < 10) leavers.add(grant.personId);
    }
    for (const p of snapshot.people) if (leavers.has(p.id)) p.leftOn = '2026-09-01';

    const findings = evaluateCompliance(snapshot, defaultPolicyProfile, TODAY);
    expect(countByRule(findings)).toEqual({
      'core-team-holder': 0,
      'school-slt-holder': 0,
      'holder-left': 10,
      'holder-inactive': 0,
      'mailbox-dedicated': 0,
      'mailbox-shared-access': 0,
      'two-factor': 71, // channels 7, 14, … 497
      'rotate-after-revoke': 10, // channels 50, 100, … 500
      'poster-training': 0,
      'response-deadline': 90, // inbox items 100, 200, … less the ten from pupils
      'pupil-contact-dsl': 10, // inbox items 1000, 2000, …
      'monitoring-coverage': 20, // channels 25, 50, … 500
      'monitoring-rota': 5, // channels 100, 200, … 500: nobody at weekends
      'incident-escalation': 0,
      'policy-review': 1, // no review recorded: January 2026 has passed
      'recovery-kit': 0,
    });

    const keys = (ruleId: RuleId) => new Set(findings.filter((f) => f.ruleId === ruleId).map((f) => f.subject.key));
    expect(keys('two-factor')).toEqual(new Set(snapshot.channels.filter((c) => c.twoFactor === 'not-enabled').map((c) => `${c.platform}:${c.handle}`)));
    expect(keys('holder-left')).toEqual(new Set([...leavers].map(emailOf)));
    expect(keys('monitoring-coverage')).toEqual(new Set(snapshot.channels.filter((c) => c.id % 25 === 0).map((c) => `${c.platform}:${c.handle}`)));
    expect(findings.filter((f) => f.ruleId === 'rotate-after-revoke').every((f) => f.severity === 'high')).toBe(true);
    expect(findings.map((f) => f.severity)).toEqual([...findings.map((f) => f.severity)].sort((a, b) => ['high', 'medium', 'low'].indexOf(a) - ['high', 'medium', 'low'].indexOf(b)));
  });

  it('breaks the register at scale and finds every channel affected', () => {
    const snapshot = bigTrust();
    // Every SLT member leaves: every school channel loses its SLT holder.
    for (const p of snapshot.people) if (p.role === 'slt') p.leftOn = '2026-08-31';
    const counts = countByRule(evaluateCompliance(snapshot, defaultPolicyProfile, TODAY));
    expect(counts['school-slt-holder']).toBe(CHANNELS - TRUST_CHANNELS);
    expect(counts['holder-left']).toBe(SCHOOLS);
    expect(counts['mailbox-shared-access']).toBe((CHANNELS - TRUST_CHANNELS) * 2); // the leaver's access, and too few left
    expect(counts['core-team-holder']).toBe(0);
  });
});
