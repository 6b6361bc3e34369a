import { describe, expect, it } from 'vitest';
import type { FindingSubject } from '../../shared/compliance/compliance-finding';
import { monitoringWindow } from '../../shared/compliance/rules/monitoring-coverage.rule';
import { TODAY, channelIn, channelKeys, channelNames, compliantSnapshot, findingsOf, ids, onlyFinding } from './compliance-fixture';

const trustX: FindingSubject = { kind: 'channel', key: channelKeys.trustX, name: channelNames.trustX };
const ben: FindingSubject = { kind: 'person', key: 'ben.barker@bowland.example', name: 'Ben Barker' };
const cara: FindingSubject = { kind: 'person', key: 'cara.clegg@bowland.example', name: 'Cara Clegg' };

// The daily-work rules (training, responses, monitoring, incidents, the policy review); the register's are in compliance-rules.test.ts.
describe('poster-training', () => {
  it('passes when everyone who can post has in-date training from an account administrator', () => {
    expect(findingsOf('poster-training', compliantSnapshot())).toEqual([]);
  });

  it('flags a poster with no training', () => {
    const snapshot = compliantSnapshot();
    snapshot.training = snapshot.training.filter((t) => t.personId !== ids.cara);
    const finding = onlyFinding(findingsOf('poster-training', snapshot), { ruleId: 'poster-training', severity: 'high', subject: cara });
    expect(finding.message).toBe('Cara Clegg can post through Custodian but has no record of social media training.');
  });

  it('flags a holder whose training ran out (medium) or runs out within 30 days (low)', () => {
    const snapshot = compliantSnapshot();
    snapshot.training = snapshot.training.map((t) => (t.personId === ids.ben ? { ...t, trainedOn: '2025-11-01' } : t));
    const expired = onlyFinding(findingsOf('poster-training', snapshot), { ruleId: 'poster-training', severity: 'medium', subject: ben }, ['Ben Barker', channelNames.bowlandInstagram]);
    expect(expired.message).toContain('ran out on 1 November 2026');
    snapshot.training = snapshot.training.map((t) => (t.personId === ids.ben ? { ...t, trainedOn: '2025-12-10' } : t));
    expect(onlyFinding(findingsOf('poster-training', snapshot), { ruleId: 'poster-training', severity: 'low', subject: ben }).message).toBe(
      "Ben Barker's social media training runs out on 10 December 2026.",
    );
  });

  it('flags training not given by an account administrator', () => {
    const snapshot = compliantSnapshot();
    snapshot.training = snapshot.training.map((t) => (t.personId === ids.cara ? { ...t, trainerId: ids.cara } : t));
    onlyFinding(findingsOf('poster-training', snapshot), { ruleId: 'poster-training', severity: 'low', subject: cara });
  });
});

describe('response-deadline', () => {
  it('passes for replies on time, and leaves messages from pupils to the DSL rule', () => {
    const snapshot = compliantSnapshot();
    expect(snapshot.inbox.find((i) => i.id === ids.pupilMessage)?.dueOn.localeCompare(TODAY)).toBe(-1);
    expect(findingsOf('response-deadline', snapshot)).toEqual([]);
  });

  const inboxSubject = { kind: 'inbox-item' as const, key: String(ids.complaint), name: `Complaint received 2 November 2026 via ${channelNames.bowlandInstagram}` };

  it('flags an unanswered complaint past its due date', () => {
    const snapshot = compliantSnapshot();
    snapshot.inbox[0] = { ...snapshot.inbox[0]!, respondedAt: null };
    const finding = onlyFinding(findingsOf('response-deadline', snapshot), { ruleId: 'response-deadline', severity: 'high', subject: inboxSubject }, [channelNames.bowlandInstagram]);
    expect(finding.message).toBe('A complaint received on 2 November 2026 through Bowland Primary on Instagram (@bowlandprimary) was due a reply by 9 November 2026 and has not been answered.');
  });

  it('flags one due today or tomorrow (low) and one answered late within the last year (medium)', () => {
    const soon = compliantSnapshot();
    soon.inbox[0] = { ...soon.inbox[0]!, respondedAt: null, dueOn: '2026-11-25', lateFrom: '2026-11-26' };
    expect(onlyFinding(findingsOf('response-deadline', soon), { ruleId: 'response-deadline', severity: 'low', subject: inboxSubject }, [channelNames.bowlandInstagram]).message).toContain('due a reply by tomorrow');
    const late = compliantSnapshot();
    late.inbox[0] = { ...late.inbox[0]!, respondedAt: '2026-11-10T23:30:00.000Z' };
    expect(onlyFinding(findingsOf('response-deadline', late), { ruleId: 'response-deadline', severity: 'medium', subject: inboxSubject }, [channelNames.bowlandInstagram]).message).toContain(
      'was answered on 10 November 2026, after its deadline of 9 November 2026',
    );
    expect(findingsOf('response-deadline', late, {}, '2027-12-01')).toEqual([]);
  });

  it('keeps a Friday deadline in time over the weekend: late only from the next school day', () => {
    const weekend = compliantSnapshot();
    weekend.inbox[0] = { ...weekend.inbox[0]!, respondedAt: null, dueOn: '2026-11-20', lateFrom: '2026-11-23' };
    const saturday = onlyFinding(findingsOf('response-deadline', weekend, {}, '2026-11-21'), { ruleId: 'response-deadline', severity: 'low', subject: inboxSubject }, [
      channelNames.bowlandInstagram,
    ]);
    expect(saturday.message).toContain('still in time');
    expect(findingsOf('response-deadline', weekend, {}, '2026-11-23')[0]?.severity).toBe('high');
    const answeredSunday = compliantSnapshot();
    answeredSunday.inbox[0] = { ...answeredSunday.inbox[0]!, respondedAt: '2026-11-22T10:00:00.000Z', dueOn: '2026-11-20', lateFrom: '2026-11-23' };
    expect(findingsOf('response-deadline', answeredSunday, {}, '2026-11-24')).toEqual([]);
  });
});

