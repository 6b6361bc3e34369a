import type { ComplianceRule, Finding } from '../compliance-finding';
import { indexSnapshot } from '../compliance-index';
import { listOf } from '../compliance-words';
import { policySentences } from '../policy-sentences';

/** ISO weekdays as the rota stores them: 1 = Monday … 7 = Sunday. */
const dayNames = ['Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays', 'Sundays'] as const;

/**
 * Check-ins show what happened; the rota shows whose turn it will be. A day of the week with
 * nobody on a channel's rota (or only someone who has left) is a day the account will go
 * unwatched unless somebody happens to look. A profile of fewer than 7 monitoring days a week
 * allows that many empty days.
 */
export const monitoringRotaRule: ComplianceRule = {
  id: 'monitoring-rota',
  title: 'Someone is on the monitoring rota for every day',
  source: 'policy',
  policy: policySentences.monitoring,
  evaluate(snapshot, profile, today) {
    const index = indexSnapshot(snapshot);
    const onRota = new Map<number, Map<number, number>>();
    for (const entry of snapshot.rota) {
      let days = onRota.get(entry.channelId);
      if (days === undefined) {
        days = new Map();
        onRota.set(entry.channelId, days);
      }
      days.set(entry.weekday, entry.personId);
    }
    const allowed = 7 - profile.monitoringDaysPerWeek;
    const findings: Finding[] = [];
    for (const channel of snapshot.channels) {
      const days = onRota.get(channel.id);
      const empty: number[] = [];
      const leavers = new Set<string>();
      for (let weekday = 1; weekday <= 7; weekday += 1) {
        const person = index.personById.get(days?.get(weekday) ?? -1);
        if (person === undefined) empty.push(weekday);
        else if (person.leftOn !== null && person.leftOn <= today) {
          empty.push(weekday);
          leavers.add(person.name);
        }
      }
      if (empty.length <= allowed) continue;
      const subject = index.channelSubject(channel.id);
      const who = leavers.size === 0 ? '' : ` (${listOf([...leavers])} ${leavers.size === 1 ? 'has' : 'have'} left)`;
      findings.push({
        ruleId: 'monitoring-rota',
        severity: empty.length === 7 || leavers.size > 0 ? 'medium' : 'low',
        subject,
        message:
          empty.length === 7 && leavers.size === 0
            ? `Nobody is on the monitoring rota for ${subject.name}.`
            : `Nobody is on the monitoring rota for ${subject.name} on ${listOf(empty.map((d) => dayNames[d - 1] ?? ''), 7)}${who}.`,
        fix: 'Put someone on the rota for those days (Monitoring, or custodian monitor assign), weekends and holidays included.',
      });
    }
    return findings;
  },
};