describe('pupil-contact-dsl', () => {
  it('passes when the DSL was told', () => {
    expect(findingsOf('pupil-contact-dsl', compliantSnapshot())).toEqual([]);
  });

  it('flags a message from a pupil not passed to the DSL', () => {
    const snapshot = compliantSnapshot();
    snapshot.inbox[1] = { ...snapshot.inbox[1]!, dslNotifiedAt: null };
    const subject = { kind: 'inbox-item' as const, key: String(ids.pupilMessage), name: `Message from a pupil received 10 November 2026 via ${channelNames.bowlandInstagram}` };
    const finding = onlyFinding(findingsOf('pupil-contact-dsl', snapshot), { ruleId: 'pupil-contact-dsl', severity: 'high', subject }, [channelNames.bowlandInstagram]);
    expect(finding.message).toContain('has not been passed to the DSL');
  });
});

describe('monitoring-coverage', () => {
  it('passes when every day of the last 7 has a check-in (today is not missed until it is over)', () => {
    expect(monitoringWindow(TODAY)).toMatchObject({ from: '2026-11-18', to: '2026-11-24' });
    expect(findingsOf('monitoring-coverage', compliantSnapshot())).toEqual([]);
  });

  it('flags the days nobody checked, by severity of the gap', () => {
    const snapshot = compliantSnapshot();
    snapshot.monitoring = snapshot.monitoring.filter((m) => !(m.channelId === ids.trustX && (m.date === '2026-11-21' || m.date === '2026-11-22')));
    const finding = onlyFinding(findingsOf('monitoring-coverage', snapshot), { ruleId: 'monitoring-coverage', severity: 'low', subject: trustX });
    expect(finding.message).toBe('Nobody recorded checking Pendle Education Trust on X (@pendleeducation) on 2 days of the last 7: Saturday 21 November and Sunday 22 November.');
    expect(findingsOf('monitoring-coverage', snapshot, { monitoringDaysPerWeek: 5 })).toEqual([]);
    snapshot.monitoring = snapshot.monitoring.filter((m) => m.channelId !== ids.trustX);
    expect(onlyFinding(findingsOf('monitoring-coverage', snapshot), { ruleId: 'monitoring-coverage', severity: 'high', subject: trustX }).message).toContain('in the last 7 days');
    // A check today counts: the six days before it are still missed.
    snapshot.monitoring = [...snapshot.monitoring, { channelId: ids.trustX, date: TODAY }];
    expect(onlyFinding(findingsOf('monitoring-coverage', snapshot), { ruleId: 'monitoring-coverage', severity: 'medium', subject: trustX }).message).toContain('on 6 days of the last 7');
  });

  it('does not count the days before a channel was added to Custodian, unless someone recorded a check on one', () => {
    const snapshot = compliantSnapshot();
    snapshot.monitoring = snapshot.monitoring.filter((m) => m.channelId !== ids.trustX);
    // Added today: nothing is missed yet.
    channelIn(snapshot, ids.trustX).addedOn = TODAY;
    expect(findingsOf('monitoring-coverage', snapshot)).toEqual([]);
    // Added on Sunday: Sunday and Monday are missed, not the five days before it existed.
    channelIn(snapshot, ids.trustX).addedOn = '2026-11-22';
    const finding = onlyFinding(findingsOf('monitoring-coverage', snapshot), { ruleId: 'monitoring-coverage', severity: 'high', subject: trustX });
    expect(finding.message).toBe('Nobody recorded checking Pendle Education Trust on X (@pendleeducation) since it was added on Sunday 22 November.');
    // A check kept from before it was added counts, and the days from it on are counted.
    snapshot.monitoring = [...snapshot.monitoring, { channelId: ids.trustX, date: '2026-11-20' }];
    expect(onlyFinding(findingsOf('monitoring-coverage', snapshot), { ruleId: 'monitoring-coverage', severity: 'medium', subject: trustX }).message).toBe(
      'Nobody recorded checking Pendle Education Trust on X (@pendleeducation) on 3 days of the last 5: Saturday 21 November, Sunday 22 November and Monday 23 November.',
    );
  });
});

describe('incident-escalation', () => {
  const incident = { kind: 'incident' as const, key: String(ids.incident), name: `Incident opened 20 November 2026 on ${channelNames.bowlandInstagram}` };

  it('passes for an escalated incident with evidence, and ignores closed ones', () => {
    const snapshot = compliantSnapshot();
    snapshot.incidents.push({ id: 201, channelId: ids.trustX, openedAt: '2026-06-01T09:00:00.000Z', escalatedTo: [], closedAt: '2026-06-02T09:00:00.000Z', evidenceCount: 0 });
    expect(findingsOf('incident-escalation', snapshot)).toEqual([]);
  });

  it('flags an open incident nobody escalated: high after a day, medium before', () => {
    const snapshot = compliantSnapshot();
    snapshot.incidents[0] = { ...snapshot.incidents[0]!, escalatedTo: [] };
    const finding = onlyFinding(findingsOf('incident-escalation', snapshot), { ruleId: 'incident-escalation', severity: 'high', subject: incident }, [channelNames.bowlandInstagram]);
    expect(finding.message).toContain('has not been reported to a senior member of staff');
    expect(findingsOf('incident-escalation', snapshot, {}, '2026-11-21')[0]?.severity).toBe('medium');
  });

  it('flags an open incident with no evidence', () => {
    const snapshot = compliantSnapshot();
    snapshot.incidents[0] = { ...snapshot.incidents[0]!, evidenceCount: 0 };
    expect(onlyFinding(findingsOf('incident-escalation', snapshot), { ruleId: 'incident-escalation', severity: 'medium', subject: incident }, [channelNames.bowlandInstagram]).message).toContain(
      'has no evidence attached',
    );
  });
});

describe('policy-review', () => {
  const trust = { kind: 'trust' as const, key: 'trust', name: 'Pendle Education Trust' };

  it('passes when a recorded review set a next date still ahead', () => {
    expect(findingsOf('policy-review', compliantSnapshot())).toEqual([]);
  });

  it("reports the seed policy's January 2026 review date as overdue", () => {
    const snapshot = compliantSnapshot();
    snapshot.reviews = [];
    const finding = onlyFinding(findingsOf('policy-review', snapshot), { ruleId: 'policy-review', severity: 'high', subject: trust }, ['January 2026']);
    expect(finding.message).toBe('The social media policy was due for review in January 2026 and is now overdue. No review has been recorded in Custodian.');
  });

  it('warns a month ahead, and a review cannot move the date earlier than the profile', () => {
    const snapshot = compliantSnapshot();
    snapshot.reviews = [{ reviewedOn: '2025-01-10', nextReviewOn: '2025-12-31' }];
    expect(findingsOf('policy-review', snapshot)[0]?.message).toContain('due for review in January 2026');
    expect(onlyFinding(findingsOf('policy-review', snapshot, {}, '2026-01-15'), { ruleId: 'policy-review', severity: 'low', subject: trust }, ['31 January 2026']).message).toContain(
      'It was last reviewed on 10 January 2025.',
    );
  });
});

describe('monitoring-rota', () => {
  it('passes when someone who has not left is on the rota every day of the week', () => {
    expect(findingsOf('monitoring-rota', compliantSnapshot())).toEqual([]);
  });

  it('names the empty days, and a leaver still on the rota', () => {
    const weekends = compliantSnapshot();
    weekends.rota = weekends.rota.filter((r) => !(r.channelId === ids.trustX && r.weekday >= 6));
    const gap = onlyFinding(findingsOf('monitoring-rota', weekends), { ruleId: 'monitoring-rota', severity: 'low', subject: trustX });
    expect(gap.message).toBe('Nobody is on the monitoring rota for Pendle Education Trust on X (@pendleeducation) on Saturdays and Sundays.');
    // A profile of 5 days a week allows two empty days.
    expect(findingsOf('monitoring-rota', weekends, { monitoringDaysPerWeek: 5 })).toEqual([]);

    const leaver = compliantSnapshot();
    leaver.people = leaver.people.map((p) => (p.id === ids.ben ? { ...p, leftOn: '2026-11-01' } : p));
    const left = findingsOf('monitoring-rota', leaver).filter((f) => f.subject.key === channelKeys.trustX);
    expect(left).toEqual([expect.objectContaining({ severity: 'medium' })]);
    expect(left[0]?.message).toContain('Ben Barker has left');

    const none = compliantSnapshot();
    none.rota = [];
    expect(findingsOf('monitoring-rota', none).map((f) => f.message)).toContain('Nobody is on the monitoring rota for Pendle Education Trust on X (@pendleeducation).');
  });
});
